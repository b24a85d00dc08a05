// hcc overdue reads only the dossiers its lists can take from a database (DossierScope → WHERE):
// the listings must be identical to the file's, where every row is read and src/core/overdue.ts
// decides alone, on random boundary dossiers, from the store, PostgreSQL and MariaDB.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../src/config.js';
import { OverdueCollector } from '../../src/core/overdue.js';
import { loadCalendar } from '../../src/pipeline/calendar.js';
import type { IsoDate, Period } from '../../src/core/types.js';
import { FileSource } from '../../src/sources/file-source.js';
import type { DossierScope, DossierSource, Filters } from '../../src/sources/source.js';
import { openSqlSource } from '../../src/sources/sql/source.js';
import { HCC, runHcc, tempDir } from '../helpers/run-hcc.js';
import { SERVERS, describeEachServer, testConfig } from './db.js';
import { AGENCY_CONFIG, PERIODS, addDays, generate, writeCsv, type GenRow } from './generator.js';

const rows = generate(3000, 20240630);
const config = testConfig(AGENCY_CONFIG);

/** As-of days on and around the period bounds the generator crowds dossiers onto, each with the period checked for letters. */
const CASES: { asOf: IsoDate; period: Period }[] = PERIODS.flatMap((p) => [
  { asOf: p.to, period: p },
  { asOf: addDays(p.to, 1), period: p },
  { asOf: addDays(p.from, -1), period: { from: `${p.from.slice(0, 4)}-01-01`, to: addDays(p.from, -1) } },
]);
const calendar = loadCalendar(config);
/** The overdue listings (null), then --due-within 1 and 5: the window is computed in Node, the rows selected in SQL. */
const DUE_WITHIN: (number | null)[] = [null, 1, 5];
const FILTERS: (Filters | undefined)[] = [undefined, { agency: ['Sở GTVT'] }, { field: ['dat dai', 'Hộ tịch'], channel: ['online', 'postal'] }];

interface Listed {
  listings: string[];
  /** Dossiers the source returned, over all cases. */
  read: number;
  rejected: number;
}

async function listings(source: DossierSource, scoped: boolean): Promise<Listed> {
  const out: string[] = [];
  let read = 0;
  let rejected = 0;
  for (const filters of FILTERS) {
    for (const { asOf, period } of CASES) {
      for (const within of DUE_WITHIN) {
        const collector = new OverdueCollector(asOf, period, config.agencies, calendar, within);
        const until = within === null ? null : calendar.addWorkdays(asOf, within);
        const full: DossierScope = until === null ? { overdueAt: asOf, lateIn: period, withApology: true } : { dueBetween: { from: asOf, to: until } };
        const scope: DossierScope | undefined = scoped ? full : undefined;
        for await (const d of source.dossiers(filters, () => rejected++, scope)) {
          collector.add(d);
          read++;
        }
        out.push(JSON.stringify({ filters, asOf, within, listing: collector.result() }));
      }
    }
  }
  return { listings: out, read, rejected };
}

function expectSame(got: string[], want: string[]): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) if (got[i] !== want[i]) expect(JSON.parse(got[i])).toEqual(JSON.parse(want[i]));
}

let dir: string;
let csv: string;
let expected: Listed;

beforeAll(async () => {
  dir = tempDir('hcc-ov-scope-');
  csv = join(dir, 'random.csv');
  writeCsv(csv, rows);
  // The file ignores the scope: this is the pure core deciding on every row.
  expected = await listings(new FileSource(csv, config.agencies), true);
}, 60_000);

describe('overdue listings with the scope pushed into SQL', () => {
  it('the random dossiers give both lists, with and without letters', () => {
    const parsed = expected.listings.map((l) => JSON.parse(l).listing);
    expect(parsed.some((l) => l.overdue.length > 20)).toBe(true);
    expect(parsed.some((l) => (l.lateWithoutApology?.length ?? 0) > 5)).toBe(true);
    expect(parsed.some((l) => l.lateResolved > (l.lateWithoutApology?.length ?? 0))).toBe(true);
    expect(expected.rejected).toBeGreaterThan(0);
    // The due-soon lists are not empty, and a longer window lists at least as many.
    const soon = parsed.filter((l) => l.dueSoon).map((l) => l.dueSoon.dossiers.length);
    expect(Math.max(...soon)).toBeGreaterThan(5);
    expect(parsed.some((l) => l.overdue.some((x: { workdaysOverdue: number; daysOverdue: number }) => x.workdaysOverdue < x.daysOverdue))).toBe(true);
  });

  it('the store: same listings, far fewer rows read', async () => {
    expect(existsSync(HCC)).toBe(true);
    const store = join(dir, 'store.sqlite');
    expect(runHcc(['import', csv, '--store', store, '--rejects', join(dir, 'rejects.csv')], { cwd: dir }).status).toBe(0);
    const source = await openSqlSource({ kind: 'store', path: store }, config);
    try {
      const got = await listings(source, true);
      expectSame(got.listings, expected.listings);
      expect(got.read).toBeLessThan(expected.read / 2);
      // Without a scope the store still returns every row (other callers of dossiers()).
      const all = await listings(source, false);
      expectSame(all.listings, expected.listings);
      expect(all.read).toBeGreaterThan(got.read);
    } finally {
      await source.close();
    }
  }, 60_000);
});

describeEachServer(SERVERS, 'hcc_ov_scope', rows, (server, table) => {
  it('gives the same listings as the file, reads fewer rows, and still reports every unusable row', async () => {
    const cfg: LoadedConfig = testConfig(AGENCY_CONFIG, { source: server.source });
    const source = await openSqlSource({ kind: 'database', url: server.url!, table }, cfg);
    try {
      const got = await listings(source, true);
      expectSame(got.listings, expected.listings);
      expect(got.read).toBeLessThan(expected.read / 2);
      expect(got.rejected).toBe(expected.rejected);
    } finally {
      await source.close();
    }
  }, 120_000);
});
