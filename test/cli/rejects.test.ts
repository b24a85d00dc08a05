// The rejects file through the real CLI: every row not counted is listed (streamed, no cap), and a
// rejects file that cannot be written never stops the table.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHcc, tempDir } from '../helpers/run-hcc.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEADER = 'Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái';

function rejectsRows(path: string): string[][] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  return text
    .split('\r\n')
    .filter(Boolean)
    .map((l) => l.split(','));
}

describe('hcc-rejects.csv', () => {
  it('lists every rejected row, 15,000 of them, with line and kind, and the screen says so', () => {
    const good = Array.from({ length: 10 }, (_, i) => `OK${i},Sở Y tế,02/01/2024,10/01/2024,,Đang xử lý`);
    const bad = Array.from({ length: 15_000 }, (_, i) => `B${i},Sở Y tế,31/06/2024,,,Đang xử lý`);
    const input = join(dir, 'many-bad.csv');
    writeFileSync(input, [HEADER, ...good, ...bad].join('\n') + '\n');
    const rejects = join(dir, 'rejects-15000.csv');
    const r = runHcc(['table', '--input', input, '--period', '2024-H1', '--format', 'csv', '--rejects', rejects]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('15.000 dòng không dùng được');
    expect(r.stderr).toContain(`danh sách đầy đủ: ${rejects}`);
    const rows = rejectsRows(rejects);
    expect(rows[0]).toEqual(['file', 'line', 'code', 'kind', 'reason']);
    expect(rows.length - 1).toBe(15_000);
    expect(rows[1].slice(1, 4)).toEqual(['12', 'B0', 'bad-date']);
    expect(rows.at(-1)!.slice(1, 4)).toEqual(['15011', 'B14999', 'bad-date']);
    // The table counts the ten good rows.
    expect(r.stdout.split('\n')[1]).toMatch(/^1,Sở Y tế,10,10,/);
  });

  it('prints the table when the rejects file cannot be written, and says where it could not go', () => {
    const input = join(dir, 'one-bad.csv');
    writeFileSync(input, [HEADER, 'A1,Sở Y tế,02/01/2024,,,Đang xử lý', 'A2,Sở Y tế,31/06/2024,,,Đang xử lý'].join('\n') + '\n');
    // A path under a regular file can never be created, whoever runs the test.
    const blocked = join(input, 'hcc-rejects.csv');
    const r = runHcc(['table', '--input', input, '--period', '2024-H1', '--format', 'csv', '--rejects', blocked]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^1,Sở Y tế,1,1,/m);
    expect(r.stderr).toContain(`không ghi được danh sách vào ${blocked} (`);
    expect(r.stderr).toContain('một phần của đường dẫn là tệp, không phải thư mục');
    expect(r.stderr).not.toMatch(/lỗi không mong đợi|\n\s+at /);
  });

  it('--strict still stops (exit 3) when the list cannot be written', () => {
    const input = join(dir, 'one-bad.csv');
    const r = runHcc(['table', '--input', input, '--period', '2024-H1', '--strict', '--rejects', join(input, 'x.csv')]);
    expect(r.status).toBe(3);
  });

  const ro = join(dir, 'read-only');
  const canMount = process.getuid?.() === 0 && spawnSync('mount', ['--version']).status === 0;
  it.skipIf(!canMount)('works from a read-only working folder (a read-only tmpfs; needs root to mount)', (ctx) => {
    mkdirSync(ro, { recursive: true });
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,ro', 'tmpfs', ro]);
    if (mount.status !== 0) {
      // Reported as skipped, not passed: the read-only folder could not be made here.
      console.warn(`read-only folder test skipped: mount failed: ${mount.stderr}`);
      ctx.skip();
    }
    try {
      const r = runHcc(['table', '--input', join(dir, 'one-bad.csv'), '--period', '2024-H1'], { cwd: ro });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('Sở Y tế');
      expect(r.stderr).toMatch(/không ghi được danh sách vào hcc-rejects\.csv \(EROFS/);
    } finally {
      spawnSync('umount', [ro]);
    }
  });
});
