// Dates a database holds that are no calendar day (MariaDB's zero dates, 2024-02-30 in a text
// column) are rejected rows, named by column like the file readers name them: never a dossier
// counted as overdue, never listed by hcc overdue, never a failed command. Real hcc processes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HCC, runHcc, tempDir } from '../helpers/run-hcc.js';
import { MYSQL_URL, PG_URL, adminKnex, skipReason, tableName } from './db.js';

let dir: string;
beforeAll(() => {
  expect(existsSync(HCC)).toBe(true);
  dir = tempDir('hcc-baddates-');
});

/** `hcc table` and `hcc overdue` over the table: the JSON table, the overdue codes, and both rejects files. */
function runBoth(url: string, table: string) {
  const tableRejects = join(dir, `${table}-table.csv`);
  const overdueRejects = join(dir, `${table}-overdue.csv`);
  const t = runHcc(['table', '--db', url, '--source-table', table, '--period', '2024', '--format', 'json', '--rejects', tableRejects], { cwd: dir });
  const o = runHcc(['overdue', '--db', url, '--source-table', table, '--as-of', '2024-12-31', '--format', 'csv', '--rejects', overdueRejects], { cwd: dir });
  expect(t.stderr).not.toMatch(/lỗi/);
  expect(o.stderr).not.toMatch(/lỗi/);
  expect(t.status).toBe(0);
  expect(o.status).toBe(0);
  const listed = o.stdout
    .trim()
    .split('\n')
    .slice(1)
    .filter((l) => l.startsWith('overdue,'))
    .map((l) => l.split(',')[1]);
  return { table: JSON.parse(t.stdout), tableRun: t, overdueRun: o, listed, rejects: [readFileSync(tableRejects, 'utf8'), readFileSync(overdueRejects, 'utf8')] };
}

const mySkip = skipReason('MariaDB', MYSQL_URL, 'HCC_TEST_MYSQL_URL');
describe.skipIf(mySkip !== null)(`MariaDB${mySkip ? ` (${mySkip})` : ''}`, () => {
  const table = tableName('hcc_zero_cli');
  let lax: Knex;
  beforeAll(async () => {
    // As a server in a lax sql_mode stores them: zero dates and zero parts in DATE, DATETIME and TIMESTAMP.
    lax = knexFactory({
      client: 'mysql2',
      connection: { uri: MYSQL_URL!.replace(/^mariadb:/, 'mysql:'), dateStrings: true },
      pool: { min: 0, max: 1, afterCreate: (c: any, done: any) => c.query("SET sql_mode = ''", (e: unknown) => done(e, c)) },
    });
    await lax.raw(
      'CREATE TABLE ?? (code VARCHAR(20), agency VARCHAR(50), received_at TIMESTAMP NULL, due_at DATE, resolved_at DATETIME NULL, status INT, channel INT, apology_at VARCHAR(20)) DEFAULT CHARSET = utf8mb4',
      [table],
    );
    // apology_at is text, both layouts: CAST('2024-02-30' AS DATE) is NULL in MariaDB (Z7).
    await lax.raw(
      `INSERT INTO ?? VALUES
        ('OK1', 'Sở Tư pháp', '2024-03-01 08:00', '2024-03-10', NULL, 4, 1, '20240305'),
        ('OK2', 'Sở Tư pháp', '2024-03-01 08:00', '2024-03-10', '2024-03-05 10:00', 10, 1, '2024-03-06 09:00'),
        ('Z1', 'Sở Tư pháp', '2024-03-01 08:00', '0000-00-00', NULL, 4, 1, NULL),
        ('Z2', 'Sở Tư pháp', '2024-03-01 08:00', '2024-00-00', NULL, 4, 2, NULL),
        ('Z3', 'Sở Tư pháp', '2024-03-01 08:00', '2024-02-00', NULL, 4, 1, NULL),
        ('Z4', 'Sở Tư pháp', '0000-00-00 00:00:00', '2024-03-10', NULL, 4, 1, NULL),
        ('Z5', 'Sở Tư pháp', '2024-03-01 08:00', '2024-03-10', '0000-00-00 00:00:00', 10, 1, NULL),
        ('Z6', 'Sở Tư pháp', '2024-03-01 08:00', '1850-01-01', NULL, 4, 1, NULL),
        ('Z7', 'Sở Tư pháp', '2024-03-01 08:00', '2024-03-10', NULL, 4, 1, '2024-02-30'),
        ('Z8', 'Sở Tư pháp', '2024-03-01 08:00', '2024-03-10', NULL, 4, 1, '20240200')`,
      [table],
    );
    const [[{ zeros }]] = await lax.raw("SELECT COUNT(*) AS zeros FROM ?? WHERE due_at = '0000-00-00' OR due_at LIKE '%-00%'", [table]);
    expect(Number(zeros)).toBe(3);
  });
  afterAll(async () => {
    await lax?.schema.dropTableIfExists(table);
    await lax?.destroy();
  });

  it('zero dates are rejected, named by column, in hcc table and hcc overdue; never overdue, never listed', () => {
    const r = runBoth(MYSQL_URL!, table);
    // Only OK1 (pending, overdue) and OK2 (resolved early) are dossiers.
    expect(r.table.total.received.total).toBe(2);
    expect(r.table.total.pending.overdue).toBe(1);
    expect(r.table.total.resolved.early).toBe(1);
    expect(r.tableRun.stderr).toContain('8 dòng không dùng được');
    expect(r.listed).toEqual(['OK1']);
    for (const rejects of r.rejects) {
      expect(rejects).toContain('Z1,bad-date,"cột ""due_at"": ngày không hợp lệ ""0000-00-00"": không có tháng 0"');
      expect(rejects).toContain('Z2,bad-date,"cột ""due_at"": ngày không hợp lệ ""2024-00-00"": không có tháng 0"');
      expect(rejects).toMatch(/Z3,bad-date,"cột ""due_at"": ngày không hợp lệ ""2024-02-00""/);
      expect(rejects).toContain('Z4,bad-date,"cột ""received_at"": ngày không hợp lệ ""0000-00-00 00:00:00""');
      expect(rejects).toContain('Z5,bad-date,"cột ""resolved_at"": ngày không hợp lệ ""0000-00-00 00:00:00""');
      expect(rejects).toContain('Z6,bad-date,"cột ""due_at"": năm ngoài khoảng hợp lý 1990–2100 ""1850-01-01""');
      expect(rejects).toContain('Z7,bad-date,"cột ""apology_at"": ngày không hợp lệ ""2024-02-30"": tháng 2/2024 chỉ có 29 ngày"');
      expect(rejects).toContain('Z8,bad-date,"cột ""apology_at"": ngày không hợp lệ ""20240200""');
    }
  });
});

const pgSkip = skipReason('PostgreSQL', PG_URL, 'HCC_TEST_PG_URL');
describe.skipIf(pgSkip !== null)(`PostgreSQL${pgSkip ? ` (${pgSkip})` : ''}`, () => {
  const table = tableName('hcc_baddate_cli');
  let admin: Knex;
  beforeAll(async () => {
    admin = adminKnex(PG_URL!);
    // Dates kept as text (and as compact text): CAST('2024-02-30' AS DATE) fails the whole query.
    // Both text layouts in one column (OK3), and an optional column whose only value is no date (B6).
    await admin.raw('CREATE TABLE ?? (code text, agency text, received_at text, due_at varchar(14), resolved_at date, status integer, apology_at text)', [table]);
    await admin.raw(
      `INSERT INTO ?? VALUES
        ('OK1', 'Sở Tư pháp', '2024-03-01 08:00', '20240310170000', NULL, 4, NULL),
        ('OK2', 'Sở Tư pháp', '2024-03-01', '20240310', '2024-03-05', 10, ''),
        ('OK3', 'Sở Tư pháp', '20240302', '20240310', '2024-03-05', 10, NULL),
        ('B1', 'Sở Tư pháp', '2024-03-01', '20240230170000', NULL, 4, NULL),
        ('B2', 'Sở Tư pháp', '2024-02-30 08:00', '20240310', NULL, 4, NULL),
        ('B3', 'Sở Tư pháp', '2024-13-01', '20240310', NULL, 4, NULL),
        ('B4', 'Sở Tư pháp', 'hôm qua', '20240310', NULL, 4, NULL),
        ('B5', 'Sở Tư pháp', '2024-03-01', '20240310', '1850-03-05', 10, NULL),
        ('B6', 'Sở Tư pháp', '2024-03-01', '20240310', NULL, 4, 'Không')`,
      [table],
    );
  });
  afterAll(async () => {
    await admin?.schema.dropTableIfExists(table);
    await admin?.destroy();
  });

  it('impossible days in text columns are rejected rows, not a failed count', () => {
    const r = runBoth(PG_URL!, table);
    expect(r.table.total.received.total).toBe(3);
    expect(r.table.total.pending.overdue).toBe(1);
    expect(r.table.total.resolved.early).toBe(2);
    expect(r.tableRun.stderr).toContain('6 dòng không dùng được');
    expect(r.listed).toEqual(['OK1']);
    for (const rejects of r.rejects) {
      expect(rejects).toContain('B1,bad-date,"cột ""due_at"": ngày không hợp lệ ""20240230170000"": tháng 2/2024 chỉ có 29 ngày"');
      expect(rejects).toContain('B2,bad-date,"cột ""received_at"": ngày không hợp lệ ""2024-02-30 08:00"": tháng 2/2024 chỉ có 29 ngày"');
      expect(rejects).toContain('B3,bad-date,"cột ""received_at"": ngày không hợp lệ ""2024-13-01"": không có tháng 13"');
      expect(rejects).toContain('B4,bad-date,"cột ""received_at"": không đọc được ngày ""hôm qua""');
      expect(rejects).toContain('B5,bad-date,"cột ""resolved_at"": năm ngoài khoảng hợp lý 1990–2100 ""1850-03-05""');
      expect(rejects).toContain('B6,bad-date,"cột ""apology_at"": không đọc được ngày ""Không""');
    }
  });
});
