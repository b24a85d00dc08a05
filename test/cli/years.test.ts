// A period, a range or a day given on the command line in a year hcc cannot mean (0000-H1, 1950,
// 2150) is a usage error, exit code 2, in one line naming the flag, what was typed and the range;
// before, 0000-H1 gave an empty table labelled "0-H1".
import { readdirSync, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runHcc, tempDir } from '../helpers/run-hcc.js';

const dir = tempDir('hcc-years-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('years hcc cannot mean are usage errors (exit 2)', () => {
  it.each([
    [['table', '--input', 'x.csv', '--period', '0000-H1'], 'kỳ báo cáo', '0000-H1'],
    [['table', '--input', 'x.csv', '--period', '2101'], 'kỳ báo cáo', '2101'],
    [['table', '--input', 'x.csv', '--from', '1950-01-01', '--to', '2024-01-31'], '--from', '1950-01-01'],
    [['table', '--input', 'x.csv', '--from', '01/01/2024', '--to', '31/12/2150'], '--to', '31/12/2150'],
    [['export', '--input', 'x.csv', '--every', 'year', '--from', '1950', '--to', '1950', '--out', 'x'], '--from', '1950'],
    [['export', '--input', 'x.csv', '--every', 'month', '--from', '2024-01', '--to', '2199-12-01', '--out', 'x'], '--to', '2199-12-01'],
    [['overdue', '--input', 'x.csv', '--as-of', '1950-06-30'], '--as-of', '1950-06-30'],
    [['report', '--input', 'x.csv', '--period', '2024-01', '--date', '05/08/2150'], '--date', '05/08/2150'],
  ])('%j', (args, flag, typed) => {
    const r = runHcc(args as string[], { cwd: dir });
    expect(r.status, r.stderr).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^hcc: lỗi: /);
    expect(lines[0]).toContain(flag);
    expect(lines[0]).toContain(`"${typed}"`);
    expect(lines[0]).toMatch(/ngoài khoảng.*1990–2100/);
    expect(readdirSync(dir)).not.toContain('x');
  });
});
