// A database connection killed while hcc reads (an administrator's pg_terminate_backend or KILL, a
// server restart) ends hcc within seconds with one line saying the connection was cut during the
// query, exit code 1; a query cancelled by the server says so. Real servers, real hcc processes: a
// view that sleeps on every row keeps the query running long enough to find and kill it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HCC, tempDir } from '../helpers/run-hcc.js';
import { MYSQL_URL, PG_URL, adminKnex, skipReason, tableName } from './db.js';

interface Finished {
  status: number | null;
  stdout: string;
  stderr: string;
  /** When the process ended (Date.now()). */
  endedAt: number;
}

/** Starts the real hcc without waiting; the process is killed (and the test fails) if it runs past `limitMs`. */
const APP_NAME = `hcc-killed-${process.pid}`;

function startHcc(args: string[], cwd: string, limitMs = 25_000): Promise<Finished> {
  // Its own PostgreSQL application name: the test kills this run's query, never another test file's.
  const child = spawn(process.execPath, [HCC, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', PGAPPNAME: APP_NAME }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b) => (stdout += b));
  child.stderr.on('data', (b) => (stderr += b));
  const limit = setTimeout(() => child.kill('SIGKILL'), limitMs);
  return new Promise((resolve) =>
    child.on('close', (status) => {
      clearTimeout(limit);
      resolve({ status, stdout, stderr, endedAt: Date.now() });
    }),
  );
}

/** Polls until `find` returns an id (hcc's query is running), or fails after `ms`. */
async function waitFor<T>(find: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const found = await find();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('hcc never started its query');
}

function expectCut(run: Finished, killedAt: number, ...parts: string[]): void {
  expect(run.status).toBe(1);
  expect(run.endedAt - killedAt).toBeLessThan(15_000);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^hcc: lỗi: /);
  for (const p of parts) expect(lines[0]).toContain(p);
  expect(lines[0]).not.toContain('máy chủ không chạy');
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

const ROWS = 2000;
const COMMANDS: [string, string[]][] = [
  ['hcc table', ['table', '--period', '2024']],
  ['hcc overdue', ['overdue', '--as-of', '2024-12-31']],
];
const CUT = 'bị ngắt giữa chừng';
const CANCELLED = 'đã dừng truy vấn';

let dir: string;
beforeAll(() => {
  expect(existsSync(HCC)).toBe(true);
  dir = tempDir('hcc-killed-');
});

const pgSkip = skipReason('PostgreSQL', PG_URL, 'HCC_TEST_PG_URL');
describe.skipIf(pgSkip !== null)(`PostgreSQL${pgSkip ? ` (${pgSkip})` : ''}`, () => {
  let admin: Knex;
  const table = tableName('hcc_kill');
  const view = `${table}_slow`;
  beforeAll(async () => {
    admin = adminKnex(PG_URL!);
    await admin.raw('CREATE TABLE ?? (code text, agency text, received_at date, due_at date, resolved_at date, status integer, channel integer)', [table]);
    await admin.raw(
      "INSERT INTO ?? SELECT 'HS' || g, 'Sở ' || (g % 5), DATE '2024-01-01' + g % 300, DATE '2024-01-01' + g % 300 + 10, NULL, 4, 1 FROM generate_series(1, ?) g",
      [table, ROWS],
    );
    // 5 ms per row: every query over the view takes about 10 s.
    await admin.raw("CREATE VIEW ?? AS SELECT * FROM ?? WHERE pg_sleep(0.005)::text = ''", [view, table]);
  });
  afterAll(async () => {
    await admin?.raw('DROP VIEW IF EXISTS ??', [view]);
    await admin?.schema.dropTableIfExists(table);
    await admin?.destroy();
  });

  /** This run's hcc backend while it runs a query over the slow view (named by PGAPPNAME). */
  const hccBackend = async (): Promise<number | undefined> => {
    const { rows } = await admin.raw(
      "SELECT pid FROM pg_stat_activity WHERE application_name = ? AND state = 'active' AND query_start < now() - interval '300 milliseconds' LIMIT 1",
      [APP_NAME],
    );
    return rows[0]?.pid;
  };

  for (const [name, args] of COMMANDS) {
    it(`${name}: pg_terminate_backend during the query`, async () => {
      const running = startHcc([...args, '--db', PG_URL!, '--source-table', view], dir);
      const pid = await waitFor(hccBackend);
      const killedAt = Date.now();
      await admin.raw('SELECT pg_terminate_backend(?)', [pid]);
      expectCut(await running, killedAt, CUT, `"${view}"`);
    });
  }

  it('hcc table: pg_cancel_backend during the query', async () => {
    const running = startHcc([...COMMANDS[0][1], '--db', PG_URL!, '--source-table', view], dir);
    const pid = await waitFor(hccBackend);
    const killedAt = Date.now();
    await admin.raw('SELECT pg_cancel_backend(?)', [pid]);
    expectCut(await running, killedAt, CANCELLED, `"${view}"`);
  });
});

const mySkip = skipReason('MariaDB', MYSQL_URL, 'HCC_TEST_MYSQL_URL');
describe.skipIf(mySkip !== null)(`MariaDB${mySkip ? ` (${mySkip})` : ''}`, () => {
  let admin: Knex;
  const table = tableName('hcc_kill');
  const view = `${table}_slow`;
  beforeAll(async () => {
    admin = adminKnex(MYSQL_URL!);
    await admin.raw('CREATE TABLE ?? (code VARCHAR(20), agency VARCHAR(50), received_at DATE, due_at DATE, resolved_at DATE, status INT, channel INT)', [table]);
    await admin.raw(
      "INSERT INTO ?? SELECT CONCAT('HS', seq), CONCAT('Sở ', seq % 5), DATE '2024-01-01' + INTERVAL seq % 300 DAY, DATE '2024-01-01' + INTERVAL (seq % 300 + 10) DAY, NULL, 4, 1 FROM seq_1_to_" +
        ROWS,
      [table],
    );
    await admin.raw('CREATE VIEW ?? AS SELECT * FROM ?? WHERE SLEEP(0.005) = 0', [view, table]);
  });
  afterAll(async () => {
    await admin?.raw('DROP VIEW IF EXISTS ??', [view]);
    await admin?.schema.dropTableIfExists(table);
    await admin?.destroy();
  });

  /** hcc's connection while it runs a query over the slow view. */
  const hccConnection = async (): Promise<number | undefined> => {
    const [rows] = await admin.raw(
      "SELECT id FROM information_schema.PROCESSLIST WHERE db = DATABASE() AND command = 'Query' AND id <> CONNECTION_ID() AND info LIKE ? AND time_ms > 300 LIMIT 1",
      [`%${view}%`],
    );
    return rows[0]?.id;
  };

  for (const [name, args] of COMMANDS) {
    it(`${name}: KILL during the query`, async () => {
      const running = startHcc([...args, '--db', MYSQL_URL!, '--source-table', view], dir);
      const id = await waitFor(hccConnection);
      const killedAt = Date.now();
      await admin.raw(`KILL ${Number(id)}`);
      expectCut(await running, killedAt, CUT, `"${view}"`);
    });
  }

  it('hcc overdue: KILL QUERY during the query', async () => {
    const running = startHcc([...COMMANDS[1][1], '--db', MYSQL_URL!, '--source-table', view], dir);
    const id = await waitFor(hccConnection);
    const killedAt = Date.now();
    await admin.raw(`KILL QUERY ${Number(id)}`);
    expectCut(await running, killedAt, CANCELLED, `"${view}"`);
  });
});
