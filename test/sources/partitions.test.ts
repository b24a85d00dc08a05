// A PostgreSQL table partitioned by received year (docs/performance.md, "When one machine is not enough"): the
// statements hcc sends, EXPLAINed as hcc runs them, skip the partitions received after the period's
// last day; and the figures stay the file's, whatever type the received date has.
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTable } from '../../src/core/table.js';
import type { Period, RuleOptions } from '../../src/core/types.js';
import { FileSource } from '../../src/sources/file-source.js';
import type { DossierSource } from '../../src/sources/source.js';
import type { Frag } from '../../src/sources/sql/frag.js';
import { openSqlSource, type SqlSource } from '../../src/sources/sql/source.js';
import { tempDir } from '../helpers/run-hcc.js';
import { PG_URL, adminKnex, dropPg, loadPgPartitioned, partitionName, skipReason, tableName, testConfig, type PgReceived } from './db.js';
import { AGENCY_CONFIG, PERIODS, generate, writeCsv } from './generator.js';

const rows = generate(2000, 20191231);
const config = testConfig(AGENCY_CONFIG);
const YEARS = [2016, 2017, 2018, 2019, 2020, 2021];
const RULES: RuleOptions = { withdrawn: 'exclude' };
const H1: Period = { from: '2019-01-01', to: '2019-06-30' };
const Y2018: Period = { from: '2018-01-01', to: '2018-12-31' };

interface Scan {
  /** The tables and partitions the plan reads. */
  relations: string[];
  /** Partitions left out only when the query starts (runtime pruning), not when it is planned. */
  subplansRemoved: number;
}

/** EXPLAIN of a statement, run the way hcc runs its aggregate (read-only transaction, sorting off). */
async function explain(knex: Knex, q: Frag): Promise<Scan> {
  return knex.transaction(async (trx) => {
    await trx.raw('SET LOCAL enable_sort = off');
    const json = (await trx.raw(`EXPLAIN (FORMAT JSON) ${q.sql}`, q.bindings as Knex.RawBinding[])).rows[0]['QUERY PLAN'][0].Plan;
    const relations = new Set<string>();
    let subplansRemoved = 0;
    const walk = (node: Record<string, unknown>) => {
      if (typeof node['Relation Name'] === 'string') relations.add(node['Relation Name']);
      subplansRemoved += Number(node['Subplans Removed'] ?? 0);
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    walk(json);
    return { relations: [...relations].sort(), subplansRemoved };
  }, { readOnly: true });
}

/** The per-agency tables of every test period, as JSON: the figures and the rejected count. */
async function tables(source: DossierSource): Promise<string[]> {
  const result = await source.count({ periods: PERIODS, groupBy: 'agency', rules: RULES });
  return result.perPeriod.map((t, i) => JSON.stringify(buildTable(t, { period: PERIODS[i], groupBy: 'agency', agencies: config.agencies })));
}

const skip = skipReason('PostgreSQL', PG_URL, 'HCC_TEST_PG_URL');
describe.skipIf(skip !== null)(`PostgreSQL partitioned by received year${skip ? ` (${skip})` : ''}`, () => {
  let admin: Knex;
  let expected: string[];
  const made: string[] = [];
  beforeAll(async () => {
    admin = adminKnex(PG_URL!);
    const csv = join(tempDir('hcc-partitions-'), 'rows.csv');
    writeCsv(csv, rows);
    expected = await tables(new FileSource(csv, config.agencies));
  }, 60_000);
  afterAll(async () => {
    for (const table of made) await dropPg(admin, table);
    await admin?.destroy();
  });

  const partitions = (table: string, years: (number | 'default')[]) => years.map((y) => partitionName(table, y)).sort();

  for (const received of ['timestamptz', 'timestamp', 'date'] as PgReceived[]) {
    it(`received as ${received.toUpperCase()}: later periods skip the partitions received after their last day; same figures as the file`, async () => {
      const table = tableName(`hcc_part_${received}`);
      made.push(table);
      await loadPgPartitioned(admin, table, rows, received, YEARS);
      // The rows are spread over the partitions of their years, the missing dates in the default one.
      const counts = Object.fromEntries(
        (await admin.raw('SELECT tableoid::regclass::text AS p, COUNT(*) AS n FROM ?? GROUP BY 1', [table])).rows.map((r: { p: string; n: string }) => [r.p, Number(r.n)]),
      );
      for (const p of partitions(table, [2018, 2019, 'default'])) expect(counts[p]).toBeGreaterThan(0);

      const source = (await openSqlSource({ kind: 'database', url: PG_URL!, table }, config)) as SqlSource;
      try {
        expect(await tables(source)).toEqual(expected);
        const [first, h1, y2018] = await source.periodStatements({ periods: [H1, H1, Y2018], groupBy: 'agency', rules: RULES });
        // A period other than the first reads its year, the years before and the default partition;
        // the others are left out when the query is planned (the bound is a constant by then).
        const [h1Scan, y2018Scan] = [await explain(admin, h1), await explain(admin, y2018)];
        expect(h1Scan.relations).toEqual(partitions(table, [2016, 2017, 2018, 2019, 'default']));
        expect(y2018Scan.relations).toEqual(partitions(table, [2016, 2017, 2018, 'default']));
        expect([h1Scan.subplansRemoved, y2018Scan.subplansRemoved]).toEqual([0, 0]);
        // The first period's statement also counts the unusable rows of the whole table: every partition.
        expect((await explain(admin, first)).relations).toEqual(partitions(table, [...YEARS, 'default']));
      } finally {
        await source.close();
      }
    }, 60_000);
  }
});
