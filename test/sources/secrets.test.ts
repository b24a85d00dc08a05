// A database password never reaches the user's screen or files: whatever its characters (@ : / and
// percent-encoded), wherever it is given (the userinfo, ?password= and its cousins, --db or
// HCC_DB_URL), whatever happens (wrong password, unknown database, unreachable server, a count that
// writes rejects), with and without --debug. Real servers, real hcc processes.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HCC, runHcc, tempDir, type HccRun } from '../helpers/run-hcc.js';
import { MYSQL_URL, PG_URL, adminKnex, skipReason, tableName } from './db.js';

let dir: string;

beforeAll(() => {
  expect(existsSync(HCC)).toBe(true);
  dir = tempDir('hcc-secrets-');
});

/** Runs hcc with the URL in --db, or in HCC_DB_URL, with or without --debug; writes its rejects into a file of its own. */
function run(url: string, args: string[], how: { env?: boolean; debug?: boolean } = {}): { run: HccRun; rejects: string } {
  const rejects = join(dir, `rejects-${Math.random().toString(36).slice(2)}.csv`);
  const argv = [...args, '--rejects', rejects, ...(how.env ? [] : ['--db', url]), ...(how.debug ? ['--debug'] : [])];
  return { run: runHcc(argv, { cwd: dir, env: { HCC_DB_URL: how.env ? url : undefined } }), rejects };
}

/** None of the secret's forms (and none of its telling fragments) in stdout, stderr or the rejects file. */
function expectHidden(result: { run: HccRun; rejects: string }, forms: string[]): void {
  const rejects = existsSync(result.rejects) ? readFileSync(result.rejects, 'utf8') : '';
  for (const form of forms) {
    expect(result.run.stdout, `stdout shows "${form}"`).not.toContain(form);
    expect(result.run.stderr, `stderr shows "${form}"`).not.toContain(form);
    expect(rejects, `rejects file shows "${form}"`).not.toContain(form);
  }
  // knex's own log ("Acquire connection error: … at …", on stdout) is silenced, whatever the flags.
  expect(result.run.stdout + result.run.stderr).not.toContain('Acquire connection error');
}

/** A failure: one line, exit 1, no stack; with --debug the stack may follow the line. */
function expectOneLine(result: { run: HccRun }, debug: boolean, ...parts: string[]): void {
  expect(result.run.status).toBe(1);
  expect(result.run.stdout).toBe('');
  const lines = result.run.stderr.trim().split('\n');
  expect(lines[0]).toMatch(/^hcc: lỗi: /);
  for (const p of parts) expect(lines[0]).toContain(p);
  if (!debug) {
    expect(lines).toHaveLength(1);
    expect(result.run.stderr).not.toMatch(/\n\s+at /);
  }
}

const TABLE_ARGS = (table: string) => ['table', '--source-table', table, '--period', '2019-H1'];

it('hides a password with / ? that no driver can parse, and says how to write it', () => {
  for (const debug of [false, true]) {
    const r = run('postgres://bao_cao:Sl/ash?Pw9x@127.0.0.1:1/motcua', TABLE_ARGS('ho_so'), { debug });
    expectOneLine(r, debug, 'không đúng dạng', '%40');
    expectHidden(r, ['Sl/ash?Pw9x', 'ash?Pw9x', 'Pw9x', 'Sl%2Fash']);
  }
});

it('hides the password of an address typed without its scheme, and of --db=URL', () => {
  for (const debug of [false, true]) {
    const r = run('baocao:NoScheme55@127.0.0.1/motcua', TABLE_ARGS('ho_so'), { debug });
    expectOneLine(r, debug, 'không được hỗ trợ', 'baocao:***@127.0.0.1/motcua');
    expectHidden(r, ['NoScheme55']);
    const rejects = join(dir, 'eq.csv');
    const eq = { run: runHcc([...TABLE_ARGS('ho_so'), '--db=postgres://bao_cao:Equals%40Pw66@127.0.0.1:1/x', '--rejects', rejects, ...(debug ? ['--debug'] : [])], { cwd: dir }), rejects };
    expectOneLine(eq, debug, 'không kết nối được', 'bao_cao:***@127.0.0.1:1');
    expectHidden(eq, ['Equals%40Pw66', 'Equals@Pw66', 'Pw66']);
  }
});

const pgSkip = skipReason('PostgreSQL', PG_URL, 'HCC_TEST_PG_URL');
describe.skipIf(pgSkip !== null)(`PostgreSQL${pgSkip ? ` (${pgSkip})` : ''}`, () => {
  const u = new URL(PG_URL ?? 'postgres://x@localhost/x');
  const table = tableName('hcc_secret');
  let admin: Knex;
  beforeAll(async () => {
    admin = adminKnex(PG_URL!);
    await admin.raw('CREATE TABLE ?? (code text, agency text, received_at date, due_at date, resolved_at date, status integer)', [table]);
    // One usable dossier and one without an agency: the count writes a rejects file and names the source.
    await admin.raw("INSERT INTO ?? VALUES ('A1', 'Sở Tư pháp', '2019-03-01', '2019-03-10', NULL, 4), ('A2', NULL, '2019-03-01', NULL, NULL, 4)", [table]);
  });
  afterAll(async () => {
    await admin?.schema.dropTableIfExists(table);
    await admin?.destroy();
  });

  it('unknown database, password with @ and : (the userinfo ends at the last @), through --db and HCC_DB_URL', () => {
    const url = `postgres://${u.username}:Pa@ss:W0rdQZ@${u.host}/hcc_khong_co_csdl`;
    for (const env of [false, true]) {
      for (const debug of [false, true]) {
        const r = run(url, TABLE_ARGS(table), { env, debug });
        expectOneLine(r, debug, 'không có cơ sở dữ liệu', `${u.username}:***@${u.host}/hcc_khong_co_csdl`);
        expectHidden(r, ['Pa@ss:W0rdQZ', 'ss:W0rdQZ', 'W0rdQZ', 'Pa%40ss%3AW0rdQZ']);
      }
    }
  });

  it('passwords in the query string (password, PASSWORD, sslpassword, pwd), percent-encoded', () => {
    const url = `postgres://${u.username}@${u.host}/hcc_khong_co_csdl?sslmode=disable&PASSWORD=Qu3ry%40Secr%2Ft&sslpassword=SslPw77&pwd=PwdPw88`;
    for (const debug of [false, true]) {
      const r = run(url, TABLE_ARGS(table), { debug, env: debug });
      expectOneLine(r, debug, 'không có cơ sở dữ liệu', 'sslmode=disable', 'PASSWORD=***');
      expectHidden(r, ['Qu3ry%40Secr%2Ft', 'Qu3ry@Secr/t', 'Qu3ry', 'SslPw77', 'PwdPw88']);
    }
  });

  it('unreachable server, percent-encoded password: neither the encoded nor the decoded form', () => {
    for (const debug of [false, true]) {
      const r = run('postgres://bao_cao:p%40ssEnc%3A9%2F@127.0.0.1:1/motcua', TABLE_ARGS('ho_so'), { debug });
      expectOneLine(r, debug, 'không kết nối được', 'bao_cao:***@127.0.0.1:1');
      expectHidden(r, ['p%40ssEnc%3A9%2F', 'p@ssEnc:9/', 'ssEnc']);
    }
  });

  it('a count that works (trust login) names its source in the rejects summary without the password', () => {
    const url = `postgres://${u.username}:Ok@Pass:Wd55@${u.host}${u.pathname}?password=Qq%40Zz66`;
    for (const cmd of [TABLE_ARGS(table), ['overdue', '--source-table', table, '--as-of', '2019-06-30']]) {
      for (const debug of [false, true]) {
        const r = run(url, cmd, { debug });
        expect(r.run.status).toBe(0);
        expect(r.run.stderr).toContain('1 dòng không dùng được');
        expect(r.run.stderr).toContain(`${u.username}:***@${u.host}`);
        expect(readFileSync(r.rejects, 'utf8')).toContain('thiếu đơn vị');
        expectHidden(r, ['Ok@Pass:Wd55', 'Pass:Wd55', 'Wd55', 'Qq%40Zz66', 'Qq@Zz66', 'Zz66']);
      }
    }
  });
});

const mySkip = skipReason('MariaDB', MYSQL_URL, 'HCC_TEST_MYSQL_URL');
describe.skipIf(mySkip !== null)(`MariaDB${mySkip ? ` (${mySkip})` : ''}`, () => {
  const u = new URL(MYSQL_URL ?? 'mysql://x@localhost/x');
  const table = tableName('hcc_secret');
  let admin: Knex;
  beforeAll(async () => {
    admin = adminKnex(MYSQL_URL!);
    await admin.raw('CREATE TABLE ?? (code VARCHAR(20), agency VARCHAR(50), received_at DATE, due_at DATE, resolved_at DATE, status INT)', [table]);
    await admin.raw("INSERT INTO ?? VALUES ('A1', 'Sở Tư pháp', '2019-03-01', '2019-03-10', NULL, 4), ('A2', NULL, '2019-03-01', NULL, NULL, 4)", [table]);
  });
  afterAll(async () => {
    await admin?.schema.dropTableIfExists(table);
    await admin?.destroy();
  });

  it('wrong password with @ and :, through --db and HCC_DB_URL', () => {
    const url = `mysql://${u.username}:Wr@ng:PwZ77@${u.host}${u.pathname}`;
    for (const env of [false, true]) {
      for (const debug of [false, true]) {
        const r = run(url, TABLE_ARGS(table), { env, debug });
        expectOneLine(r, debug, 'từ chối đăng nhập', `${u.username}:***@${u.host}`);
        expectHidden(r, ['Wr@ng:PwZ77', 'ng:PwZ77', 'PwZ77', 'Wr%40ng%3APwZ77']);
      }
    }
  });

  it('unknown database with a percent-encoded password', () => {
    for (const debug of [false, true]) {
      const r = run(`mariadb://${u.username}:my%40Enc%2FPw44@${u.host}/hcc_khong_co_csdl`, TABLE_ARGS(table), { debug });
      expectOneLine(r, debug);
      expectHidden(r, ['my%40Enc%2FPw44', 'my@Enc/Pw44', 'Pw44']);
    }
  });

  it('passwords in the query string of a count that works (mysql2 ignores them) stay out of the summary and the rejects', () => {
    const url = `${MYSQL_URL}?password=MyQ%40Pw55&Pass=MyPass66&pwd=MyPwd77`;
    for (const debug of [false, true]) {
      const r = run(url, TABLE_ARGS(table), { debug });
      expect(r.run.status).toBe(0);
      expect(r.run.stderr).toContain('1 dòng không dùng được');
      expect(r.run.stderr).toContain('password=***');
      expectHidden(r, ['MyQ%40Pw55', 'MyQ@Pw55', 'Pw55', 'MyPass66', 'MyPwd77']);
    }
  });
});
