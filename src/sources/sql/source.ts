// The store and external databases as dossier sources: opening one, counting per period, listing dossiers, reporting rejected rows.
// Counting happens inside the database: per period ONE aggregate query (GROUP BY the group, the
// rules of rules.ts), so only one row per group leaves it.
import { existsSync } from 'node:fs';
import type { Knex } from 'knex';
import type { AgencyList } from '../../core/agencies.js';
import { looseKey } from '../../core/agencies.js';
import { agencyMatcher } from '../../core/grouping.js';
import { calendarMonths } from '../../core/periods.js';
import type { GroupTallies } from '../../core/table.js';
import type { Channel, Dossier, GroupBy, MonthCount, Period, Reject, RuleOptions, StatusCode } from '../../core/types.js';
import type { Warning } from '../../core/warnings.js';
import { UserError } from '../../errors.js';
import type { CountQuery, CountResult, DossierScope, DossierSource, DueDateGroup, Filters, SourceSettings } from '../source.js';
import { DEFAULT_STORE, migrateStore, resolveStorePath } from '../store.js';
import { checkIdentifier, connectionFor, describeSource, quietKnex, storeKnex } from './connect.js';
import { DATE_FIELDS, describeTable, sourceSection, storeShape, type TableShape } from './describe.js';
import { DIALECTS, type Dialect } from './dialect.js';
import { closeSocket, rowsOf, type Row } from './driver.js';
import { translateDbError } from './errors.js';
import { compose, frag, inList, joinFrags, type Frag } from './frag.js';
import { DATE_FLAG, normalisedRows, storedReceived } from './normalise.js';
import { periodResult, rejectOfRow, textOrNull, type PeriodResult } from './results.js';
import {
  CATEGORY_COLUMNS,
  categoryColumns,
  dueDateCounted,
  listingCondition,
  MONTH_COLUMNS,
  monthColumns,
  monthCountStatement,
  monthTallies,
  scopeCondition,
  tallyFromCategories,
} from './rules.js';

/** `grp` and the category columns, by position (1, 2, …): the inner grouping of periodStatements. */
const CATEGORY_GROUP_BY = Array.from({ length: 1 + CATEGORY_COLUMNS.length }, (_, i) => i + 1).join(', ');
/** The same with the month columns after them (periodStatements with `monthsOf`). */
const MONTH_GROUP_BY = Array.from({ length: 1 + CATEGORY_COLUMNS.length + MONTH_COLUMNS.length }, (_, i) => i + 1).join(', ');

export type SqlTarget = { kind: 'store'; path?: string } | { kind: 'database'; url: string; table?: string };

export async function openSqlSource(target: SqlTarget, config: SourceSettings): Promise<DossierSource> {
  return target.kind === 'store' ? openStore(target.path, config) : openDatabase(target.url, target.table, config);
}

async function openStore(flag: string | undefined, config: SourceSettings): Promise<SqlSource> {
  const path = resolveStorePath(flag, config);
  if (!existsSync(path)) {
    const shown = flag ?? (config.store === undefined ? `./${DEFAULT_STORE}` : path);
    throw new UserError(`chưa có dữ liệu trong ${shown}: nhập bằng hcc import TỆP, hoặc dùng --input TỆP / --db URL`);
  }
  migrateStore(path);
  return new SqlSource(storeKnex(path), DIALECTS.sqlite, storeShape(), config.agencies, path, path);
}

async function openDatabase(url: string, tableFlag: string | undefined, config: SourceSettings): Promise<SqlSource> {
  const section = sourceSection(config);
  const { config: kc, dialect, where } = connectionFor(url);
  const tableName = tableFlag ?? section.table;
  if (!tableName) {
    throw new UserError(`chưa chọn bảng hồ sơ trong CSDL ${where}: dùng --source-table TÊN hoặc "source": { "table": "TÊN" } trong hcc.config.json`);
  }
  const table = checkIdentifier(tableName, tableFlag ? '--source-table' : '"source.table" trong tệp cấu hình', true);
  const knex = quietKnex(kc);
  let connected = false;
  try {
    await knex.raw('SELECT 1');
    connected = true;
    const shape = await describeTable(knex, dialect, table, section, where);
    return new SqlSource(knex, dialect, shape, config.agencies, describeSource(where, table), table, where);
  } catch (e) {
    await knex.destroy().catch(() => {});
    throw translateDbError(e, { where, table, connected });
  }
}

export class SqlSource implements DossierSource {
  readonly warnings: Warning[];

  constructor(
    private readonly knex: Knex,
    private readonly dialect: Dialect,
    private readonly shape: TableShape,
    private readonly agencies: AgencyList,
    readonly description: string,
    /** Name used as the "file" of rejects. */
    private readonly rejectFile: string,
    private readonly where: string = description,
  ) {
    this.warnings = shape.warnings;
  }

  /** count() counts the months of `monthsOf` on every dialect; where that beats countMonths: Dialect.monthsInPeriodScan. */
  get monthsInCount(): boolean {
    return this.dialect.monthsInPeriodScan;
  }

  private errorPlace() {
    const textDates = DATE_FIELDS.flatMap((f) => {
      const read = this.shape.fields[f];
      return read?.as === 'day' && read.kind === 'text' ? [read.column] : [];
    });
    return { where: this.where, table: this.shape.table, dateColumns: textDates, connected: true };
  }

  private async query(q: Frag): Promise<Row[]> {
    try {
      return rowsOf(await this.knex.raw(q.sql, q.bindings as Knex.RawBinding[]));
    } catch (e) {
      throw translateDbError(e, this.errorPlace());
    }
  }

  /** Rows one at a time (the dialect's way: a cursor, a stream, an iterator). */
  private async *stream(q: Frag): AsyncIterable<Row> {
    try {
      yield* this.dialect.rows(this.knex, q);
    } catch (e) {
      throw translateDbError(e, this.errorPlace());
    }
  }

  /** Filters as a condition on the normalised rows; names are matched in JS against the distinct values. */
  private async filterCondition(filters: Filters | undefined, groupBy: GroupBy): Promise<Frag> {
    if (!filters) return frag('1 = 1');
    const parts: Frag[] = [];
    const base = normalisedRows(this.dialect, this.shape, groupBy);
    const distinct = async (column: string): Promise<string[]> =>
      (await this.query(compose(`SELECT DISTINCT ${column} AS v FROM ({}) x WHERE ${column} IS NOT NULL`, base))).map((r) => String(r.v));
    if (filters.agency?.length) {
      const match = agencyMatcher(filters.agency, this.agencies);
      parts.push(inList(frag('agency'), (await distinct('agency')).filter(match)));
    }
    for (const [key, column] of [['field', 'fld'], ['procedure', 'prc'], ['level', 'lvl']] as const) {
      const wanted = filters[key];
      if (!wanted?.length) continue;
      const keys = new Set(wanted.map(looseKey));
      parts.push(inList(frag(column), (await distinct(column)).filter((v) => keys.has(looseKey(v)))));
    }
    if (filters.channel?.length) parts.push(inList(frag('ch'), filters.channel));
    return parts.length ? joinFrags(parts, ' AND ') : frag('1 = 1');
  }

  /**
   * One aggregate per period and grouping. Only the very first statement also counts the unusable
   * rows of the whole table (they are the same for every period and grouping).
   */
  async count(query: CountQuery): Promise<CountResult> {
    const groupings = [query.groupBy, ...(query.alsoGroupBy ?? []).filter((g) => g !== query.groupBy)];
    const counted = await Promise.all(
      groupings.map(async (groupBy, g) => {
        // The months once, with the first grouping.
        const statements = await this.periodStatements({ ...query, groupBy, monthsOf: g === 0 ? query.monthsOf : undefined }, undefined, g === 0);
        return Promise.all(statements.map((q) => this.countPeriod(q, groupBy)));
      }),
    );
    const base = normalisedRows(this.dialect, this.shape, query.groupBy);
    const rejectedCount = query.periods.length === 0 ? await this.countRejected(base) : (counted[0][0]?.rejected ?? 0);
    // Only when there are some: every one of them, streamed to the caller (the rejects file).
    if (rejectedCount > 0 && query.onReject) await this.streamRejects(base, query.onReject);
    const byGrouping = new Map<GroupBy, GroupTallies[]>(
      groupings.map((g, i) => [g, counted[i].map((c) => ({ groups: c.groups, rejected: rejectedCount }))]),
    );
    const months = new Map((query.monthsOf ?? []).map((i) => [i, counted[0][i].months]));
    return { perPeriod: byGrouping.get(query.groupBy)!, byGrouping, rejectedCount, skippedCount: 0, months };
  }

  /**
   * The monthly chart's figures in one statement (rules.ts monthCountStatement), run beside the
   * periods' statements (dialect.ts aggregateAside): count.ts asks for it first.
   */
  async countMonths(periods: Period[], rules: RuleOptions, filters?: Filters): Promise<MonthCount[]> {
    const filter = await this.filterCondition(filters, 'agency');
    const q = monthCountStatement(normalisedRows(this.dialect, this.shape, 'agency'), filter, periods, rules, (d) => this.dialect.month(d));
    let rows: Row[];
    try {
      rows = await this.dialect.aggregateAside(this.knex, q);
    } catch (e) {
      throw translateDbError(e, this.errorPlace());
    }
    return rows.map((row) => ({ month: String(row.m), new: Number(row.nw ?? 0), resolved: Number(row.rs ?? 0) }));
  }

  /**
   * The aggregate statement count() sends for each period, in order: each row classified once,
   * grouped by (grp, category), then folded into one row per group (rules.ts). Public so that a test
   * can EXPLAIN exactly what hcc sends.
   */
  async periodStatements(
    query: Omit<CountQuery, 'onReject'>,
    base = normalisedRows(this.dialect, this.shape, query.groupBy),
    /** Whether the first statement also counts the unusable rows (once per count). */
    withRejects = true,
  ): Promise<Frag[]> {
    const filter = await this.filterCondition(query.filters, query.groupBy);
    const stored = storedReceived(this.dialect, this.shape);
    return query.periods.map((period, i) => {
      // The first period's query also counts the unusable rows of the whole table, in the same scan
      // (a second scan of its own cost as much again); the others count usable rows only. Scope
      // first: PostgreSQL evaluates OR from the left, and `bad` is computed again for the grouping.
      const withRejected = withRejects && i === 0 && this.shape.checkRows;
      const rows = compose(withRejected ? '({} AND {}) OR bad > 0' : 'bad = 0 AND {} AND {}', scopeCondition(period, stored), filter);
      // With its months: grouped by the month received and the month resolved too, one row per
      // (group, month received, month resolved).
      const starts = query.monthsOf?.includes(i) ? calendarMonths(period).map((m) => m.from) : null;
      return compose(
        `SELECT grp, {}{}{} FROM (SELECT grp, {}{}, COUNT(*) AS n FROM ({}) v WHERE {} GROUP BY ${starts ? MONTH_GROUP_BY : CATEGORY_GROUP_BY}) c GROUP BY ${starts ? 'grp, mr, ms' : 'grp'}`,
        starts ? compose('{} AS rmonth, {} AS smonth, ', this.dialect.monthKeyText(frag('mr'), starts), this.dialect.monthKeyText(frag('ms'), starts)) : frag(''),
        tallyFromCategories(),
        starts ? compose(', {}', monthTallies()) : frag(''),
        categoryColumns(period, query.rules),
        starts ? compose(', {}', monthColumns(period, (d) => this.dialect.monthKey(d, starts))) : frag(''),
        base,
        rows,
      );
    });
  }

  /** The tallies per group of one period's query, the unusable rows it counted, and its months when it counted them. */
  private async countPeriod(q: Frag, groupBy: GroupBy): Promise<PeriodResult> {
    let rows: Row[];
    try {
      rows = await this.dialect.aggregate(this.knex, q);
    } catch (e) {
      throw translateDbError(e, this.errorPlace());
    }
    return periodResult(rows, groupBy);
  }

  /** How many rows cannot be used, when no period query counted them. Unchecked rows (the store's) are all usable. */
  private async countRejected(base: Frag): Promise<number> {
    if (!this.shape.checkRows) return 0;
    const [{ n }] = await this.query(compose('SELECT COUNT(*) AS n FROM ({}) v WHERE bad > 0', base));
    return Number(n);
  }

  /** Every row that cannot be used, one at a time. */
  private async streamRejects(base: Frag, onReject: (reject: Reject) => void): Promise<void> {
    const dateTexts = DATE_FIELDS.map((f) => `${DATE_FLAG[f]}_raw`).join(', ');
    const q = compose(`SELECT code, bad, st_raw, ch_raw, ${dateTexts} FROM ({}) v WHERE bad > 0`, base);
    for await (const row of this.stream(q)) onReject(rejectOfRow(row, this.shape, this.rejectFile));
  }

  async *dossiers(filters?: Filters, onReject?: (reject: Reject) => void, scope?: DossierScope): AsyncIterable<Dossier> {
    const base = normalisedRows(this.dialect, this.shape, 'agency', true);
    if (onReject && this.shape.checkRows) await this.streamRejects(base, onReject);
    const filter = await this.filterCondition(filters, 'agency');
    const t = (c: string) => this.dialect.dayText(frag(c));
    const q = compose(
      'SELECT code, agency, fld, prc, lvl, ch, st, sat, tl, {} AS r, {} AS d, {} AS s, {} AS ret, {} AS apo FROM ({}) v WHERE bad = 0 AND {} AND {}',
      t('r'),
      t('d'),
      t('s'),
      t('ret'),
      t('apo'),
      base,
      filter,
      listingCondition(scope, (day, days) => this.dialect.addDays(day, days)),
    );
    for await (const row of this.stream(q)) {
      yield {
        code: String(row.code),
        agency: String(row.agency),
        field: textOrNull(row.fld),
        procedure: textOrNull(row.prc),
        level: textOrNull(row.lvl),
        channel: (textOrNull(row.ch) as Channel | null) ?? null,
        receivedOn: textOrNull(row.r),
        dueOn: textOrNull(row.d),
        resolvedOn: textOrNull(row.s),
        returnedOn: textOrNull(row.ret),
        status: row.st === null || row.st === undefined ? null : (Number(row.st) as StatusCode),
        apologyOn: textOrNull(row.apo),
        satisfied: row.sat === null || row.sat === undefined ? null : Number(row.sat) === 1,
        timeLimit: row.tl === null || row.tl === undefined ? null : Number(row.tl),
      };
    }
  }

  /** One aggregate: the counted dossiers received in the period, per procedure and whether they have their own time limit. */
  async dueDateGroups(receivedIn: Period | null, filters?: Filters): Promise<DueDateGroup[]> {
    const base = normalisedRows(this.dialect, this.shape, 'agency', true);
    const filter = await this.filterCondition(filters, 'agency');
    const q = compose(
      'SELECT prc, CASE WHEN tl IS NULL THEN 0 ELSE 1 END AS haslimit, COUNT(*) AS n FROM ({}) v WHERE bad = 0 AND {} AND {} GROUP BY prc, CASE WHEN tl IS NULL THEN 0 ELSE 1 END',
      base,
      filter,
      dueDateCounted(receivedIn),
    );
    return (await this.query(q)).map((row) => ({ procedure: textOrNull(row.prc), hasLimit: Number(row.haslimit) === 1, count: Number(row.n) }));
  }

  /**
   * Never fails and never waits long: after a failed query another one may still run on the pool's
   * second connection (the next period, a killed neighbour), and knex's destroy() waits for it to end.
   * After a short grace its socket is closed, so hcc ends with its message instead of waiting.
   */
  async close(): Promise<void> {
    const destroyed = this.knex.destroy().catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), 2000)));
    if ((await Promise.race([destroyed, grace])) === 'late') {
      const used = (this.knex.client as { pool?: { used?: { resource: unknown }[] } }).pool?.used ?? [];
      for (const { resource } of used) closeSocket(resource);
      await destroyed;
    }
    clearTimeout(timer);
  }
}
