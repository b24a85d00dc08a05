// Every way a clerk's store file can be unusable for `hcc import` ends in one line naming the file
// and what to do, exit code 1, and the store exactly as it was: read-only (file, mount, folder),
// damaged (random bytes, truncated), made by a newer hcc, another program's database, a full disk,
// another import holding it. `hcc table` on the same stores reads them or refuses as clearly.
// Real hcc processes, real files; read-only files and full disks need root (chattr, mount).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HCC, runHcc, tempDir, type HccRun } from '../helpers/run-hcc.js';

const HEADER = 'Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái';

function csv(path: string, prefix: string, rows: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) lines.push(`${prefix}${i},Sở Tư pháp số ${i % 7},02/05/2019,10/05/2019,,Đang xử lý`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const md5 = (path: string) => createHash('md5').update(readFileSync(path)).digest('hex');

let dir: string;
let small: string;
let big: string;

beforeAll(() => {
  dir = tempDir('hcc-store-err-');
  small = csv(join(dir, 'small.csv'), 'HS-S', 3);
  big = csv(join(dir, 'big.csv'), 'HS-B', 20_000);
});

function hcc(args: string[]): HccRun {
  return runHcc([...args, '--rejects', join(dir, 'rejects.csv')], { cwd: dir });
}

/** A fresh store holding the three dossiers of small.csv. */
function newStore(path: string): string {
  expect(hcc(['import', small, '--store', path]).status).toBe(0);
  return path;
}

/** One line on stderr naming the store, exit 1, nothing on stdout, no stack. */
function expectOneLine(run: HccRun, store: string, ...parts: string[]): void {
  expect(run.stderr).not.toMatch(/\n\s+at /);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^hcc: lỗi: /);
  expect(lines[0]).toContain(store);
  for (const p of parts) expect(lines[0]).toContain(p);
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
}

/** hcc table reads the store: the three dossiers of small.csv. */
function expectReadable(store: string): void {
  const run = hcc(['table', '--store', store, '--period', '2019', '--format', 'json']);
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout).total.received.total).toBe(3);
}

const asRoot = process.getuid?.() === 0;

/** Whether this machine lets the tests mount a tmpfs (root in a container that allows it). */
function mountWorks(): string | null {
  if (!asRoot) return 'not root';
  const probe = mkdtempSync(join(tmpdir(), 'hcc-mount-probe-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { encoding: 'utf8' });
  if (r.status !== 0) return `mount failed: ${(r.stderr || r.error?.message || '').trim()}`;
  spawnSync('umount', [probe]);
  return null;
}

function chattrWorks(): string | null {
  if (!asRoot) return 'not root (chattr +i needs root; chmod does not stop root)';
  const probe = join(mkdtempSync(join(tmpdir(), 'hcc-chattr-probe-')), 'f');
  writeFileSync(probe, '');
  const r = spawnSync('chattr', ['+i', probe], { encoding: 'utf8' });
  if (r.status !== 0) return `chattr +i failed: ${(r.stderr || r.error?.message || '').trim()}`;
  spawnSync('chattr', ['-i', probe]);
  return null;
}

function skip(what: string, reason: string | null): string | null {
  if (reason) console.warn(`${what} skipped: ${reason}`);
  return reason;
}

const mounts: string[] = [];
function mount(options: string): string {
  const at = mkdtempSync(join(dir, 'mnt-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', at], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  mounts.push(at);
  return at;
}
function remountReadOnly(at: string): void {
  const r = spawnSync('mount', ['-o', 'remount,ro', at], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}
afterAll(() => {
  for (const at of mounts) spawnSync('umount', ['-l', at]);
});

const noChattr = skip('read-only store file', chattrWorks());
describe.skipIf(noChattr !== null)(`a read-only store file${noChattr ? ` (${noChattr})` : ''}`, () => {
  it('import refuses in one line and leaves it as it was; hcc table still reads it', () => {
    const store = newStore(join(dir, 'immutable.sqlite'));
    const before = md5(store);
    spawnSync('chattr', ['+i', store]);
    try {
      expectOneLine(hcc(['import', big, '--store', store]), store, 'chỉ cho đọc', '--store');
      expect(md5(store)).toBe(before);
      expectReadable(store);
    } finally {
      spawnSync('chattr', ['-i', store]);
    }
  });

  it('a store in a read-only folder (its journal cannot be created): one line, unchanged, still read', () => {
    const folder = mkdtempSync(join(dir, 'ro-folder-'));
    const store = newStore(join(folder, 'hcc.sqlite'));
    rmSync(`${store}-journal`, { force: true });
    const before = md5(store);
    spawnSync('chattr', ['+i', folder]);
    try {
      expectOneLine(hcc(['import', big, '--store', store]), store, 'chỉ cho đọc', '--store');
      expect(md5(store)).toBe(before);
      expectReadable(store);
    } finally {
      spawnSync('chattr', ['-i', folder]);
    }
  });
});

const noMount = skip('read-only mount and full disk', mountWorks());
describe.skipIf(noMount !== null)(`read-only mounts and a full disk${noMount ? ` (${noMount})` : ''}`, () => {
  it('a store on a read-only mount, and a new store in a read-only folder', () => {
    const at = mount('size=1m');
    const store = newStore(join(at, 'hcc.sqlite'));
    const before = md5(store);
    remountReadOnly(at);
    expectOneLine(hcc(['import', big, '--store', store]), store, 'chỉ cho đọc', '--store');
    expect(md5(store)).toBe(before);
    expectReadable(store);
    const fresh = join(at, 'moi.sqlite');
    expectOneLine(hcc(['import', small, '--store', fresh]), fresh, 'không mở hoặc tạo được', 'chỉ cho đọc', '--store');
  });

  it('a full disk: import says so, the store keeps its bytes, and imports once there is room', () => {
    const at = mount('size=256k');
    const store = newStore(join(at, 'hcc.sqlite'));
    const before = md5(store);
    expectOneLine(hcc(['import', big, '--store', store]), store, 'đã đầy', 'giải phóng chỗ trống');
    expect(md5(store)).toBe(before);
    expectReadable(store);
    // A new store on the full disk: the same line.
    const filler = join(at, 'filler');
    writeFileSync(filler, Buffer.alloc(200 * 1024));
    const fresh = join(at, 'moi.sqlite');
    expectOneLine(hcc(['import', big, '--store', fresh]), fresh, 'đã đầy');
    rmSync(filler);
    rmSync(fresh, { force: true });
    // Room again (the mount grows): the same import goes through.
    expect(spawnSync('mount', ['-o', 'remount,size=16m', at]).status).toBe(0);
    const ok = hcc(['import', big, '--store', store]);
    expect(ok.stderr).toContain('đã nhập vào');
    expect(ok.status).toBe(0);
  });
});

describe('damaged, foreign and newer stores', () => {
  it('random bytes and a truncated store: import and table say the file is damaged, and leave it', () => {
    const noise = join(dir, 'noise.sqlite');
    writeFileSync(noise, Buffer.from(Array.from({ length: 16384 }, (_, i) => (i * 7919 + 13) % 251)));
    const truncated = join(dir, 'truncated.sqlite');
    expect(hcc(['import', big, '--store', truncated]).status).toBe(0);
    truncateSync(truncated, 65536);
    // Bytes overwritten in the middle: the schema reads, the dossiers do not.
    const overwritten = join(dir, 'overwritten.sqlite');
    expect(hcc(['import', big, '--store', overwritten]).status).toBe(0);
    const bytes = readFileSync(overwritten);
    bytes.fill(0x5a, bytes.length >> 1, (bytes.length >> 1) + 65536);
    writeFileSync(overwritten, bytes);
    for (const store of [noise, truncated, overwritten]) {
      const before = md5(store);
      expectOneLine(hcc(['import', small, '--store', store]), store, 'đã hỏng', 'bản sao lưu');
      expectOneLine(hcc(['table', '--store', store, '--period', '2019']), store, 'hỏng');
      expect(md5(store)).toBe(before);
    }
  });

  it('a store made by a newer hcc: import and table refuse, saying to update hcc, and write nothing', () => {
    const store = newStore(join(dir, 'newer.sqlite'));
    const db = new Database(store);
    db.prepare("INSERT INTO hcc_migrations (name, batch, migration_time) VALUES ('003_future_columns', 2, 0)").run();
    db.close();
    const before = md5(store);
    expectOneLine(hcc(['import', big, '--store', store]), store, 'phiên bản hcc mới hơn', '003_future_columns', 'cập nhật hcc');
    expectOneLine(hcc(['table', '--store', store, '--period', '2019']), store, 'phiên bản hcc mới hơn', 'cập nhật hcc');
    expect(md5(store)).toBe(before);
  });

  it("another program's SQLite database given as the store is not written into", () => {
    const other = join(dir, 'motcua.sqlite');
    const db = new Database(other);
    db.exec('CREATE TABLE ho_so (ma TEXT)');
    db.close();
    const before = md5(other);
    expectOneLine(hcc(['import', small, '--store', other]), other, 'không phải kho dữ liệu của hcc', '--db sqlite:');
    expect(md5(other)).toBe(before);
  });

  it('a folder given as the store', () => {
    const folder = mkdtempSync(join(dir, 'folder-'));
    expectOneLine(hcc(['import', small, '--store', folder]), folder, 'là một thư mục');
  });

  it('a store whose folder cannot be made (under /proc, under a file) ends at once with one line', () => {
    // Node's recursive mkdir never returns under /proc.
    expectOneLine(hcc(['import', small, '--store', '/proc/hcc-none/hcc.sqlite']), '/proc/hcc-none/hcc.sqlite', 'không tạo được kho dữ liệu');
    expectOneLine(hcc(['import', small, '--store', join(small, 'hcc.sqlite')]), join(small, 'hcc.sqlite'), 'là một tệp, không phải thư mục');
  });
});

describe('another import writing the same store', () => {
  it('waits for it, then says another import is running; hcc table still reads meanwhile', async () => {
    const store = newStore(join(dir, 'busy.sqlite'));
    const before = md5(store);
    // The lock an import holds for the whole file it is importing (BEGIN IMMEDIATE), taken here
    // as a long import would hold it.
    const holder = new Database(store);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      const run = hcc(['import', small, '--store', store]);
      const waited = Date.now() - started;
      expectOneLine(run, store, 'lệnh hcc import khác', 'chạy lại');
      expect(waited).toBeGreaterThan(5_000); // a short overlap would have simply waited
      expect(waited).toBeLessThan(25_000);
      expectReadable(store);
      // While an import commits (or spills its cache) it holds the file alone: hcc table says so.
      holder.exec('ROLLBACK');
      holder.exec('BEGIN EXCLUSIVE');
      const reader = hcc(['table', '--store', store, '--period', '2019']);
      expectOneLine(reader, store, 'đang được', 'chạy lại');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(md5(store)).toBe(before);
  }, 60_000);

  it('a shorter overlap simply waits: an import held 7 s, and two imports started together, all go through', async () => {
    const store = newStore(join(dir, 'together.sqlite'));
    const a = csv(join(dir, 'a.csv'), 'HS-A', 30_000);
    const b = csv(join(dir, 'b.csv'), 'HS-C', 30_000);
    const start = (file: string) =>
      new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [HCC, 'import', file, '--store', store], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
        let stderr = '';
        child.stderr.on('data', (d) => (stderr += d));
        child.on('close', (status) => resolve({ status, stderr }));
      });
    // Held for 7 s, as by an import of a few hundred thousand rows.
    const holder = new Database(store);
    holder.exec('BEGIN IMMEDIATE');
    const running = start(a);
    await new Promise((r) => setTimeout(r, 7_000));
    holder.exec('ROLLBACK');
    holder.close();
    const ra = await running;
    expect(ra.stderr).toContain('đã nhập vào');
    expect(ra.status).toBe(0);
    // Two real imports at once: the second waits for the first's transaction.
    const [rb, rc] = await Promise.all([start(b), start(small)]);
    expect(rb.stderr).toContain('đã nhập vào');
    expect(rc.stderr).toContain('đã nhập vào');
    expect([rb.status, rc.status]).toEqual([0, 0]);
    const table = JSON.parse(hcc(['table', '--store', store, '--period', '2019', '--format', 'json']).stdout);
    expect(table.total.received.total).toBe(60_003);
  }, 60_000);
});
