// End to end: `hcc import` into the store, `hcc table` from the store and from databases, and the
// one-line errors of every way a database source can be wrong.
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HA_NAM, HCC, runHcc, tempDir } from '../helpers/run-hcc.js';
import { MYSQL_URL, PG_URL, adminKnex, loadSqlite, skipReason, tableName } from './db.js';
import { generate } from './generator.js';

const HEADER = 'Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái';
let dir: string;

beforeAll(() => {
  expect(existsSync(HCC)).toBe(true);
  dir = tempDir('hcc-store-');
});

function oneLineError(run: { status: number | null; stderr: string }, ...parts: string[]): void {
  expect(run.status).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^hcc: lỗi: /);
  for (const p of parts) expect(lines[0]).toContain(p);
  expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('hcc import and the store', () => {
  it('imports, re-imports without change, updates from a newer export, and counts from the store', () => {
    const work = tempDir('hcc-import-');
    const may = join(work, 'may.csv');
    writeFileSync(
      may,
      [
        HEADER,
        'HS-1,Sở Tư pháp,02/05/2019,10/05/2019,,Đang xử lý',
        'HS-2,Sở Tư pháp,03/05/2019,10/05/2019,09/05/2019,Đã trả kết quả',
        'HS-3,,03/05/2019,10/05/2019,,Đang xử lý',
      ].join('\n'),
    );
    let run = runHcc(['import', may], { cwd: work });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${may}: 2 mới, 0 cập nhật, 0 không đổi, 1 không dùng được\n`);
    expect(run.stderr).toContain('1 dòng không dùng được');
    expect(run.stderr).toContain('thiếu đơn vị');
    expect(readFileSync(join(work, 'hcc-rejects.csv'), 'utf8')).toContain('may.csv');
    expect(existsSync(join(work, 'hcc.sqlite'))).toBe(true);

    run = runHcc(['import', may], { cwd: work });
    expect(run.stdout).toContain('0 mới, 0 cập nhật, 2 không đổi');

    const june = join(work, 'june.csv');
    writeFileSync(june, [HEADER, 'HS-1,Sở Tư pháp,02/05/2019,10/05/2019,12/05/2019,Đã trả kết quả', 'HS-4,Sở Y tế,01/06/2019,,,Đang xử lý'].join('\n'));
    run = runHcc(['import', june], { cwd: work });
    expect(run.stdout).toContain('1 mới, 1 cập nhật, 0 không đổi, 0 không dùng được');

    run = runHcc(['table', '--period', '2019-Q2', '--format', 'json'], { cwd: work });
    expect(run.status).toBe(0);
    const table = JSON.parse(run.stdout);
    const tuPhap = table.rows.find((r: { agency: string }) => r.agency === 'Sở Tư pháp');
    expect(tuPhap.resolved).toMatchObject({ total: 2, early: 1, late: 1 }); // HS-1 now resolved late
    expect(table.total.pending.total).toBe(1);
  });

  it('leaves the store as it was when an import stops half way (Ctrl-C, kill -9)', async () => {
    const work = tempDir('hcc-import-');
    const good = join(work, 'good.csv');
    writeFileSync(good, [HEADER, 'HS-1,Sở Tư pháp,02/05/2019,10/05/2019,,Đang xử lý'].join('\n'));
    expect(runHcc(['import', good], { cwd: work }).status).toBe(0);
    for (const signal of ['SIGINT', 'SIGKILL'] as const) {
      // The rows come through a pipe that stays open: hcc has read and written them, and waits for more.
      const fifo = join(work, `rows-${signal}.csv`);
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      const child = spawn(process.execPath, [HCC, 'import', fifo], { cwd: work, env: { ...process.env, NO_COLOR: '1' } });
      let stderr = '';
      child.stderr.on('data', (c) => (stderr += c));
      const writer = createWriteStream(fifo);
      const rows = Array.from({ length: 3000 }, (_, i) => `HS-X${i},Sở Y tế,02/05/2019,10/05/2019,,Đang xử lý`);
      writer.write([HEADER, ...rows].join('\n') + '\n');
      await new Promise((r) => setTimeout(r, 1500));
      const exited = new Promise<number | null>((r) => child.on('exit', (code, sig) => r(code ?? (sig ? -1 : null))));
      child.kill(signal);
      const code = await exited;
      writer.destroy();
      if (signal === 'SIGINT') {
        expect(code).toBe(130);
        expect(stderr).toContain('tệp đang nhập dở không được ghi vào kho');
      }
      const table = JSON.parse(runHcc(['table', '--period', '2019-Q2', '--format', 'json'], { cwd: work }).stdout);
      expect(table.total.received.total, `after ${signal}`).toBe(1);
    }
  });


  it('gives the Hà Nam table from the store exactly as from the file', () => {
    const store = join(dir, 'ha-nam.sqlite');
    const common = ['--config', HA_NAM.config, '--from', '2017-07-03', '--to', '2019-06-30', '--format', 'json'];
    expect(runHcc(['import', HA_NAM.csv, '--store', store, '--config', HA_NAM.config], { cwd: dir }).status).toBe(0);
    const fromStore = runHcc(['table', '--store', store, ...common], { cwd: dir });
    const fromFile = runHcc(['table', '--input', HA_NAM.csv, ...common], { cwd: dir });
    expect(fromStore.status).toBe(0);
    expect(fromStore.stdout).toBe(fromFile.stdout);
  });

  it('says how to fill an empty store', () => {
    const work = tempDir('hcc-empty-');
    oneLineError(runHcc(['table', '--period', '2019-H1'], { cwd: work }), 'chưa có dữ liệu trong ./hcc.sqlite', 'hcc import');
  });
});

describe('database errors', () => {
  it('rejects unsafe table names before touching the database', () => {
    const path = join(dir, 'x.sqlite');
    loadSqlite(path, 'ho_so', generate(10));
    oneLineError(runHcc(['table', '--db', `sqlite:${path}`, '--source-table', 'ho_so; DROP TABLE ho_so', '--period', '2019-H1'], { cwd: dir }), 'không hợp lệ');
  });

  it('names a missing table and a missing mapped column; rejects rows whose date is no day (SQLite file)', () => {
    const path = join(dir, 'e.sqlite');
    loadSqlite(path, 'ho_so', generate(50));
    oneLineError(runHcc(['table', '--db', `sqlite:${path}`, '--source-table', 'khong_co', '--period', '2019-H1'], { cwd: dir }), '"khong_co"');
    const cfg = join(dir, 'map.json');
    writeFileSync(cfg, JSON.stringify({ source: { table: 'ho_so', columns: { received_at: 'NgayTiepNhan' } } }));
    oneLineError(runHcc(['table', '--db', `sqlite:${path}`, '--config', cfg, '--period', '2019-H1'], { cwd: dir }), '"NgayTiepNhan"', 'source.columns.received_at');
    const broken = join(dir, 'broken.sqlite');
    loadSqlite(broken, 'ho_so', generate(50));
    // One received date that is no date: that row is rejected, like a bad row of a file, and the rest counted.
    const db = new Database(broken);
    db.prepare("UPDATE ho_so SET received_at = 'hôm qua' WHERE code = 'HS000007'").run();
    db.close();
    const rejects = join(dir, 'broken-rejects.csv');
    const run = runHcc(['table', '--db', `sqlite:${broken}`, '--source-table', 'ho_so', '--period', '2019-H1', '--rejects', rejects], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('cột "received_at": không đọc được ngày "hôm qua"');
    expect(readFileSync(rejects, 'utf8')).toMatch(/HS000007,bad-date,"cột ""received_at"": không đọc được ngày ""hôm qua""/);
    // Both text layouts in one column are read value by value, as in a file; a column holding no
    // date at all rejects every row that has a value there, each naming the column.
    const mixed = new Database(broken);
    mixed.prepare("UPDATE ho_so SET received_at = '20190215083000' WHERE code = 'HS000008'").run();
    mixed.prepare("UPDATE ho_so SET due_at = 'sau 5 ngày' WHERE due_at IS NOT NULL").run();
    const withDue = mixed.prepare("SELECT COUNT(*) FROM ho_so WHERE due_at IS NOT NULL AND code <> 'HS000007'").pluck().get() as number;
    mixed.close();
    const run2 = runHcc(['table', '--db', `sqlite:${broken}`, '--source-table', 'ho_so', '--period', '2019-H1', '--rejects', rejects], { cwd: dir });
    expect(run2.status).toBe(0);
    const lines = readFileSync(rejects, 'utf8').trim().split('\n').slice(1);
    // (a row with an earlier fault, a missing agency say, is rejected for that one)
    const dueRejects = lines.filter((l) => l.includes('cột ""due_at"": không đọc được ngày ""sau 5 ngày""')).length;
    expect(dueRejects).toBeGreaterThan(withDue * 0.8);
    expect(lines.length).toBeGreaterThanOrEqual(withDue);
    expect(lines.some((l) => l.startsWith('ho_so,0,HS000008,') && l.includes('received_at'))).toBe(false);
  });

  it('masks the password of an unreachable server', () => {
    const run = runHcc(['table', '--db', 'postgres://report:s3cret@127.0.0.1:1/motcua', '--source-table', 'ho_so', '--period', '2019-H1'], { cwd: dir });
    oneLineError(run, 'không kết nối được', 'report:***@127.0.0.1:1');
    expect(run.stderr).not.toContain('s3cret');
  });

  const pgSkip = skipReason('PostgreSQL', PG_URL, 'HCC_TEST_PG_URL');
  describe.skipIf(pgSkip !== null)(`PostgreSQL${pgSkip ? ` (${pgSkip})` : ''}`, () => {
    const u = new URL(PG_URL ?? 'postgres://x@localhost/x');
    let admin: Knex;
    const table = tableName('hcc_err');
    beforeAll(async () => {
      admin = adminKnex(PG_URL!);
      await admin.raw('CREATE TABLE ?? (code text, agency text, received_at date, resolved_at text)', [table]);
      await admin.raw("INSERT INTO ?? VALUES ('A1', 'Sở Tư pháp', '2019-03-01', '2019-02-30')", [table]);
      await admin.raw("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'hcc_reader') THEN CREATE ROLE hcc_reader LOGIN PASSWORD 'readpw'; END IF; END $$");
    });
    afterAll(async () => {
      await admin?.schema.dropTableIfExists(table);
      await admin?.destroy();
    });

    it('wrong password, unknown database, missing table; an impossible date in a text column is a rejected row', () => {
      const wrong = `postgres://hcc_reader:wrongpw@${u.host}${u.pathname}`;
      const run = runHcc(['table', '--db', wrong, '--source-table', table, '--period', '2019-H1'], { cwd: dir });
      // Trust authentication may let any password in; then the read itself must still work or fail clearly.
      if (run.status === 1) expect(run.stderr).not.toContain('wrongpw');
      const noDb = `postgres://${u.username}@${u.host}/hcc_khong_co_csdl`;
      oneLineError(runHcc(['table', '--db', noDb, '--source-table', 'ho_so', '--period', '2019-H1'], { cwd: dir }), 'không có cơ sở dữ liệu');
      oneLineError(runHcc(['table', '--db', PG_URL!, '--source-table', 'khong_co_bang', '--period', '2019-H1'], { cwd: dir }), '"khong_co_bang"');
      // CAST('2019-02-30' AS DATE) fails in PostgreSQL: the whole count used to fail with it.
      const rejects = join(dir, 'pg-rejects.csv');
      const run2 = runHcc(['table', '--db', PG_URL!, '--source-table', table, '--period', '2019-H1', '--format', 'json', '--rejects', rejects], { cwd: dir });
      expect(run2.status).toBe(0);
      expect(JSON.parse(run2.stdout).total.received.total).toBe(0);
      expect(readFileSync(rejects, 'utf8')).toContain('A1,bad-date,"cột ""resolved_at"": ngày không hợp lệ ""2019-02-30"": tháng 2/2019 chỉ có 28 ngày"');
    });

    it('reads through HCC_DB_URL with a read-only user', async () => {
      await admin.raw('UPDATE ?? SET resolved_at = ?', [table, '2019-03-05']);
      await admin.raw('GRANT SELECT ON ?? TO hcc_reader', [table]);
      const url = `postgres://hcc_reader:readpw@${u.host}${u.pathname}`;
      const run = runHcc(['table', '--source-table', table, '--period', '2019-H1', '--format', 'json'], { cwd: dir, env: { HCC_DB_URL: url } });
      expect(run.status).toBe(0);
      expect(JSON.parse(run.stdout).total.resolved.total).toBe(1);
    });
  });

  const mySkip = skipReason('MariaDB', MYSQL_URL, 'HCC_TEST_MYSQL_URL');
  describe.skipIf(mySkip !== null)(`MariaDB${mySkip ? ` (${mySkip})` : ''}`, () => {
    it('wrong password, unknown database, missing table', () => {
      const u = new URL(MYSQL_URL!);
      const wrong = `mysql://${u.username}:sai-mat-khau@${u.host}${u.pathname}`;
      const run = runHcc(['table', '--db', wrong, '--source-table', 'ho_so', '--period', '2019-H1'], { cwd: dir });
      oneLineError(run, 'từ chối đăng nhập', ':***@');
      expect(run.stderr).not.toContain('sai-mat-khau');
      oneLineError(runHcc(['table', '--db', `mysql://${u.username}@${u.host}/hcc_khong_co_csdl`, '--source-table', 'ho_so', '--period', '2019-H1'], { cwd: dir }), 'không có cơ sở dữ liệu');
      oneLineError(runHcc(['table', '--db', MYSQL_URL!, '--source-table', 'khong_co_bang', '--period', '2019-H1'], { cwd: dir }), '"khong_co_bang"');
    });
  });
});
