// Where hcc writes: every output appears whole or not at all, lands where the user meant (a device,
// a FIFO and a symlink stay what they are), and every place it cannot write is one clear line with
// exit code 1, never a hang, a stack trace or a half-written file.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HCC, tempDir } from '../helpers/run-hcc.js';

const isRoot = process.getuid?.() === 0;
let dir: string;
let input: string;
let expectedCsv: string;

/** hcc as a separate process; a hang is killed (and reported) instead of stopping the suite. */
function run(args: string[], options: { cwd?: string; shell?: string } = {}) {
  const r = options.shell
    ? spawnSync('sh', ['-c', options.shell], { cwd: options.cwd ?? dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000, killSignal: 'SIGKILL' })
    : spawnSync(process.execPath, [HCC, ...args], { cwd: options.cwd ?? dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000, killSignal: 'SIGKILL' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, hung: r.signal === 'SIGKILL' };
}
const table = (out: string, format = 'csv') => ['table', '--input', input, '--period', '2024-01', '--format', format, '--out', out];

/** Exit code 1 and one line that names the path and says why; nothing "unexpected". */
function expectOneLine(r: ReturnType<typeof run>, path: string, reason: string | RegExp) {
  expect(r.hung, 'hcc hung').toBe(false);
  expect(r.status, r.stderr).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^hcc: lỗi: không ghi được /);
  expect(lines[0]).toContain(path);
  if (typeof reason === 'string') expect(lines[0]).toContain(reason);
  else expect(lines[0]).toMatch(reason);
}

/** No temporary file of hcc left behind. */
function expectNoTemporary(folder: string) {
  expect(readdirSync(folder).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}

function mountTmpfs(folder: string, options: string): string | null {
  mkdirSync(folder, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', folder], { encoding: 'utf8' });
  return r.status === 0 ? null : `mount failed: ${r.stderr.trim()}`;
}
const umount = (folder: string) => spawnSync('umount', [folder]);

beforeAll(() => {
  dir = tempDir('hcc-outputs-');
  chmodSync(dir, 0o755); // the unprivileged run below reads the input from here
  input = join(dir, 'ho-so.csv');
  writeFileSync(
    input,
    // Every column an export has, so that the only message is the one under test.
    [
      'Mã hồ sơ,Đơn vị,Lĩnh vực,Tên thủ tục hành chính,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Kênh thực hiện',
      'A1,Sở Y tế,Dược,Cấp phép,02/01/2024,10/01/2024,,Đang xử lý,Trực tiếp',
      'A2,Sở Tư pháp,Hộ tịch,Khai sinh,03/01/2024,10/01/2024,05/01/2024,Đã trả kết quả,Trực tuyến',
    ].join('\n') + '\n',
  );
  chmodSync(input, 0o644);
  const r = run(['table', '--input', input, '--period', '2024-01', '--format', 'csv']);
  expect(r.status, r.stderr).toBe(0);
  expectedCsv = r.stdout;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('places hcc cannot write: one line, exit 1, nothing left', () => {
  it('--out under /proc (a folder that cannot be made) fails at once', () => {
    expectOneLine(run(table('/proc/hcc-khong-co/bang.csv')), '/proc/hcc-khong-co/bang.csv', 'không tạo được thư mục /proc/hcc-khong-co');
  });

  it('--out a directory', () => {
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    expectOneLine(run(table(folder)), folder, 'đó là một thư mục');
    expect(statSync(folder).isDirectory()).toBe(true);
    expectNoTemporary(dir);
  });

  it('--out a 300-character file name; a 250-character one is written', () => {
    const long = join(dir, `${'a'.repeat(300)}.csv`);
    expectOneLine(run(table(long)), long, 'ENAMETOOLONG: tên tệp hoặc đường dẫn quá dài');
    const fits = join(dir, `${'b'.repeat(250)}.csv`);
    const r = run(table(fits));
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(fits, 'utf8')).toBe(expectedCsv);
    expectNoTemporary(dir);
  });

  it('hcc table > /dev/full: the output is incomplete and the user hears it', () => {
    const r = run([], { shell: `"${process.execPath}" "${HCC}" table --input "${input}" --period 2024-01 > /dev/full` });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['hcc: lỗi: không ghi được kết quả ra đầu ra chuẩn (stdout): ENOSPC: ổ đĩa đã đầy']);
  });

  it('--out /dev/full', () => {
    expectOneLine(run(table('/dev/full')), '/dev/full', 'ENOSPC: ổ đĩa đã đầy');
  });

  it('hcc init --config at a directory, with or without --force', () => {
    const folder = join(dir, 'cau-hinh');
    mkdirSync(folder);
    for (const force of [[], ['--force']]) {
      const r = run(['init', '--config', folder, ...force]);
      expectOneLine(r, folder, `đó là một thư mục: cho đường dẫn của tệp, ví dụ --config ${join(folder, 'hcc.config.json')}`);
    }
    expect(readdirSync(folder)).toEqual([]);
  });

  const notRoot = isRoot ? null : 'not root: cannot mount a tmpfs';
  if (notRoot) console.warn(`outputs: read-only and full-disk tests skipped (${notRoot})`);

  it.skipIf(notRoot !== null)('a read-only folder', () => {
    const folder = join(dir, 'ro');
    const failed = mountTmpfs(folder, 'ro,size=1m');
    if (failed) return console.warn(`outputs: read-only test skipped (${failed})`);
    try {
      const target = join(folder, 'bang.csv');
      expectOneLine(run(table(target)), target, 'EROFS: ổ đĩa hoặc thư mục chỉ cho đọc');
      const exported = run(['export', '--input', input, '--every', 'month', '--from', '2024-01', '--to', '2024-01', '--out', folder]);
      expect(exported.status).toBe(1);
      expect(exported.stderr).toContain(`không ghi được ${join(folder, 'hcc-2024-01.csv')} (2024-01: 01/1/2024–31/1/2024): EROFS: ổ đĩa hoặc thư mục chỉ cho đọc`);
      expect(readdirSync(folder)).toEqual([]);
    } finally {
      umount(folder);
    }
  });

  it.skipIf(notRoot !== null)('a full disk: nothing half-written is left, not even the file that fitted', () => {
    // A disk with room for the report's PDF and not for its workbook as well.
    const sizes = join(dir, 'sizes');
    expect(run(['report', '--input', input, '--period', '2024-01', '--out', sizes]).status).toBe(0);
    const pages = (file: string) => Math.ceil(statSync(join(sizes, file)).size / 4096);
    expect(pages('phu-luc-2024-01.xlsx')).toBeGreaterThan(1);
    const folder = join(dir, 'full');
    const failed = mountTmpfs(folder, `size=${(pages('bao-cao-2024-01.pdf') + 1) * 4}k`);
    if (failed) return console.warn(`outputs: full-disk test skipped (${failed})`);
    try {
      const r = run(['report', '--input', input, '--period', '2024-01', '--out', folder]);
      expect(r.hung).toBe(false);
      expect(r.status, r.stderr).toBe(1);
      const lines = r.stderr.trim().split('\n').filter((l) => l.startsWith('hcc: lỗi'));
      expect(lines).toEqual([`hcc: lỗi: không ghi được ${join(folder, 'phu-luc-2024-01.xlsx')}: ENOSPC: ổ đĩa đã đầy`]);
      expect(readdirSync(folder)).toEqual([]);
      // A table fits: the disk itself works.
      expect(run(table(join(folder, 'bang.csv'))).status).toBe(0);
    } finally {
      umount(folder);
    }
  });
});

describe('devices, FIFOs and symlinks are written through, never replaced', () => {
  const notRoot = isRoot ? null : 'not root: cannot create a device';
  if (notRoot) console.warn(`outputs: device test skipped (${notRoot})`);

  it.skipIf(notRoot !== null)('a character device made here (mknod c 1 3, a null device) and a symlink to it', () => {
    const devices = join(dir, 'dev');
    mkdirSync(devices);
    const device = join(devices, 'null');
    expect(spawnSync('mknod', [device, 'c', '1', '3']).status).toBe(0);
    symlinkSync(device, join(devices, 'link'));
    for (const target of [device, join(devices, 'link')]) {
      const r = run(table(target));
      expect(r.status, r.stderr).toBe(0);
    }
    expect(statSync(device).isCharacterDevice()).toBe(true);
    expect(lstatSync(join(devices, 'link')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(devices, 'link'))).toBe(device);
    expect(readdirSync(devices).sort()).toEqual(['link', 'null']);
  });

  it('a FIFO with a reader gets the whole output; without one, one line at once', async () => {
    const fifo = join(dir, 'ong-dan');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const reader = spawn('cat', [fifo]);
    let received = '';
    reader.stdout.setEncoding('utf8').on('data', (c: string) => (received += c));
    const done = new Promise((resolve) => reader.on('close', resolve));
    // hcc runs while cat reads (spawnSync would block this process, not cat).
    const r = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const p = spawn(process.execPath, [HCC, ...table(fifo)], { cwd: dir });
      let stderr = '';
      p.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
      p.on('close', (status) => resolve({ status, stderr }));
    });
    // A writer that never opened the FIFO leaves cat waiting: end it rather than the suite.
    const timer = setTimeout(() => reader.kill('SIGKILL'), 5000);
    await done;
    clearTimeout(timer);
    expect(r.status, r.stderr).toBe(0);
    expect(received).toBe(expectedCsv);
    expect(statSync(fifo).isFIFO()).toBe(true);

    expectOneLine(run(table(fifo)), fifo, 'ENXIO: không có chương trình nào đang đọc ở đầu kia');
  });

  it('a symlink to a regular file: the file is replaced whole, the link and the permissions stay', () => {
    const real = join(dir, 'that-file.csv');
    writeFileSync(real, 'old content\n');
    chmodSync(real, 0o640);
    const link = join(dir, 'link.csv');
    symlinkSync('that-file.csv', link);
    const r = run(table(link));
    expect(r.status, r.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(expectedCsv);
    expect(statSync(real).mode & 0o777).toBe(0o640);
    expectNoTemporary(dir);
  });

  it('--out /dev/stdout into a pipe, into a file, appended with >>', () => {
    const piped = run(table('/dev/stdout'));
    expect(piped.status, piped.stderr).toBe(0);
    expect(piped.stdout).toBe(expectedCsv);
    const file = join(dir, 'redirected.csv');
    writeFileSync(file, 'first line\n');
    const command = `"${process.execPath}" "${HCC}" ${table('/dev/stdout').map((a) => `"${a}"`).join(' ')}`;
    expect(run([], { shell: `${command} >> "${file}"` }).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(`first line\n${expectedCsv}`);
    expect(run([], { shell: `${command} > "${file}"` }).status).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(expectedCsv);
  });

  const runuser = spawnSync('runuser', ['--help']).status === 0 && spawnSync('id', ['nobody']).status === 0;
  const asNobody = isRoot && runuser ? null : isRoot ? 'no runuser or no user "nobody"' : 'not root: cannot switch to an unprivileged user';
  if (asNobody) console.warn(`outputs: unprivileged --out /dev/null test skipped (${asNobody})`);

  it.skipIf(asNobody !== null)('an ordinary user (nobody) writes --out /dev/null and --out /dev/stdout', () => {
    for (const target of ['/dev/null', '/dev/stdout']) {
      const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, HCC, ...table(target)], { cwd: '/', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 20_000 });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe(`hcc: đã ghi ${target}\n`);
      expect(r.stdout).toBe(target === '/dev/stdout' ? expectedCsv : '');
    }
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });
});

describe('hcc export --prefix stays inside --out', () => {
  it.each(['../../x', '../x', 'a/b', '..', 'a\\b'])('--prefix %s is a usage error and writes nothing', (prefix) => {
    const base = join(dir, `prefix-${prefix.replace(/[^a-z]/g, '_')}`);
    const out = join(base, 'a', 'b');
    const r = run(['export', '--input', input, '--every', 'month', '--from', '2024-01', '--to', '2024-01', '--out', out, '--prefix', prefix]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringContaining(`--prefix "${prefix}" không dùng được`)]);
    expect(existsSync(base)).toBe(false);
  });
});

describe('hcc report writes the PDF and the workbook both or neither', () => {
  it('a directory where the workbook goes: exit 1, one line, no new PDF, the older PDF untouched', () => {
    const out = join(dir, 'report');
    mkdirSync(join(out, 'phu-luc-2024-01.xlsx'), { recursive: true });
    const pdf = join(out, 'bao-cao-2024-01.pdf');
    writeFileSync(pdf, 'the report signed last month');
    const r = run(['report', '--input', input, '--period', '2024-01', '--out', out]);
    expect(r.status).toBe(1);
    const errors = r.stderr.trim().split('\n').filter((l) => l.startsWith('hcc: lỗi'));
    expect(errors).toEqual([`hcc: lỗi: không ghi được ${join(out, 'phu-luc-2024-01.xlsx')}: đó là một thư mục, không phải tệp`]);
    expect(readFileSync(pdf, 'utf8')).toBe('the report signed last month');
    expect(r.stdout).toBe('');
    expectNoTemporary(out);

    rmSync(join(out, 'phu-luc-2024-01.xlsx'), { recursive: true });
    const ok = run(['report', '--input', input, '--period', '2024-01', '--out', out]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });

  const chattr = isRoot && spawnSync('chattr', ['--help']).error === undefined ? null : 'needs root and chattr';
  it.skipIf(chattr !== null)('a workbook that cannot be replaced (immutable): the PDF already put in place is taken back', () => {
    const out = join(dir, 'report-immutable');
    mkdirSync(out);
    const pdf = join(out, 'bao-cao-2024-01.pdf');
    const xlsx = join(out, 'phu-luc-2024-01.xlsx');
    writeFileSync(pdf, 'older PDF');
    writeFileSync(xlsx, 'older workbook');
    if (spawnSync('chattr', ['+i', xlsx]).status !== 0) return console.warn('outputs: immutable test skipped (chattr +i not supported on this file system)');
    try {
      const r = run(['report', '--input', input, '--period', '2024-01', '--out', out]);
      expect(r.status).toBe(1);
      const errors = r.stderr.trim().split('\n').filter((l) => l.startsWith('hcc: lỗi'));
      expect(errors).toEqual([`hcc: lỗi: không ghi được ${xlsx}: EPERM: không có quyền truy cập`]);
      expect(readFileSync(pdf, 'utf8')).toBe('older PDF');
      expect(readFileSync(xlsx, 'utf8')).toBe('older workbook');
      expect(readdirSync(out).sort()).toEqual(['bao-cao-2024-01.pdf', 'phu-luc-2024-01.xlsx']);
    } finally {
      spawnSync('chattr', ['-i', xlsx]);
    }
  });
});
