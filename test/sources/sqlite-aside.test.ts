// The SQLite statement run beside the others (dialect.ts aggregateAside: a worker thread with a
// connection of its own, so the monthly chart's statement overlaps the periods'): the same rows as
// the pool's connection gives, bound values included, and the driver's own error when it fails, so
// that errors.ts says it in one line as for any other statement.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKnex } from '../../src/sources/sql/connect.js';
import { DIALECTS } from '../../src/sources/sql/dialect.js';
import { frag } from '../../src/sources/sql/frag.js';
import { tempDir } from '../helpers/run-hcc.js';

let knex: Knex;

beforeAll(() => {
  const file = join(tempDir('hcc-aside-'), 'aside.sqlite');
  const db = new Database(file);
  db.exec('CREATE TABLE t (agency TEXT, received TEXT)');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 5000; i++) insert.run(`Sở ${i % 7}`, `2024-${String((i % 12) + 1).padStart(2, '0')}-15`);
  })();
  db.close();
  knex = storeKnex(file);
});

afterAll(async () => {
  await knex?.destroy();
});

describe('SQLite aggregateAside', () => {
  it('gives the rows the main connection gives, with the bound values', async () => {
    const q = frag('SELECT agency, SUBSTR(received, 1, 7) AS m, COUNT(*) AS n FROM t WHERE received >= ? AND agency <> ? GROUP BY 1, 2 ORDER BY 1, 2', '2024-03-01', 'Sở 3');
    const aside = await DIALECTS.sqlite.aggregateAside(knex, q);
    const main = await DIALECTS.sqlite.aggregate(knex, q);
    expect(aside).toEqual(main);
    expect(aside.length).toBe(6 * 10);
    expect(aside.some((r) => r.agency === 'Sở 3' || String(r.m) < '2024-03')).toBe(false);
    expect(aside.reduce((sum, r) => sum + Number(r.n), 0)).toBeGreaterThan(3000);
  });

  it('runs beside a statement of the main connection', async () => {
    const slow = frag('SELECT a.agency, COUNT(*) AS n FROM t a, t b WHERE a.agency = b.agency AND a.rowid % 10 = 0 GROUP BY 1');
    const [aside, main] = await Promise.all([DIALECTS.sqlite.aggregateAside(knex, slow), DIALECTS.sqlite.aggregate(knex, slow)]);
    expect(aside).toEqual(main);
  });

  it("fails with SQLite's own message and code", async () => {
    const failed = await DIALECTS.sqlite.aggregateAside(knex, frag('SELECT x FROM no_such_table')).catch((e: Error & { code?: string }) => e);
    expect(failed).toBeInstanceOf(Error);
    expect((failed as Error).message).toBe('no such table: no_such_table');
    expect((failed as Error & { code?: string }).code).toBe('SQLITE_ERROR');
  });
});
