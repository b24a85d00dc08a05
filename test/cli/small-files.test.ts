// The files hcc reads whole (config, templates, fonts) must be regular files of a sane size: a FIFO, a
// directory, a device or a link to /dev/zero is refused in one line, at once, with exit code 1.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HCC, ROOT, tempDir } from '../helpers/run-hcc.js';

let dir: string;
let input: string;
/** The same kinds of not-a-file, under names the commands accept. */
const odd: Record<string, (name: string) => string> = {};

/** As runHcc, but a hang is killed after a few seconds (the process memory of /dev/zero grows fast). */
function run(args: string[]) {
  const r = spawnSync(process.execPath, [HCC, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 5000, killSignal: 'SIGKILL' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, hung: r.signal === 'SIGKILL' };
}

function expectRefused(r: ReturnType<typeof run>, ...parts: string[]) {
  expect(r.hung, 'hcc hung').toBe(false);
  expect(r.status, r.stderr).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^hcc: lỗi: /);
  expect(lines[0]).not.toContain('không mong đợi');
  for (const p of parts) expect(lines[0]).toContain(p);
}

beforeAll(() => {
  dir = tempDir('hcc-small-files-');
  input = join(dir, 'ho-so.csv');
  writeFileSync(input, 'Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái\nA1,Sở Y tế,02/01/2024,10/01/2024,,Đang xử lý\n');
  odd.fifo = (name) => {
    const p = join(dir, `fifo-${name}`);
    spawnSync('mkfifo', [p]);
    return p;
  };
  odd.directory = (name) => {
    const p = join(dir, `dir-${name}`);
    mkdirSync(p);
    return p;
  };
  odd.zero = (name) => {
    const p = join(dir, `zero-${name}`);
    symlinkSync('/dev/zero', p);
    return p;
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const KINDS: [string, string][] = [
  ['fifo', 'ống dẫn (FIFO)'],
  ['directory', 'thư mục'],
  ['zero', 'thiết bị'],
];

describe('--config', () => {
  it.each(KINDS)('a %s is refused', (kind, words) => {
    const path = odd[kind](`${kind}.json`);
    expectRefused(run(['table', '--input', input, '--period', '2024-01', '--config', path]), path, words);
  });

  it('a config file over the size limit is refused', () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, `{ "agencies": [${'"Sở Y tế",'.repeat(500_000)} "x"] }`);
    expectRefused(run(['table', '--input', input, '--period', '2024-01', '--config', big]), big, 'tệp quá lớn');
  });

  it('./hcc.config.json found in the working directory is checked the same way', () => {
    const cwd = join(dir, 'cwd-fifo');
    mkdirSync(cwd);
    spawnSync('mkfifo', [join(cwd, 'hcc.config.json')]);
    const r = spawnSync(process.execPath, [HCC, 'table', '--input', input, '--period', '2024-01'], { cwd, encoding: 'utf8', timeout: 5000, killSignal: 'SIGKILL' });
    expectRefused({ status: r.status, stdout: r.stdout, stderr: r.stderr, hung: r.signal === 'SIGKILL' }, 'hcc.config.json', 'ống dẫn (FIFO)');
  });
});

describe('--template', () => {
  it.each(KINDS)('a %s is refused', (kind, words) => {
    const path = odd[kind]('mau.json');
    expectRefused(run(['report', '--input', input, '--period', '2024-01', '--out', join(dir, 'r'), '--template', path]), path, words);
  });
});

describe('"fonts" of the config', () => {
  it.each(KINDS)('a %s is refused, for the report and the overdue PDF', (kind, words) => {
    const font = odd[kind](`font-${kind}.ttf`);
    const config = join(dir, `fonts-${kind}.json`);
    writeFileSync(config, JSON.stringify({ fonts: { bold: font } }));
    expectRefused(run(['report', '--input', input, '--period', '2024-01', '--config', config, '--out', join(dir, 'r')]), '"fonts.bold"', font, words);
    expectRefused(run(['overdue', '--input', input, '--as-of', '2024-01-31', '--config', config, '--format', 'pdf', '--out', join(dir, 'q.pdf')]), '"fonts.bold"', words);
  });

  it('a real font given through a symlink is used', () => {
    const fonts = join(dir, 'fonts');
    mkdirSync(fonts);
    const real = join(fonts, 'serif.ttf');
    copyFileSync(join(ROOT, 'report-templates/fonts/LiberationSerif-Regular.ttf'), real);
    symlinkSync(real, join(fonts, 'link.ttf'));
    const config = join(dir, 'fonts-link.json');
    writeFileSync(config, JSON.stringify({ fonts: { normal: 'fonts/link.ttf' } }));
    const out = join(dir, 'r-link');
    const r = run(['report', '--input', input, '--period', '2024-01', '--config', config, '--out', out, '--format', 'pdf']);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'bao-cao-2024-01.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
