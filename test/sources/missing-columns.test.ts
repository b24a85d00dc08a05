// A database table without a column that changes the figures is said first, as for a file: on stderr
// with the "source.columns" line to add, in the JSON warnings, and fatal under --strict.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Knex } from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { runHcc, tempDir } from '../helpers/run-hcc.js';
import { adminKnex, PG_URL, skipReason, tableName } from './db.js';

const dir = tempDir('hcc-db-missing-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = [
  ['M1', 'Sở Y tế', '2024-01-02', '2024-01-05', 10, 'Hạn: 2024-01-10'],
  ['M2', 'Sở Y tế', '2024-01-03', null, 4, 'Hạn: 2024-01-08'],
];

function expectDueWarning(stderr: string, json: { warnings: { code: string; field?: string }[] } | null, table: string): void {
  const first = stderr.split('\n')[0];
  expect(first).toContain(`hcc: cảnh báo: bảng "${table}" trong CSDL`);
  expect(first).toContain('không có cột "Ngày hẹn trả" (due_at): mọi hồ sơ đã giải quyết được tính là đúng hạn');
  expect(first).toContain('"source": { "columns": { "due_at": "TÊN CỘT" } }');
  expect(first).toContain('"ghi_chu_han"');
  if (json) expect(json.warnings.filter((w) => w.code === 'missing-column').map((w) => w.field)).toEqual(['due_at', 'channel']);
}

describe('a database table without the due-date column', () => {
  it('SQLite: said first with the line to add, in the JSON; --strict stops with exit 3', () => {
    const path = join(dir, 'motcua.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE ho_so (code TEXT, agency TEXT, received_at TEXT, resolved_at TEXT, status INTEGER, ghi_chu_han TEXT)');
    const insert = db.prepare('INSERT INTO ho_so VALUES (?, ?, ?, ?, ?, ?)');
    for (const r of ROWS) insert.run(...r);
    db.close();
    const args = ['table', '--db', `sqlite:${path}`, '--source-table', 'ho_so', '--period', '2024-01'];
    const r = runHcc([...args, '--format', 'json'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expectDueWarning(r.stderr, json, 'ho_so');
    expect(json.total.resolved).toMatchObject({ total: 1, onTime: 1 }); // rule 7, said
    const strict = runHcc([...args, '--strict'], { cwd: dir });
    expect(strict.status).toBe(3);
    expect(strict.stdout).toBe('');
  });

  const pgSkip = skipReason('PostgreSQL', PG_URL, 'HCC_TEST_PG_URL');
  it.skipIf(pgSkip !== null)('PostgreSQL: the same', async () => {
    const knex: Knex = adminKnex(PG_URL!);
    const table = tableName('hcc_missing');
    try {
      await knex.schema.createTable(table, (t) => {
        t.text('code');
        t.text('agency');
        t.date('received_at');
        t.date('resolved_at');
        t.integer('status');
        t.text('ghi_chu_han');
      });
      await knex(table).insert(ROWS.map(([code, agency, received_at, resolved_at, status, ghi_chu_han]) => ({ code, agency, received_at, resolved_at, status, ghi_chu_han })));
      const r = runHcc(['table', '--db', PG_URL!, '--source-table', table, '--period', '2024-01', '--format', 'json'], { cwd: dir });
      expect(r.status, r.stderr).toBe(0);
      expectDueWarning(r.stderr, JSON.parse(r.stdout), table);
    } finally {
      await knex.schema.dropTableIfExists(table);
      await knex.destroy();
    }
  });
});
