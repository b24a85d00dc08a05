// `hcc init --input`: the agency list (with counts, most first) and the period from the clerk's own
// export, read back unchanged by the config parser; and the warnings of `hcc report` about what
// `hcc init` left as examples and a report date before the period's end.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { runHcc, tempDir } from '../helpers/run-hcc.js';

const HEADER = ['Mã hồ sơ', 'Đơn vị', 'Lĩnh vực', 'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày có kết quả', 'Trạng thái'];

/** Agencies as the export spells them, with how many dossiers each has. */
const SPELLINGS: [string, number][] = [
  ['Sở Nội vụ', 2],
  ['Sở Tư pháp', 7],
  ['Sở Y tế', 3],
  ['Sở Y Tế', 1], // the same agency, another case: one line of the list
  ['=HYPERLINK("http://x")', 1], // a name like a formula stays a plain name
  ['Ban Dân tộc', 2],
];
const FIRST_DAY = '05/01/2024';
const LAST_DAY = '28/06/2024';

async function writeExport(file: string, header = HEADER, spellings = SPELLINGS): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Hồ sơ');
  ws.addRow(header);
  let n = 0;
  for (const [agency, count] of spellings) {
    for (let i = 0; i < count; i++, n++) {
      const day = n === 0 ? FIRST_DAY : n === 1 ? LAST_DAY : `${String(10 + (n % 15)).padStart(2, '0')}/03/2024`;
      ws.addRow([`HS-${n}`, agency, 'Hộ tịch', day, '30/07/2024', '', 'Đang xử lý']);
    }
  }
  await wb.xlsx.writeFile(file);
}

let dir: string;
let input: string;
beforeAll(async () => {
  dir = tempDir('hcc-init-');
  input = join(dir, 'export.xlsx');
  await writeExport(input);
});

/** The agency lines of the written config: name as JSON and the count in the comment. */
function agencyLines(text: string): { entry: string; comment: string }[] {
  const start = text.indexOf('"agencies": [');
  const list = text.slice(start, text.indexOf('\n  ]', start));
  return [...list.matchAll(/^ {4}(.*?), \/\/ (.*)$/gm)].map((m) => ({ entry: m[1], comment: m[2] }));
}

describe('hcc init --input', { timeout: 60_000 }, () => {
  it('lists the agencies of the data, most dossiers first, with their counts, and the period of the data', () => {
    const cwd = join(dir, 'a');
    const r = runHcc(['init', '--input', input, '--config', join(cwd, 'hcc.config.json')], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const file = join(cwd, 'hcc.config.json');
    expect(r.stdout.trim()).toBe(file);
    const text = readFileSync(file, 'utf8');
    // Expected from the rows written above: case variants together, most first, ties alphabetical.
    const totals = new Map<string, number>();
    for (const [name, count] of SPELLINGS) {
      const key = name.toLocaleLowerCase('vi');
      totals.set(key, (totals.get(key) ?? 0) + count);
    }
    const lines = agencyLines(text);
    expect(lines.map((l) => JSON.parse(l.entry))).toEqual(['Sở Tư pháp', 'Sở Y tế', 'Ban Dân tộc', 'Sở Nội vụ', '=HYPERLINK("http://x")']);
    for (const l of lines) expect(l.comment).toBe(`${totals.get(JSON.parse(l.entry).toLocaleLowerCase('vi'))} hồ sơ`);
    expect(text).toContain(`ngày tiếp nhận từ ${FIRST_DAY.replace(/^(\d\d)\/0?(\d+)/, '$1/$2')} đến ${LAST_DAY.replace(/^(\d\d)\/0?(\d+)/, '$1/$2')}`);
    expect(text).toContain('--period 2024-H1');
    expect(r.stderr).toContain('5 cơ quan');
    expect(r.stderr).toContain('--period 2024-H1');

    // The config parser reads it back as written: the same agencies in the same order, nothing rejected.
    const config = loadConfig(file);
    expect(config.agencies.names).toEqual(lines.map((l) => JSON.parse(l.entry)));
    expect(config.report.report.signer.name).toBe('Nguyễn Văn A');

    // The config works for the report as it is, and the report names what is still an example.
    const report = runHcc(['report', '--input', input, '--period', '2024-H1', '--format', 'xlsx', '--out', 'out'], { cwd });
    expect(report.status, report.stderr).toBe(0);
    expect(report.stderr).toContain(`hcc: tệp cấu hình còn giá trị mẫu của hcc init: report.province = "(tên tỉnh)"`);
    expect(report.stderr).toContain('report.signer.name = "Nguyễn Văn A"');
    expect(report.stderr).toContain(`sửa trong ${file}`);
    expect(report.stderr).not.toContain('agencies ='); // the list came from the data
  });

  it('replaces only the agency list of an existing config (--force), read with its column mapping and aliases', async () => {
    const cwd = join(dir, 'b');
    const file = join(cwd, 'hcc.config.json');
    const renamed = join(dir, 'renamed.xlsx');
    // An export whose agency column has a name hcc does not know, mapped in the existing config.
    await writeExport(renamed, HEADER.map((h) => (h === 'Đơn vị' ? 'Nơi xử lý' : h)), [...SPELLINGS, ['SYT', 4]]);
    expect(runHcc(['init', '--config', file]).status).toBe(0);
    const old = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      old
        .replace(/"agencies": \[[\s\S]*?\n  \]/, '"agencies": [{ "name": "Sở Y tế", "aliases": ["SYT"] }, "Thanh tra tỉnh"], "columns": { "Nơi xử lý": "agency" }')
        .replace('"name": "Nguyễn Văn A"', '"name": "Lê Thị Hoa"'),
    );
    const r = runHcc(['init', '--input', renamed, '--config', file, '--force']);
    expect(r.status, r.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    const lines = agencyLines(text);
    expect(lines[0]).toEqual({ entry: '{ "name": "Sở Y tế", "aliases": ["SYT"] }', comment: '8 hồ sơ' }); // 3 + 1 + 4
    expect(lines.at(-1)).toEqual({ entry: '"Thanh tra tỉnh"', comment: 'không có hồ sơ trong dữ liệu' });
    const config = loadConfig(file);
    expect(config.columns).toEqual({ 'Nơi xử lý': 'agency' });
    expect(config.agencies.indexOf('SYT')).toBe(0);
    // What the clerk had filled in, and the comments, are still there.
    expect(config.report.report.signer.name).toBe('Lê Thị Hoa');
    expect(text).toContain('// Người ký: các dòng chức danh');
    expect(text).toContain('ngày tiếp nhận từ 05/1/2024 đến 28/6/2024');
    expect(r.stderr).toContain('đã thay danh sách "agencies" (các mục khác giữ nguyên)');
  });

  it('makes nothing when the file holds no dossier, and never overwrites without --force', async () => {
    const empty = join(dir, 'empty.xlsx');
    await writeExport(empty, HEADER, []);
    const cwd = join(dir, 'c');
    const file = join(cwd, 'hcc.config.json');
    const r = runHcc(['init', '--input', empty, '--config', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('không có hồ sơ dùng được');
    expect(() => readFileSync(file)).toThrow();
    expect(runHcc(['init', '--config', file]).status).toBe(0);
    const again = runHcc(['init', '--input', input, '--config', file]);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('đã có: không ghi đè');
  });
});

describe('hcc report warnings for a clerk', { timeout: 60_000 }, () => {
  it('names the example agencies of hcc init and a report date before the end of the period', () => {
    const cwd = join(dir, 'd');
    const file = join(cwd, 'hcc.config.json');
    expect(runHcc(['init', '--config', file]).status).toBe(0);
    const r = runHcc(['report', '--input', input, '--period', '2024-H1', '--date', '2024-06-20', '--format', 'xlsx', '--out', 'out'], { cwd });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('agencies = Sở Giao thông vận tải, Văn phòng UBND tỉnh, Sở Tư pháp');
    expect(r.stderr).toContain('hcc: cảnh báo: ngày báo cáo 20/6/2024 trước ngày cuối của kỳ (30/6/2024)');
    // Once the clerk has changed them, not a word.
    const fixed = readFileSync(file, 'utf8')
      .replace('"name": "Nguyễn Văn A"', '"name": "Trần Thị Bình"')
      .replace('"province": "(tên tỉnh)"', '"province": "Ninh Bình"')
      .replace('"place": "(địa danh)"', '"place": "Hoa Lư"')
      .replace('"parentAgency": "ỦY BAN NHÂN DÂN TỈNH (TÊN TỈNH)"', '"parentAgency": "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"')
      .replace(/"agencies": \[[\s\S]*?\n  \]/, '"agencies": ["Sở Tư pháp"]');
    writeFileSync(file, fixed);
    const ok = runHcc(['report', '--input', input, '--period', '2024-H1', '--date', '2024-07-05', '--format', 'xlsx', '--out', 'out2'], { cwd });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).not.toContain('giá trị mẫu');
    expect(ok.stderr).not.toContain('ngày báo cáo');
  });
});
