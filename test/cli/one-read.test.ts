// A command reads its source once, whatever it makes of it: `hcc report --forms` (the annex by agency
// and Biểu 06 by field) opens the export as often as `hcc report` alone.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HA_NAM, HCC, ROOT, tempDir } from '../helpers/run-hcc.js';

const dir = tempDir('hcc-one-read-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** How many times the hcc process opened the Hà Nam export. */
function opensOfInput(args: string[]): number {
  const log = join(dir, `opens-${Math.random().toString(36).slice(2)}.txt`);
  const r = spawnSync(process.execPath, ['--require', join(ROOT, 'test/helpers/count-opens.cjs'), HCC, ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', HCC_TEST_OPENS: log },
  });
  expect(r.status, r.stderr).toBe(0);
  return readFileSync(log, 'utf8').split('\n').filter((p) => p.endsWith('ho-so-2017-2019.csv')).length;
}

describe('one read of the source', () => {
  it('hcc report --forms opens its input as often as hcc report: once to look at it, once to read it', () => {
    const plain = opensOfInput(['report', '--input', HA_NAM.csv, '--config', HA_NAM.config, '--period', '2019-H1', '--out', join(dir, 'a')]);
    const forms = opensOfInput(['report', '--input', HA_NAM.csv, '--config', HA_NAM.config, '--period', '2019-H1', '--out', join(dir, 'b'), '--forms']);
    expect(plain).toBe(2);
    expect(forms).toBe(plain);
  });

  it('hcc table --compare counts both periods in the same read', () => {
    expect(opensOfInput(['table', '--input', HA_NAM.csv, '--period', '2019-H1', '--compare', 'last-year', '--format', 'json'])).toBe(2);
  });
});
