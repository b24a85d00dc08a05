// The benchmark data generator (test/bench/generate.mjs): same seed → same bytes, and the data has
// what the benchmarks rely on (exact header, all statuses, dates, unique codes, 20 agencies).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { HEADER, generate } from './bench/generate.mjs';
import { tempDir } from './helpers/run-hcc.js';

interface Summary {
  dossiers: number;
  agencies: number;
  byStatus: Record<string, number>;
  pendingOverdueAtEnd: number;
  resolvedLate: number;
}

function inMemory(dossiers: number, seed: number): { text: string; summary: Summary } {
  let text = '';
  const summary = generate({ dossiers, seed, onChunk: (csv: string) => (text += csv) }) as Summary;
  return { text, summary };
}

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const dir = tempDir('hcc-bench-gen-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bench generator', () => {
  const N = 20000;
  const a = inMemory(N, 7);

  it('gives the same bytes for the same seed, through the CLI and in memory', () => {
    const script = fileURLToPath(new URL('./bench/generate.mjs', import.meta.url));
    execFileSync(process.execPath, [script, '--dossiers', String(N), '--seed', '7', '--out', join(dir, 'a')], { stdio: 'pipe' });
    execFileSync(process.execPath, [script, '--dossiers', String(N), '--seed', '7', '--out', join(dir, 'b')], { stdio: 'pipe' });
    const fileA = readFileSync(join(dir, 'a', 'ho-so.csv'));
    expect(sha(fileA)).toBe(sha(readFileSync(join(dir, 'b', 'ho-so.csv'))));
    expect(sha(fileA)).toBe(sha(Buffer.from(a.text, 'utf8')));
    expect(sha(inMemory(N, 8).text)).not.toBe(sha(a.text));
  });

  it('writes the export header, one row per dossier, unique codes and dd/MM/yyyy HH:mm:ss dates', () => {
    const lines = a.text.split('\n');
    expect(lines[0]).toBe('\uFEFF' + HEADER);
    expect(lines.at(-1)).toBe('');
    const rows = lines.slice(1, -1);
    expect(rows).toHaveLength(N);
    const codes = new Set(rows.map((r) => r.slice(0, r.indexOf(','))));
    expect(codes.size).toBe(N);
    const date = /^(\d{2})\/(\d{2})\/(20\d{2}) \d{2}:\d{2}:\d{2}$/;
    for (const row of rows.slice(0, 2000)) {
      // Quoted cells may hold commas; the last four cells never do.
      const cells = row.split(',');
      const [received, due, resolved] = cells.slice(-4, -1);
      if (received) expect(received).toMatch(date);
      if (due) expect(due).toMatch(date);
      if (resolved) expect(resolved).toMatch(date);
      if (received && resolved) {
        const iso = (d: string) => d.replace(date, '$3-$2-$1');
        expect(iso(resolved) >= iso(received)).toBe(true);
      }
    }
  });

  it('has all ten statuses, late and overdue dossiers, and the 20 agencies of the config', () => {
    for (const label of ['Đang xử lý', 'Đã trả kết quả', 'Yêu cầu bổ sung giấy tờ', 'Công dân yêu cầu rút hồ sơ', 'Dừng xử lý', 'Không được tiếp nhận']) {
      expect(a.text).toContain(`,${label}\n`);
    }
    for (const n of Object.values(a.summary.byStatus)) expect(n).toBeGreaterThan(0);
    expect(a.summary.resolvedLate).toBeGreaterThan(0);
    expect(a.summary.pendingOverdueAtEnd).toBeGreaterThan(0);
    const config = JSON.parse(readFileSync(join(dir, 'a', 'hcc.config.json'), 'utf8')) as { agencies: (string | { name: string })[] };
    const names = config.agencies.map((x) => (typeof x === 'string' ? x : x.name));
    expect(names).toHaveLength(20);
    expect(names[0]).toBe('Sở Giao thông vận tải');
    expect(a.text).toContain('"Sở Văn hóa, Thể thao và Du lịch"');
  });
});
