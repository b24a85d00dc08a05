// A column that changes the figures is never a silent rule: a 41-row export, with its
// due date headed "Hạn trả kết quả" (read) and headed in a way hcc does not know (said first, in
// JSON, under the table, in the workbook; fatal under --strict).
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { runHcc, tempDir } from '../helpers/run-hcc.js';

const dir = tempDir('hcc-missing-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 41 dossiers of 2024-H1: resolved 16 early, 7 on time, 5 late; 13 pending (8 not yet due, 5 overdue). */
function rows(): string[] {
  const out: string[] = [];
  let n = 0;
  const add = (due: string, resolved: string, status: string) =>
    out.push(`HS-${++n},Sở Y tế,02/03/2024,${due},${resolved},${status},${n % 2 ? 'Trực tuyến' : 'Trực tiếp'}`);
  for (let i = 0; i < 16; i++) add('20/03/2024', '10/03/2024', 'Đã trả kết quả');
  for (let i = 0; i < 7; i++) add('20/03/2024', '20/03/2024', 'Đã trả kết quả');
  for (let i = 0; i < 5; i++) add('20/03/2024', '25/03/2024', 'Đã trả kết quả');
  for (let i = 0; i < 8; i++) add('20/07/2024', '', 'Đang xử lý');
  for (let i = 0; i < 5; i++) add('20/05/2024', '', 'Đang xử lý');
  return out;
}

function exportWithDueHeader(name: string, dueHeader: string): string {
  const path = join(dir, name);
  writeFileSync(path, [`Mã hồ sơ,Đơn vị,Ngày tiếp nhận,${dueHeader},Ngày có kết quả,Trạng thái,Kênh thực hiện`, ...rows()].join('\n') + '\n');
  return path;
}

const resolvedOf = (json: { total: { resolved: { early: number; onTime: number; late: number } } }) => [
  json.total.resolved.early,
  json.total.resolved.onTime,
  json.total.resolved.late,
];

describe('the due-date column', () => {
  it('is read under "Hạn trả kết quả": 16 early, 7 on time, 5 late', () => {
    const r = runHcc(['table', '--input', exportWithDueHeader('han-tra.csv', 'Hạn trả kết quả'), '--period', '2024-H1', '--format', 'json', '--strict'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(resolvedOf(json)).toEqual([16, 7, 5]);
    expect(json.total.pending).toMatchObject({ notDue: 8, overdue: 5 });
    expect(json.warnings).toEqual([]);
  });

  const unknown = () => exportWithDueHeader('han-chot.csv', 'Hạn chót trả kết quả');

  it('when not recognised, is said first on stderr with the column to map, and in the JSON warnings', () => {
    const r = runHcc(['table', '--input', unknown(), '--period', '2024-H1', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    const first = r.stderr.split('\n')[0];
    expect(first).toContain('hcc: cảnh báo: tệp');
    expect(first).toContain('không có cột "Ngày hẹn trả" (due_at): mọi hồ sơ đã giải quyết được tính là đúng hạn');
    expect(first).toContain('"columns": { "Hạn chót trả kết quả": "due_at" }');
    const json = JSON.parse(r.stdout);
    expect(resolvedOf(json)).toEqual([0, 28, 0]); // rule 7, now said
    expect(json.warnings[0]).toMatchObject({ code: 'missing-column', field: 'due_at', columns: { 'Hạn chót trả kết quả': 'due_at' } });
    expect(json.warnings.map((w: { code: string }) => w.code)).toEqual(['missing-column', 'resolved-without-due', 'pending-without-due']);
  });

  it('when not recognised, is said under the terminal table', () => {
    const r = runHcc(['table', '--input', unknown(), '--period', '2024-H1'], { cwd: dir });
    const after = r.stdout.slice(r.stdout.indexOf('Kiểm tra dữ liệu:'));
    expect(after.replace(/\s+/g, ' ')).toContain('Cảnh báo: tệp');
    expect(after.replace(/\s+/g, ' ')).toContain('không có cột "Ngày hẹn trả" (due_at)');
  });

  it('when not recognised, stops table and report under --strict (exit 3), writing nothing', () => {
    const t = runHcc(['table', '--input', unknown(), '--period', '2024-H1', '--strict'], { cwd: dir });
    expect(t.status).toBe(3);
    expect(t.stdout).toBe('');
    expect(t.stderr).toMatch(/--strict: dừng vì tệp .* không có cột "Ngày hẹn trả"/);
    const out = join(dir, 'report-strict');
    const rep = runHcc(['report', '--input', unknown(), '--period', '2024-H1', '--strict', '--out', out], { cwd: dir });
    expect(rep.status).toBe(3);
    expect(() => readdirSync(out)).toThrow(/ENOENT/); // not even the folder
  });

  it('when not recognised, is on the sheet "Kiểm tra dữ liệu" of the report workbook', async () => {
    const out = join(dir, 'report');
    const rep = runHcc(['report', '--input', unknown(), '--period', '2024-H1', '--out', out, '--format', 'xlsx'], { cwd: dir });
    expect(rep.status, rep.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'phu-luc-2024-H1.xlsx'));
    const ws = wb.getWorksheet('Kiểm tra dữ liệu')!;
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain('missing-column');
    expect(texts.join('\n')).toContain('không có cột "Ngày hẹn trả" (due_at)');
    expect(texts).toContain('Mọi dòng dữ liệu đều được tính.');
  });

  it('mapped with the suggested "columns" line, gives the right figures again', () => {
    const config = join(dir, 'hcc.config.json');
    writeFileSync(config, JSON.stringify({ columns: { 'Hạn chót trả kết quả': 'due_at' } }));
    const r = runHcc(['table', '--input', unknown(), '--period', '2024-H1', '--format', 'json', '--config', config], { cwd: dir });
    expect(resolvedOf(JSON.parse(r.stdout))).toEqual([16, 7, 5]);
  });
});
