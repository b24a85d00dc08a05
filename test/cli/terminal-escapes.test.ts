// Escape sequences and control characters in the data never reach the terminal: not in the tables,
// not in the listings, not in a message on stderr; with colour on, hcc's own colour codes still work.
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HCC, runHcc, tempDir } from '../helpers/run-hcc.js';

const ESC = '\u001b';
const CLEAR = `${ESC}[2J`; // clears the screen
const TITLE = `${ESC}]0;pwned${ESC}\\`; // sets the window title
const CSI = '\u009b31m'; // C1 CSI: red, without ESC
const RLO = '\u202e'; // right-to-left override: shows text reversed
const HEADER = 'Mã hồ sơ,Đơn vị,Lĩnh vực,Tên thủ tục hành chính,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái';

let dir: string;
let input: string;

beforeAll(() => {
  dir = tempDir('hcc-escapes-');
  input = join(dir, 'ho-so.csv');
  writeFileSync(
    input,
    [
      HEADER,
      `A1,Sở ${CLEAR}Tư pháp,Hộ tịch${TITLE},Khai sinh,02/01/2024,10/01/2024,,Đang xử lý`,
      `A2${CSI},Sở Y tế${RLO}txt.exe,Dược,Cấp phép,03/01/2024,10/01/2024,,Đang xử lý`,
    ].join('\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What would act on a terminal, once hcc's own colour codes (SGR, ESC [ … m) are taken out. */
function unsafe(text: string): string[] {
  const rest = text.replace(/\u001b\[[0-9;]*m/g, '');
  return [...rest.matchAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g)].map((m) => `U+${m[0].charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Runs hcc under a pseudo-terminal (util-linux `script`), so it colours its output as for a person. */
function onTerminal(args: string[]): { status: number | null; output: string } | null {
  const command = [process.execPath, HCC, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', `stty cols 160; ${command}`, '/dev/null'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm' } as NodeJS.ProcessEnv,
  });
  if (r.error) return null;
  return { status: r.status, output: r.stdout.replace(/\r\n/g, '\n') }; // the terminal turns each line feed into CR LF
}
const hasScript = spawnSync('script', ['-V']).status === 0;
if (!hasScript) console.warn('terminal-escapes: the coloured (pseudo-terminal) runs are skipped: `script` (util-linux) is not installed');

describe('data on the terminal', () => {
  it('hcc table: names shown escaped, figures intact', () => {
    const r = runHcc(['table', '--input', input, '--period', '2024-01'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(unsafe(r.stdout)).toEqual([]);
    expect(unsafe(r.stderr)).toEqual([]);
    expect(r.stdout).toContain('Sở \\u001B[2JTư pháp');
    expect(r.stdout).toContain('Sở Y tế\\u202Etxt.exe');
  });

  it('hcc overdue: codes, agencies and fields shown escaped', () => {
    const r = runHcc(['overdue', '--input', input, '--as-of', '2024-01-31'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(unsafe(r.stdout)).toEqual([]);
    expect(r.stdout).toContain('A2\\u009B31m');
    expect(r.stdout).toContain('Hộ tịch\\u001B]0;pwned\\u001B\\');
  });

  it.skipIf(!hasScript)('with colour on a terminal: hcc colours, the data does not act', () => {
    for (const args of [
      ['table', '--input', input, '--period', '2024-01'],
      ['overdue', '--input', input, '--as-of', '2024-01-31'],
      ['table', '--input', input, '--period', '2024-01', '--format', 'csv'],
      ['overdue', '--input', input, '--as-of', '2024-01-31', '--format', 'json'],
    ]) {
      const r = onTerminal(args)!;
      expect(r.status, r.output).toBe(0);
      expect(unsafe(r.output), args.join(' ')).toEqual([]);
      if (args.length === 5) expect(r.output).toMatch(/\u001b\[1m/); // bold titles: chalk still works
      if (args.includes('json')) expect(JSON.parse(r.output).overdue[1].code).toBe('A2\u009B31m'); // escaped as JSON escapes: still JSON
    }
  });

  it('CSV and JSON into a file or a pipe stay exact', () => {
    const r = runHcc(['table', '--input', input, '--period', '2024-01', '--format', 'csv'], { cwd: dir });
    expect(r.stdout).toContain(CLEAR);
  });
});

describe('data in messages on stderr', () => {
  it('an error quoting a value from the database', () => {
    const path = join(dir, 'ho-so.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE ho_so (code text, agency text, received_at text, resolved_at text)');
    db.prepare('INSERT INTO ho_so VALUES (?, ?, ?, ?)').run('A1', 'Sở Tư pháp', `hôm qua${CLEAR}\u0007\r`, null);
    db.close();
    const r = runHcc(['table', '--db', `sqlite:${path}`, '--source-table', 'ho_so', '--period', '2024-01'], { cwd: dir });
    // A date that is no date is a rejected row, as in a file: quoted in the rejects summary.
    expect(r.status).toBe(0);
    expect(unsafe(r.stderr)).toEqual([]);
    expect(r.stderr).toContain('hôm qua\\u001B[2J\\u0007');
    expect(r.stderr.split('\n').filter((l) => l.includes('hôm qua'))).toHaveLength(1);
  });

  it('an error quoting the config file', () => {
    const config = join(dir, 'cau-hinh.json');
    writeFileSync(config, JSON.stringify({ columns: { [`Cột${CLEAR}`]: `x${TITLE}` } }));
    const r = runHcc(['table', '--input', input, '--config', config, '--period', '2024-01'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(unsafe(r.stderr)).toEqual([]);
    expect(r.stderr).toContain('Cột\\u001B[2J');
  });

  it('a usage error quoting the command line, from hcc and from the option parser', () => {
    const by = runHcc(['table', '--input', input, '--period', '2024-01', '--by', `x${CLEAR}`], { cwd: dir });
    expect(by.status).toBe(2);
    expect(unsafe(by.stderr)).toEqual([]);
    expect(by.stderr).toContain('--by "x\\u001B[2J" không hợp lệ');
    const option = runHcc(['table', `--${CLEAR}`], { cwd: dir });
    expect(option.status).toBe(2);
    expect(unsafe(option.stderr)).toEqual([]);
    expect(option.stderr).toContain('\\u001B[2J');
  });

  it('the rows not counted and the warnings, quoting values and headers from the file', () => {
    const bad = join(dir, 'bad-values.csv');
    writeFileSync(
      bad,
      [
        `Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Trạng thái,Hạn ${CLEAR}chót`,
        `B1,Sở Y tế,02/01/2024,Treo${CLEAR},10/01/2024`,
        `B2${TITLE},Sở Y tế,31/06/2024,Đang xử lý,10/01/2024`,
        `Lĩnh vực: ${RLO}abc,,,,`,
      ].join('\n'),
    );
    const r = runHcc(['table', '--input', bad, '--period', '2024-01', '--rejects', join(dir, 'bad-rejects.csv')], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('không nhận ra trạng thái "Treo\\u001B[2J"');
    expect(r.stderr).toContain('(mã B2\\u001B]0;pwned\\u001B\\)');
    expect(r.stderr).toContain('"Hạn \\u001B[2Jchót"');
    expect(unsafe(r.stderr)).toEqual([]);
    expect(unsafe(r.stdout)).toEqual([]);
    const inspect = runHcc(['inspect', bad], { cwd: dir });
    expect(inspect.status, inspect.stderr).toBe(0);
    // Into a pipe the document is exact; on a terminal it is printable.
    expect(inspect.stdout).toContain(`"Treo${CLEAR}"`);
    const tty = hasScript ? onTerminal(['inspect', bad]) : null;
    if (tty) {
      expect(unsafe(tty.output)).toEqual([]);
      expect(tty.output).toContain('Treo\\u001B[2J');
    }
  });

  it('a message naming a file written', () => {
    const out = join(dir, `bang${TITLE}.csv`);
    const r = runHcc(['table', '--input', input, '--period', '2024-01', '--format', 'csv', '--out', out], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(unsafe(r.stderr)).toEqual([]);
    expect(r.stderr).toContain('bang\\u001B]0;pwned\\u001B\\.csv');
  });
});
