-- The per-agency aggregate of one period (2024) over the bench table, the way the counting rules of
-- README "How dossiers are counted" read in SQL: psql runs it alone to show what hcc adds on top.
-- {{table}} is replaced by the bench (dossiers_<N>).
WITH t AS (
  SELECT agency, received_at::date AS r, resolved_at::date AS s, due_at::date AS d, status AS st, channel AS ch
  FROM {{table}}
  WHERE (received_at IS NULL AND status IN (1, 3))
     OR (received_at < DATE '2025-01-01' AND (resolved_at IS NULL OR resolved_at >= DATE '2024-01-01'))
)
SELECT agency,
  count(*) FILTER (WHERE st NOT IN (1, 3, 7, 8) AND r >= DATE '2024-01-01') AS new,
  count(*) FILTER (WHERE st NOT IN (1, 3, 7, 8) AND r < DATE '2024-01-01') AS carried_over,
  count(*) FILTER (WHERE st NOT IN (1, 3, 7, 8) AND r >= DATE '2024-01-01' AND ch = 2) AS online,
  count(*) FILTER (WHERE st NOT IN (1, 3, 7, 8) AND r >= DATE '2024-01-01' AND ch = 1) AS direct,
  count(*) FILTER (WHERE st NOT IN (1, 3, 7, 8) AND r >= DATE '2024-01-01' AND ch = 3) AS postal,
  count(*) FILTER (WHERE st NOT IN (1, 3, 7, 8) AND s <= DATE '2024-12-31' AND s < d) AS early,
  count(*) FILTER (WHERE st NOT IN (1, 3, 7, 8) AND s <= DATE '2024-12-31' AND (d IS NULL OR s = d)) AS on_time,
  count(*) FILTER (WHERE st NOT IN (1, 3, 7, 8) AND s <= DATE '2024-12-31' AND s > d) AS late,
  count(*) FILTER (WHERE st NOT IN (1, 3, 7, 8) AND (s IS NULL OR s > DATE '2024-12-31') AND (st = 5 OR d IS NULL OR d >= DATE '2024-12-31')) AS not_due,
  count(*) FILTER (WHERE st NOT IN (1, 3, 7, 8) AND (s IS NULL OR s > DATE '2024-12-31') AND st <> 5 AND d < DATE '2024-12-31') AS overdue,
  count(*) FILTER (WHERE st = 7) AS withdrawn,
  count(*) FILTER (WHERE st = 8) AS stopped,
  count(*) FILTER (WHERE st IN (1, 3)) AS not_received
FROM t
GROUP BY agency
ORDER BY agency;
