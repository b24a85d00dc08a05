// The shape of src/, checked: dependencies point one way (cli → commands → pipeline, config → report,
// render → sources → readers → core, with io and errors at the bottom), every file is small and says
// in its first line what it holds.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** Lower numbers may import higher ones, never the reverse. */
const LAYERS: Record<string, number> = {
  cli: 0,
  commands: 1,
  pipeline: 2,
  config: 2,
  'calendar-config': 2,
  assets: 2,
  report: 3,
  render: 3,
  check: 3,
  sources: 4,
  readers: 5,
  core: 6,
  io: 7,
  errors: 7,
  version: 7,
};

function sourceFiles(dir = SRC): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

function layerOf(file: string): string {
  const r = relative(SRC, file);
  return r.includes('/') ? r.split('/')[0] : r.replace(/\.ts$/, '');
}

describe('src/', () => {
  const files = sourceFiles();

  it('knows the layer of every folder', () => {
    expect(files.map(layerOf).filter((l) => !(l in LAYERS))).toEqual([]);
  });

  it('imports only downwards', () => {
    const upward: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
        const target = resolve(dirname(f), m[1].replace(/\.js$/, '.ts'));
        if (LAYERS[layerOf(target)] < LAYERS[layerOf(f)]) upward.push(`${relative(SRC, f)} → ${relative(SRC, target)}`);
      }
    }
    expect(upward).toEqual([]);
  });

  it('keeps every file small enough to read at once (about 350 lines)', () => {
    const long = files.map((f) => [relative(SRC, f), readFileSync(f, 'utf8').split('\n').length] as const).filter(([, n]) => n > 370);
    expect(long).toEqual([]);
  });

  it('opens every file with a comment saying what it holds', () => {
    expect(files.filter((f) => !readFileSync(f, 'utf8').startsWith('//')).map((f) => relative(SRC, f))).toEqual([]);
  });
});
