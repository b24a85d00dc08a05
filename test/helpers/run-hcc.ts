// Runs the real `hcc` executable as a user would (a separate process, no TTY) and captures everything.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const HCC = join(ROOT, 'bin/hcc.js');

export interface HccRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runHcc(args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; input?: string } = {}): HccRun {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1', ...options.env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  const r = spawnSync(process.execPath, [HCC, ...args], {
    cwd: options.cwd ?? ROOT,
    env: env as NodeJS.ProcessEnv,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function tempDir(prefix = 'hcc-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export const HA_NAM = {
  csv: join(ROOT, 'fixtures/ha-nam/ho-so-2017-2019.csv'),
  config: join(ROOT, 'fixtures/ha-nam/hcc.config.json'),
  annex: join(ROOT, 'fixtures/ha-nam/annex-2017-07-03_2019-06-30.csv'),
};
