// Runs once before any test file. The CLI tests spawn bin/hcc.js, which runs the bundle in dist/, not
// the sources: after an edit to src/, `npx vitest run test/x` would otherwise test the old code and
// pass or fail for the wrong reason. So when dist/ is missing or older than any file it is built
// from, build it here (`npm test` builds first, so this then finds it fresh and does nothing).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './helpers/run-hcc.js';

/** Newest modification time of the files under `dir` (recursively). */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return t;
}

/** Oldest bundle file: the build rewrites all of them, so a stale one means a stale build. */
function oldestBuilt(dist: string): number | null {
  if (!existsSync(join(dist, 'cli.js'))) return null;
  const times = readdirSync(dist)
    .filter((f) => f.endsWith('.js'))
    .map((f) => statSync(join(dist, f)).mtimeMs);
  return Math.min(...times);
}

export default function setup(): void {
  const built = oldestBuilt(join(ROOT, 'dist'));
  const sources = Math.max(newest(join(ROOT, 'src')), ...['package.json', 'tsconfig.json'].map((f) => statSync(join(ROOT, f)).mtimeMs));
  if (built !== null && built >= sources) return;
  process.stderr.write(`hcc tests: ${built === null ? 'dist/ is missing' : 'dist/ is older than src/'}: running npm run build\n`);
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`npm run build failed (exit ${r.status}), so the CLI tests would run an old bundle:\n${r.stdout}${r.stderr}`);
  }
}
