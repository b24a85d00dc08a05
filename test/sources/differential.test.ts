// Same answers everywhere: random boundary dossiers and the Hà Nam fixture give identical tables
// through the file source (the pure core, the oracle), the SQLite store, an external SQLite file,
// PostgreSQL and MariaDB, and the same rows rejected for the same reasons (dates that are no
// calendar day included; MariaDB's zero dates too). The Decision 766 figures, derived from those
// tables, agree too, and the databases send one aggregated row per agency for them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFrom, type LoadedConfig } from '../../src/config.js';
import { parseDateText } from '../../src/core/dates.js';
import { indicatorsTable766 } from '../../src/core/indicators766.js';
import { buildTable } from '../../src/core/table.js';
import { monthPeriods } from '../../src/charts/data.js';
import type { GroupBy, MonthCount, Period, PeriodTable, RuleOptions } from '../../src/core/types.js';
import { DueDateChecker } from '../../src/core/due-dates.js';
import { loadCalendar } from '../../src/pipeline/calendar.js';
import { feedChecker } from '../../src/pipeline/due-dates.js';
import { readDossierFile } from '../../src/readers/index.js';
import { FileSource } from '../../src/sources/file-source.js';
import type { CountResult, DossierSource, Filters } from '../../src/sources/source.js';
import { PLAUSIBLE_DAYS } from '../../src/sources/sql/dialect.js';
import { openSqlSource } from '../../src/sources/sql/source.js';
import { HA_NAM, HCC, runHcc, tempDir } from '../helpers/run-hcc.js';
import { MYSQL_URL, SERVERS, describeEachServer, fromDossier, loadMysql, loadSqlite, MYSQL_SOURCE_CONFIG, skipReason, tableName, testConfig } from './db.js';
import { AGENCY_CONFIG, BAD_TEXT_DAYS, IMPLAUSIBLE_DAYS, PERIODS, addDays, generate, writeCsv, type GenRow } from './generator.js';

const rows = generate(4000, 20190630);
const config = testConfig(AGENCY_CONFIG);
const POLICIES: RuleOptions[] = [{ withdrawn: 'exclude' }, { withdrawn: 'on-time' }];
const GROUPS: GroupBy[] = ['agency', 'field', 'procedure', 'level', 'channel', 'month'];
const FILTERS: (Filters | undefined)[] = [
  undefined,
  { agency: ['Sở GTVT'] },
  { field: ['dat dai', 'Hộ tịch'], channel: ['online', 'postal'] },
  { agency: ['sở tư pháp'], level: ['tinh'] },
];

async function tables(source: DossierSource, cfg: LoadedConfig): Promise<string[]> {
  const out: string[] = [];
  for (const rules of POLICIES) {
    for (const groupBy of GROUPS) {
      for (const filters of groupBy === 'agency' ? FILTERS : [undefined]) {
        const result = await source.count({ periods: PERIODS, groupBy, rules, filters });
        result.perPeriod.forEach((tallies, i) => {
          const table = buildTable(tallies, { period: PERIODS[i], groupBy, agencies: cfg.agencies, includeEmptyListed: !filters });
          out.push(JSON.stringify({ rules, groupBy, filters, table, i766: figures766(table, rules) }));
        });
      }
    }
  }
  return out;
}

/** The tables of every grouping without filters, all counted in one read of the source (`alsoGroupBy`). */
async function tablesInOneRead(source: DossierSource, cfg: LoadedConfig): Promise<string[]> {
  const out: string[] = [];
  for (const rules of POLICIES) {
    const result = await source.count({ periods: PERIODS, groupBy: GROUPS[0], alsoGroupBy: GROUPS.slice(1), rules });
    for (const groupBy of GROUPS) {
      result.byGrouping.get(groupBy)!.forEach((tallies, i) => {
        const table = buildTable(tallies, { period: PERIODS[i], groupBy, agencies: cfg.agencies, includeEmptyListed: true });
        out.push(JSON.stringify({ rules, groupBy, filters: undefined, table, i766: figures766(table, rules) }));
      });
    }
  }
  return out;
}

/** The Decision 766 figures of a table, as `hcc table --indicators 766` derives them. */
function figures766(table: PeriodTable, rules: RuleOptions) {
  return indicatorsTable766(table, { withdrawnOnTime: rules.withdrawn === 'on-time' });
}

/**
 * The rows a database sends back for one period's aggregate (the statement count() sends, without
 * the unusable rows): the 766 figures are derived from these tallies, so they are computed inside the
 * database when each group comes back as one row.
 */
async function aggregateRows(source: Awaited<ReturnType<typeof openSqlSource>>, knex: Knex, period: Period): Promise<Record<string, unknown>[]> {
  const [statement] = await source.periodStatements({ periods: [period], groupBy: 'agency', rules: POLICIES[0] }, undefined, false);
  const result = await knex.raw(statement.sql, statement.bindings as Knex.RawBinding[]);
  // pg: { rows }; mysql2: [rows, fields]; better-sqlite3: rows.
  return Array.isArray(result) ? (Array.isArray(result[0]) ? result[0] : result) : result.rows;
}

function expectOneRowPerAgency(got: Record<string, unknown>[]): void {
  const groups = got.map((r) => String(r.grp));
  expect(new Set(groups).size).toBe(groups.length); // one row per agency, not one per dossier or category
  expect(groups.length).toBeLessThanOrEqual(new Set(rows.map((r) => r.agency)).size);
  expect(groups.length).toBeLessThan(rows.length / 20);
  for (const r of got) for (const key of ['early', 'onTime', 'notDue', 'new', 'carriedOver', 'online', 'rated', 'satisfied']) expect(r).toHaveProperty(key);
}

/** The listing fields hcc overdue reads besides the dates: apology letter and rating, per dossier code. */
async function listing(source: DossierSource): Promise<string[]> {
  const out: string[] = [];
  for await (const d of source.dossiers()) out.push(`${d.code}|${d.apologyOn ?? '-'}|${d.satisfied ?? '-'}`);
  return out.sort();
}

/** Every row the source does not count, as `code|kind`, sorted: the same rows for the same reasons everywhere. */
async function rejectKinds(source: DossierSource): Promise<string[]> {
  const out: string[] = [];
  await source.count({ periods: [PERIODS[0]], groupBy: 'agency', rules: POLICIES[0], onReject: (r) => out.push(`${r.code ?? '-'}|${r.kind}`) });
  return out.sort();
}

/**
 * The months a database counted inside the periods' own statements (count with `monthsOf`, as hcc
 * does on PostgreSQL), one list per period; the periods' tables must be the same as without them.
 */
async function monthsInCount(source: DossierSource, periods: Period[], rules: RuleOptions, filters?: Filters): Promise<MonthCount[][]> {
  const result = await source.count({ periods, groupBy: 'agency', rules, filters, monthsOf: periods.map((_, i) => i) });
  const plain = await source.count({ periods, groupBy: 'agency', rules, filters });
  // As tables: MariaDB's case-insensitive grouping may label a group by another of its spellings.
  const built = (tallies: CountResult['perPeriod']) =>
    tallies.map((t, i) => buildTable(t, { period: periods[i], groupBy: 'agency', agencies: config.agencies, includeEmptyListed: !filters }));
  expect(built(result.perPeriod)).toEqual(built(plain.perPeriod));
  return periods.map((_, i) => result.months!.get(i)!);
}

/**
 * The monthly chart's figures of every period and policy, with and without an agency filter: from a
 * database's one statement (countMonths) or, `inCount`, from its periods' own statements (a file: its
 * own read); for the file as the oracle, each month counted as a period.
 */
async function monthFigures(source: DossierSource, inCount = false): Promise<string[]> {
  const out: string[] = [];
  const counted = async (periods: Period[], rules: RuleOptions, filters?: Filters): Promise<MonthCount[] | null> => {
    if (!source.countMonths && !(inCount && source.monthsInCount)) return null;
    return inCount ? (await monthsInCount(source, periods, rules, filters)).flat() : source.countMonths(periods, rules, filters);
  };
  for (const rules of POLICIES) {
    for (const period of PERIODS) {
      for (const filters of [undefined, FILTERS.find((f) => f !== undefined)]) {
        const months = monthPeriods(period).length > 0 ? monthPeriods(period) : [period];
        const whole = { from: months[0].from, to: months[months.length - 1].to };
        let got: MonthCount[];
        const statement = await counted([whole], rules, filters);
        if (statement) {
          const counted = new Map(statement.map((m) => [m.month, m]));
          got = months.map((m) => counted.get(m.from.slice(0, 7)) ?? { month: m.from.slice(0, 7), new: 0, resolved: 0 });
        } else {
          const result = await source.count({ periods: months, groupBy: 'agency', rules, filters });
          got = result.perPeriod.map((tallies, i) => {
            const t = buildTable(tallies, { period: months[i], groupBy: 'agency', agencies: config.agencies, includeEmptyListed: false });
            return { month: months[i].from.slice(0, 7), new: t.total.received.new, resolved: t.total.resolved.total };
          });
        }
        out.push(JSON.stringify({ rules, period, filters, got }));
      }
    }
    // The report's months and the comparison's (previous) in one statement, as hcc report --compare asks.
    const pair = [monthPeriods(PERIODS[0]), monthPeriods({ from: '2018-07-01', to: '2018-12-31' })];
    const months = pair.flat();
    let got: MonthCount[];
    const statement = await counted(pair.map((l) => ({ from: l[0].from, to: l[l.length - 1].to })), rules);
    if (statement) {
      const counted = new Map(statement.map((m) => [m.month, m]));
      expect(statement.length).toBeLessThanOrEqual(months.length);
      got = months.map((m) => counted.get(m.from.slice(0, 7)) ?? { month: m.from.slice(0, 7), new: 0, resolved: 0 });
    } else {
      const result = await source.count({ periods: months, groupBy: 'agency', rules });
      got = result.perPeriod.map((tallies, i) => {
        const t = buildTable(tallies, { period: months[i], groupBy: 'agency', agencies: config.agencies, includeEmptyListed: false });
        return { month: months[i].from.slice(0, 7), new: t.total.received.new, resolved: t.total.resolved.total };
      });
    }
    expect(got.some((m) => m.month.startsWith('2018') && m.new > 0)).toBe(true);
    out.push(JSON.stringify({ rules, pair: true, got }));
  }
  return out;
}

/** Time limits of two of the generator's procedures; the third and the dossiers without one are unknown. */
const DUE_CONFIG = testConfig(AGENCY_CONFIG, { timeLimits: { 'Đăng ký khai sinh': 3, 'cấp giấy phép  lái xe': 10 } });

/**
 * `hcc due-dates` over every period (and none), with and without a filter: a database counts in SQL
 * and sends only the candidates (`read`), the file is read whole.
 */
async function dueDateChecks(source: DossierSource): Promise<{ results: string[]; read: number }> {
  const calendar = loadCalendar(DUE_CONFIG);
  const results: string[] = [];
  let read = 0;
  for (const period of [null, ...PERIODS]) {
    for (const filters of [undefined, FILTERS[1], FILTERS[2]]) {
      const checker = new DueDateChecker(DUE_CONFIG.timeLimits, calendar, DUE_CONFIG.agencies, period);
      read += await feedChecker(checker, source, period, filters);
      results.push(JSON.stringify({ period, filters, result: checker.result() }));
    }
  }
  return { results, read };
}

/** The same due-date answers as the file, from far fewer dossiers than the file sends. */
async function expectSameDueDates(source: DossierSource): Promise<void> {
  const got = await dueDateChecks(source);
  expectSameTables(got.results, expectedDue.results);
  expect(got.read).toBeLessThan(expectedDue.read / 3);
}

let dir: string;
let expectedDue: { results: string[]; read: number };
let csv: string;
let expected: string[];
let expectedRejected: number;
let expectedListing: string[];
let expectedKinds: string[];
let expectedOneRead: string[];
let expectedMonths: string[];

beforeAll(async () => {
  dir = tempDir('hcc-diff-');
  csv = join(dir, 'random.csv');
  writeCsv(csv, rows);
  const file = new FileSource(csv, config.agencies);
  expected = await tables(file, config);
  expectedRejected = (await file.count({ periods: PERIODS, groupBy: 'agency', rules: POLICIES[0] })).rejectedCount;
  expectedListing = await listing(file);
  expectedKinds = await rejectKinds(file);
  expectedOneRead = await tablesInOneRead(file, config);
  expectedMonths = await monthFigures(file);
  expectedDue = await dueDateChecks(file);
}, 60_000);

it('the due-date check finds dossiers beyond the limit and without a due date, and unknown procedures', () => {
  const all = JSON.parse(expectedDue.results[0]).result;
  expect(all.checked).toBeGreaterThan(500);
  expect(all.issues.filter((x: { dueOn: string | null }) => x.dueOn === null).length).toBeGreaterThan(20);
  expect(all.issues.filter((x: { workdaysBeyond: number | null }) => (x.workdaysBeyond ?? 0) > 0).length).toBeGreaterThan(20);
  expect(all.issues.length).toBeLessThan(all.checked);
  expect(all.unknownLimit).toBeGreaterThan(100);
  expect(all.unknownProcedures.map((p: { procedure: string }) => p.procedure).sort()).toEqual(['(không có tên thủ tục)', 'Cấp phép xây dựng']);
});

it('counting several groupings in one read gives each grouping its own tables', () => {
  // The file counted one grouping at a time (`tables`) is the oracle of the one read.
  const unfiltered = expected.filter((t) => !('filters' in JSON.parse(t)) || JSON.parse(t).filters === undefined);
  expect(expectedOneRead.length).toBe(unfiltered.length);
  expectSameTables(expectedOneRead, unfiltered);
});

it('the databases check dates against the plausible years of the file readers', () => {
  expect(parseDateText(PLAUSIBLE_DAYS.first)).toEqual({ ok: true, date: PLAUSIBLE_DAYS.first });
  expect(parseDateText(PLAUSIBLE_DAYS.last)).toEqual({ ok: true, date: PLAUSIBLE_DAYS.last });
  expect(parseDateText(addDays(PLAUSIBLE_DAYS.first, -1)).ok).toBe(false);
  expect(parseDateText(addDays(PLAUSIBLE_DAYS.last, 1)).ok).toBe(false);
});

describe('random boundary dossiers', () => {
  it('the generator hits the boundaries and yields rejects and every tally', () => {
    expect(expectedRejected).toBeGreaterThan(20);
    const first = JSON.parse(expected[0]).table;
    for (const key of ['new', 'carriedOver', 'online', 'direct', 'postal']) expect(first.total.received[key]).toBeGreaterThan(0);
    for (const key of ['early', 'onTime', 'late']) expect(first.total.resolved[key]).toBeGreaterThan(0);
    for (const key of ['notDue', 'overdue']) expect(first.total.pending[key]).toBeGreaterThan(0);
    for (const key of ['withdrawn', 'stopped', 'notReceived']) expect(first.table?.excluded?.[key] ?? first.excluded[key]).toBeGreaterThan(0);
    const count = (code: string) => first.warnings.find((w: { code: string }) => w.code === code)?.count ?? 0;
    expect(count('resolved-without-due')).toBeGreaterThan(0);
    expect(count('pending-without-due')).toBeGreaterThan(0);
    expect(first.waitingForApplicant).toBeGreaterThan(0);
    // The 766 figures of every agency and of the total exist, and differ from the report's on-time rate.
    const i766 = JSON.parse(expected[0]).i766;
    expect(i766.total.progressPct).toBeGreaterThan(0);
    expect(i766.total.progressPct).not.toBe(i766.total.resolvedInTimePct);
    // Ratings: some satisfied, some not, some resolved dossiers without a usable rating.
    const sat = first.total.satisfaction;
    expect(sat.satisfied).toBeGreaterThan(0);
    expect(sat.rated).toBeGreaterThan(sat.satisfied);
    expect(first.total.resolved.total).toBeGreaterThan(sat.rated);
    const listed = expectedListing.map((l) => l.split('|'));
    for (const value of ['true', 'false', '-']) expect(listed.some((l) => l[2] === value)).toBe(true);
    expect(listed.filter((l) => l[1] !== '-').length).toBeGreaterThan(50);
    // Impossible and implausible dates in the text, DATE and DATETIME columns, rejected by the file.
    const bad = new Set([...BAD_TEXT_DAYS, ...IMPLAUSIBLE_DAYS]);
    const flawed = rows.filter((r) => bad.has(r.resolved ?? '') || bad.has(r.due ?? '') || bad.has(r.apology ?? ''));
    expect(new Set(flawed.map((r) => r.resolved).filter((v) => bad.has(v ?? ''))).size).toBeGreaterThan(5);
    expect(flawed.filter((r) => bad.has(r.due ?? '')).length).toBeGreaterThan(2);
    expect(flawed.filter((r) => bad.has(r.apology ?? '')).length).toBeGreaterThan(2);
    for (const r of flawed) expect(expectedKinds).toContain(`${r.code}|bad-date`);
  });

  it('the file tallies the months in its own read exactly as each month counted as a period', async () => {
    const file = new FileSource(csv, config.agencies);
    expect(file.monthsInCount).toBe(true);
    expectSameTables(await monthFigures(file, true), expectedMonths);
  });

  it('the store (hcc import, then counted in SQLite) gives the same tables', async () => {
    expect(existsSync(HCC)).toBe(true);
    const store = join(dir, 'store.sqlite');
    const run = runHcc(['import', csv, '--store', store, '--rejects', join(dir, 'rejects.csv')], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${rows.length - expectedRejected} mới`.replace(/\B(?=(\d{3})+(?!\d))/g, '.'));
    const source = await openSqlSource({ kind: 'store', path: store }, config);
    try {
      // Rejected rows never enter the store: they were reported by the import instead.
      const got = (await tables(source, config)).map((t) => t.replace('"rejected":0', `"rejected":${expectedRejected}`));
      expectSameTables(got, expected);
      expect(await listing(source)).toEqual(expectedListing);
      expectSameTables(await monthFigures(source), expectedMonths);
      expectSameTables(await monthFigures(source, true), expectedMonths);
      await expectSameDueDates(source);
    } finally {
      await source.close();
    }
  }, 60_000);

  it('an external SQLite file (text dates with a time of day) gives the same tables', async () => {
    const path = join(dir, 'external.sqlite');
    loadSqlite(path, 'ho_so', rows);
    const source = await openSqlSource({ kind: 'database', url: `sqlite:${path}`, table: 'ho_so' }, config);
    try {
      expectSameTables(await tables(source, config), expected);
      expectSameTables(await tablesInOneRead(source, config), expectedOneRead);
      expectSameTables(await monthFigures(source), expectedMonths);
      expectSameTables(await monthFigures(source, true), expectedMonths);
      expect(await listing(source)).toEqual(expectedListing);
      expect(await rejectKinds(source)).toEqual(expectedKinds);
      await expectSameDueDates(source);
      const knex = knexFactory({ client: 'better-sqlite3', connection: { filename: path }, useNullAsDefault: true });
      try {
        expectOneRowPerAgency(await aggregateRows(source, knex, PERIODS[0]));
      } finally {
        await knex.destroy();
      }
    } finally {
      await source.close();
    }
  }, 120_000);
});

function expectSameTables(got: string[], want: string[]): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (got[i] !== want[i]) expect(JSON.parse(got[i])).toEqual(JSON.parse(want[i])); // readable diff
  }
}

describeEachServer(SERVERS, 'hcc_diff', rows, (server, random, admin) => {
  it('counts the random boundary dossiers exactly like the pure core', async () => {
    const cfg = testConfig(AGENCY_CONFIG, { source: server.source });
    const source = await openSqlSource({ kind: 'database', url: server.url!, table: random }, cfg);
    try {
      expectSameTables(await tables(source, cfg), expected);
      expectSameTables(await tablesInOneRead(source, cfg), expectedOneRead);
      expectSameTables(await monthFigures(source), expectedMonths);
      expectSameTables(await monthFigures(source, true), expectedMonths);
      // Listing reads the same usable rows, and reports the others.
      let rejected = 0;
      let listed = 0;
      for await (const d of source.dossiers(undefined, () => rejected++)) {
        expect(d.receivedOn === null || /^\d{4}-\d{2}-\d{2}$/.test(d.receivedOn)).toBe(true);
        listed++;
      }
      expect(rejected).toBe(expectedRejected);
      expect(listed).toBe(rows.length - expectedRejected);
      expect(await listing(source)).toEqual(expectedListing);
      expect(await rejectKinds(source)).toEqual(expectedKinds);
      expectOneRowPerAgency(await aggregateRows(source, admin(), PERIODS[0]));
      await expectSameDueDates(source);
    } finally {
      await source.close();
    }
  }, 120_000);

  it('counts the Hà Nam fixture like the file source', async () => {
    const { loadConfig } = await import('../../src/config.js');
    const cfg = loadConfig(HA_NAM.config);
    const fixture: GenRow[] = [];
    for await (const item of readDossierFile(HA_NAM.csv, { columns: cfg.columns })) if ('dossier' in item) fixture.push(fromDossier(item.dossier));
    const withSource = { ...cfg, source: configFrom({ source: server.source }).source };
    const period: Period = { from: '2017-07-03', to: '2019-06-30' };
    const query = { periods: [period, { from: '2019-01-01', to: '2019-06-30' }], groupBy: 'agency' as const, rules: POLICIES[0] };
    const file = new FileSource(HA_NAM.csv, cfg.agencies, { columns: cfg.columns });
    const haNam = tableName('hcc_hanam');
    let db: DossierSource | undefined;
    try {
      await server.load(admin(), haNam, fixture);
      db = await openSqlSource({ kind: 'database', url: server.url!, table: haNam }, withSource);
      const want = (await file.count(query)).perPeriod.map((t, i) => buildTable(t, { period: query.periods[i], groupBy: 'agency', agencies: cfg.agencies }));
      const got = (await db.count(query)).perPeriod.map((t, i) => buildTable(t, { period: query.periods[i], groupBy: 'agency', agencies: cfg.agencies }));
      expect(got).toEqual(want);
      expect(got[0].total.received.total).toBeGreaterThan(30_000);
      expect(got.map((t) => figures766(t, POLICIES[0]))).toEqual(want.map((t) => figures766(t, POLICIES[0])));
    } finally {
      await db?.close();
      await server.drop(admin(), haNam);
    }
  }, 120_000);
});

// MariaDB DATE, DATETIME and TIMESTAMP columns hold zero dates (0000-00-00), zero parts (2019-00-00,
// 2019-02-00) and, with ALLOW_INVALID_DATES, days past the month's end (2019-02-30), which servers
// written for lax modes do contain. A file holds the same values as text, and rejects them: the
// database must reject exactly those rows, and count the others as if they were not there.
const zeroSkip = skipReason('MariaDB', MYSQL_URL, 'HCC_TEST_MYSQL_URL');
describe.skipIf(zeroSkip !== null)(`MariaDB zero dates${zeroSkip ? ` (${zeroSkip})` : ''}`, () => {
  const table = tableName('hcc_zero');
  let lax: Knex;
  const ZERO: { field: 'received' | 'due' | 'apology'; value: string }[] = [
    { field: 'due', value: '0000-00-00' },
    { field: 'due', value: '2019-00-00' },
    { field: 'due', value: '2019-02-00' },
    { field: 'due', value: '2019-02-30' },
    { field: 'received', value: '0000-00-00' },
    { field: 'apology', value: '2019-06-00' },
    { field: 'apology', value: '0000-00-00' },
  ];
  afterAll(async () => {
    await lax?.schema.dropTableIfExists(table);
    await lax?.destroy();
  });

  it('rejects every zero or impossible date, like the file, and counts the rest as without those rows', async () => {
    // Every 25th usable row of random dossiers gets one of the dates above.
    const base = generate(1500, 20240229);
    const baseCsv = join(dir, 'zero-base.csv');
    writeCsv(baseCsv, base);
    const unusable = new Set((await rejectKinds(new FileSource(baseCsv, config.agencies))).map((k) => k.split('|')[0]));
    const zeroCodes = new Map<string, (typeof ZERO)[number]>();
    const zeroed = base.map((r) => {
      if (unusable.has(r.code) || Number(r.code.slice(2)) % 25 !== 7) return r;
      const z = ZERO[zeroCodes.size % ZERO.length];
      zeroCodes.set(r.code, z);
      return { ...r, [z.field]: z.value };
    });
    expect(zeroCodes.size).toBeGreaterThan(2 * ZERO.length);
    // A session that stores what it is given, as a lax server would have.
    lax = knexFactory({
      client: 'mysql2',
      connection: { uri: MYSQL_URL!.replace(/^mariadb:/, 'mysql:'), dateStrings: true, charset: 'utf8mb4' },
      pool: { min: 0, max: 1, afterCreate: (c: any, done: any) => c.query("SET time_zone = '+07:00', sql_mode = 'ALLOW_INVALID_DATES'", (e: unknown) => done(e, c)) },
    });
    await loadMysql(lax, table, zeroed);
    // The values are in the table as written (not turned into NULL or a real day on the way in).
    const [stored] = await lax.raw('SELECT MaHoSo AS code, CAST(NgayTiepNhan AS CHAR) AS r, CAST(NgayHenTra AS CHAR) AS d, CAST(NgayXinLoi AS CHAR) AS a FROM ??', [table]);
    const byCode = new Map((stored as { code: string; r: string; d: string; a: string }[]).map((x) => [x.code, x]));
    for (const [code, z] of zeroCodes) {
      const x = byCode.get(code)!;
      expect({ received: x.r, due: x.d, apology: x.a }[z.field]?.slice(0, 10)).toBe(z.value);
    }

    const zeroCsv = join(dir, 'zero.csv');
    writeCsv(zeroCsv, zeroed);
    const withoutCsv = join(dir, 'without-zero.csv');
    writeCsv(withoutCsv, base.filter((r) => !zeroCodes.has(r.code)));
    const file = new FileSource(zeroCsv, config.agencies);
    const without = new FileSource(withoutCsv, config.agencies);
    const cfg = testConfig(AGENCY_CONFIG, { source: MYSQL_SOURCE_CONFIG });
    const db = await openSqlSource({ kind: 'database', url: MYSQL_URL!, table }, cfg);
    try {
      const fileKinds = await rejectKinds(file);
      for (const code of zeroCodes.keys()) expect(fileKinds).toContain(`${code}|bad-date`);
      expect(await rejectKinds(db)).toEqual(fileKinds);
      const got = await tables(db, cfg);
      expectSameTables(got, await tables(file, config));
      // The same figures as the data without those rows; only the rejected count differs.
      const extra = zeroCodes.size;
      const baseRejected = (await without.count({ periods: PERIODS, groupBy: 'agency', rules: POLICIES[0] })).rejectedCount;
      const fewer = (await tables(without, config)).map((t) => t.replace(`"rejected":${baseRejected}`, `"rejected":${baseRejected + extra}`));
      expectSameTables(got, fewer);
      expect(await listing(db)).toEqual(await listing(without));
    } finally {
      await db.close();
    }
  }, 120_000);
});
