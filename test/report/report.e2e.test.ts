// `hcc report` and `hcc init` end to end: the built CLI spawned on the bundled Hà Nam data; the PDF
// read back with pdftotext, the workbook with exceljs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/report.js';
import { HA_NAM, HCC, ROOT, runHcc, tempDir } from '../helpers/run-hcc.js';

const SLUG = '2017-07-03_2019-06-30';
let out: string;
let demo: ReturnType<typeof run>;
let text: string;
let flat: string;

/** The annex row of an agency in pdftotext -layout output: its numbers as integers ("-" = 0). */
function annexNumbers(layout: string, label: string): number[] {
  const line = layout.split('\n').find((l) => new RegExp(`^\\s*(\\d+\\s+)?${label}\\s{2,}[\\d.-]`).test(l));
  if (!line) throw new Error(`no annex row for ${label}`);
  return line
    .slice(line.indexOf(label) + label.length)
    .trim()
    .split(/\s+/)
    .map((t) => (t === '-' ? 0 : Number(t.replace(/\./g, ''))));
}

const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;

beforeAll(() => {
  expect(existsSync(HCC)).toBe(true);
  out = tempDir();
  demo = runHcc(['report', '--demo', '--forms', '--out', out]);
  const pdf = join(out, `bao-cao-${SLUG}.pdf`);
  if (hasPoppler && existsSync(pdf)) {
    text = pdfText(pdf);
    // Page numbers (a line of digits alone) are not prose: a paragraph continued over a page reads on.
    flat = pdfText(pdf, false).replace(/^\s*\d+\s*$/gm, '').replace(/\s+/g, ' ');
  }
}, 60_000);

describe('hcc report --demo', { timeout: 60_000 }, () => {
  it('writes the PDF, the workbook and the Word document by default and prints their paths', () => {
    expect(demo.status, demo.stderr).toBe(0);
    const pdf = join(out, `bao-cao-${SLUG}.pdf`);
    const xlsx = join(out, `phu-luc-${SLUG}.xlsx`);
    const docx = join(out, `bao-cao-${SLUG}.docx`);
    expect(demo.stdout.trim().split('\n')).toEqual([pdf, xlsx, docx]);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(readFileSync(docx).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(out).sort()).toEqual([`bao-cao-${SLUG}.docx`, `bao-cao-${SLUG}.pdf`, `phu-luc-${SLUG}.xlsx`]);
    expect(demo.stderr).not.toMatch(/No (URL|local) access policy/);
  });

  it.skipIf(!hasPoppler)('has the Decree 30 header block', () => {
    const lines = text.split('\n').map((l) => l.trim().replace(/\s{2,}/g, ' | '));
    expect(lines[0]).toBe('UỶ BAN NHÂN DÂN TỈNH HÀ NAM | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(lines[1]).toBe('VĂN PHÒNG | Độc lập - Tự do - Hạnh phúc');
    expect(lines[2]).toBe('Số: 1204/BC-VPUB | Hà Nam, ngày 05 tháng 8 năm 2019');
    expect(flat).toContain('BÁO CÁO Tình hình, kết quả hoạt động của Trung tâm Phục vụ Hành chính công tỉnh (từ 03/7/2017 đến 30/6/2019)');
    expect(flat).toContain('KT. CHÁNH VĂN PHÒNG');
    expect(flat).toContain('Nguyễn Thị Khánh Thiệm');
    expect(flat).toContain('Nơi nhận:');
    expect(flat).toContain('- Lưu: VT, TTPVHCC.');
  });

  it.skipIf(!hasPoppler)('states the period and the figures in the prose', () => {
    expect(flat).toContain('Trong kỳ báo cáo (từ 03/7/2017 đến 30/6/2019)');
    expect(flat).toContain('tổng số 35.591 hồ sơ');
    expect(flat).toContain('gồm 35.523 hồ sơ tiếp nhận mới và 68 hồ sơ từ kỳ trước chuyển sang');
    expect(flat).toContain('Số hồ sơ đã giải quyết là 34.985, bằng 98,3% tổng số hồ sơ tiếp nhận');
    expect(flat).toContain('trước hạn 32.097 hồ sơ, tỷ lệ 91,7%; đúng hạn 2.850 hồ sơ, tỷ lệ 8,1%; quá hạn 38 hồ sơ, tỷ lệ 0,1%');
    expect(flat).toContain('Số hồ sơ đang giải quyết là 606, bằng 1,7% tổng số hồ sơ tiếp nhận');
    expect(flat).toContain('chưa đến hạn 603 hồ sơ; đã quá hạn 3 hồ sơ');
    expect(flat).toContain('Sở Giao thông vận tải (12.906 hồ sơ); Sở Tư pháp (7.832 hồ sơ)');
    expect(flat).toContain('Ban Quản lý các KCN (2.280 hồ sơ)');
    expect(flat).toContain('Văn phòng UBND tỉnh (17 hồ sơ)');
    expect(flat).toContain('chưa phát sinh hồ sơ TTHC trong kỳ: Ban Quản lý khu Đại học Nam Cao; Thanh tra tỉnh; Bộ CHQS tỉnh');
    expect(flat).toContain('khoảng 1.500 hồ sơ'); // "khoảng" only before a rounded number (1.484 a month)
    expect(flat).not.toContain('khoảng 1.484');
    expect(flat).not.toContain('31/6');
    expect(flat).not.toMatch(/\{[a-zA-Z.]+\}/); // no placeholder printed literally
  });

  it.skipIf(!hasPoppler)('has the annex with the real period, official order, blank rows and the total', () => {
    expect(flat).toContain('Phụ lục');
    expect(flat).toContain('TỪ NGÀY 03/7/2017 ĐẾN NGÀY 30/6/2019');
    expect(flat).toContain('(Kèm theo Báo cáo số 1204/BC-VPUB ngày 05 tháng 8 năm 2019 của Văn phòng UBND tỉnh)');
    expect(annexNumbers(text, 'Sở Giao thông vận tải')).toEqual([12906, 12906, 0, 12538, 11700, 835, 3, 368, 368, 0]);
    expect(annexNumbers(text, 'Sở Tài nguyên và Môi trường')).toEqual([949, 934, 15, 894, 878, 0, 16, 55, 52, 3]);
    expect(annexNumbers(text, 'Tổng số')).toEqual([35591, 35523, 68, 34985, 32097, 2850, 38, 606, 603, 3]);
    expect(text).toMatch(/^\s*16\s+Thanh tra tỉnh\s*$/m); // blank row
    const order = ['Sở Giao thông vận tải', 'Văn phòng UBND tỉnh', 'Sở Công Thương', 'Ban Quản lý khu Đại học', 'Bộ CHQS tỉnh', 'Ban Quản lý các KCN'];
    const positions = order.map((name) => text.lastIndexOf(name));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it.skipIf(!hasPoppler)('prose and annex quote the same numbers', () => {
    const annex = annexNumbers(text, 'Tổng số');
    const n = (s: string) => Number(s.replace(/\./g, ''));
    const m = /tổng số ([\d.]+) hồ sơ .*?gồm ([\d.]+) hồ sơ tiếp nhận mới và ([\d.]+) hồ sơ từ kỳ trước.*?đã giải quyết là ([\d.]+), bằng ([\d,]+)%.*?trước hạn ([\d.]+) hồ sơ.*?đúng hạn ([\d.]+) hồ sơ.*?quá hạn ([\d.]+) hồ sơ.*?đang giải quyết là ([\d.]+), bằng ([\d,]+)%.*?chưa đến hạn ([\d.]+) hồ sơ; đã quá hạn ([\d.]+) hồ sơ/.exec(flat);
    expect(m).not.toBeNull();
    const [, total, fresh, carried, resolved, resolvedPct, early, onTime, late, pending, pendingPct, notDue, overdue] = m!;
    expect([total, fresh, carried, resolved, early, onTime, late, pending, notDue, overdue].map(n)).toEqual(annex);
    // Shares recomputed from the annex figures with the stated base and rounding.
    expect(Number(resolvedPct.replace(',', '.'))).toBe(Math.round((annex[3] / annex[0]) * 1000) / 10);
    expect(Number(pendingPct.replace(',', '.'))).toBe(Math.round((annex[7] / annex[0]) * 1000) / 10);
    // Each agency quoted with its count matches its annex row.
    for (const [, name, count] of flat.matchAll(/([A-ZĐ][^;:()]*?) \(([\d.]+) hồ sơ\)/g)) {
      const agency = name.replace(/^.*?: /, '').trim();
      expect(annexNumbers(text, agency)[0], agency).toBe(n(count));
    }
  });

  it('workbook: annex and Biểu 06 with the same totals as the PDF', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, `phu-luc-${SLUG}.xlsx`));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Phụ lục', 'Biểu 06', 'Biểu đồ', 'Kiểm tra dữ liệu']);
    const annex = wb.getWorksheet('Phụ lục')!;
    let totalRow = 0;
    annex.eachRow((row, i) => {
      if (row.getCell(2).value === 'Tổng số') totalRow = i;
    });
    // Total cells are SUM formulas; their cached results are the PDF's figures.
    const result = (ws: ExcelJS.Worksheet, r: number, c: number) => (ws.getCell(r, c).value as ExcelJS.CellFormulaValue).result;
    expect([3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((c) => result(annex, totalRow, c))).toEqual([35591, 35523, 68, 34985, 32097, 2850, 38, 606, 603, 3]);
    const form = wb.getWorksheet('Biểu 06')!;
    let formTotal = 0;
    form.eachRow((row, i) => {
      if (row.getCell(2).value === 'Tổng số') formTotal = i;
    });
    expect(result(form, formTotal, 3)).toBe(35591);
    expect(result(form, formTotal, 7)).toBe(34985);
    expect(result(form, formTotal, 11)).toBe(606);
  });
});

describe('hcc report without the demo', { timeout: 60_000 }, () => {
  it('works without a config file and says which fields it left blank', () => {
    const dir = tempDir();
    const r = runHcc(['report', '--input', HA_NAM.csv, '--period', '2019-H1', '--format', 'pdf', '--out', 'ra'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(join('ra', 'bao-cao-2019-H1.pdf'));
    expect(r.stderr).toContain('để trống vì chưa có trong tệp cấu hình: report.province');
    expect(r.stderr).toContain('report.signer.name');
    expect(readdirSync(join(dir, 'ra'))).toEqual(['bao-cao-2019-H1.pdf']);
    if (hasPoppler) expect(pdfText(join(dir, 'ra', 'bao-cao-2019-H1.pdf'))).toContain('từ 01/1/2019 đến 30/6/2019');
  });

  it('--number and --date override the config; a wrong date is a usage error', () => {
    const dir = tempDir();
    const bad = runHcc(['report', '--demo', '--date', '31/06/2019', '--out', dir]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('hcc: lỗi: --date: ngày không hợp lệ "31/06/2019": tháng 6/2019 chỉ có 30 ngày\n');
    const r = runHcc(['report', '--demo', '--number', '77', '--date', '2019-09-02', '--format', 'pdf', '--out', dir]);
    expect(r.status, r.stderr).toBe(0);
    if (hasPoppler) {
      const t = pdfText(join(dir, `bao-cao-${SLUG}.pdf`));
      expect(t).toContain('Số: 77/BC-VPUB');
      expect(t).toContain('Hà Nam, ngày 02 tháng 9 năm 2019');
    }
  });

  it('rejects a template with an unknown placeholder before writing anything', () => {
    const dir = tempDir();
    const tpl = join(dir, 'mau.json');
    const t = JSON.parse(readFileSync(join(ROOT, 'report-templates/bc-vpub.json'), 'utf8'));
    t.closing = 'Trân trọng {report.signerName}./.';
    writeFileSync(tpl, JSON.stringify(t));
    const r = runHcc(['report', '--demo', '--template', tpl, '--out', join(dir, 'ra')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^hcc: lỗi: .*mau\.json: "closing": chỗ điền \{report\.signerName\} không có/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(existsSync(join(dir, 'ra'))).toBe(false);
    // The corrected copy is used as it is.
    t.closing = 'Kính trình {report.issuer|lower} xem xét./.';
    writeFileSync(tpl, JSON.stringify(t));
    const ok = runHcc(['report', '--demo', '--template', tpl, '--format', 'pdf', '--out', join(dir, 'ra')]);
    expect(ok.status, ok.stderr).toBe(0);
    if (hasPoppler) expect(pdfText(join(dir, 'ra', `bao-cao-${SLUG}.pdf`), false)).toContain('Kính trình văn phòng UBND tỉnh xem xét./.');
  });

  it('names the config key that is wrong', () => {
    const dir = tempDir();
    copyFileSync(join(ROOT, 'fixtures/ha-nam/hcc.config.json'), join(dir, 'base.json'));
    const config = JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8'));
    config.report = { signer: { title: ['CHÁNH VĂN PHÒNG'], name: 42 } };
    const text = JSON.stringify(config);
    writeFileSync(join(dir, 'hcc.config.json'), text);
    const r = runHcc(['report', '--input', HA_NAM.csv, '--period', '2019-H1', '--out', 'ra'], { cwd: dir });
    expect(r.status).toBe(1);
    // file:line:column of the key, on the one line of this file.
    expect(r.stderr).toBe(`hcc: lỗi: ${join(dir, 'hcc.config.json')}:1:${text.indexOf('"name":42') + 1}: "report.signer.name" phải là chuỗi\n`);
    config.report = { title: 'Báo cáo {period.form}' };
    writeFileSync(join(dir, 'hcc.config.json'), JSON.stringify(config));
    const r2 = runHcc(['report', '--input', HA_NAM.csv, '--period', '2019-H1', '--out', 'ra'], { cwd: dir });
    expect(r2.status).toBe(1);
    expect(r2.stderr).toContain('"report.title": chỗ điền {period.form} không có');
  });

  it('leaves no file at all when rendering fails', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'hong.ttf'), 'không phải phông chữ');
    writeFileSync(join(dir, 'hcc.config.json'), JSON.stringify({ fonts: { normal: 'hong.ttf' } }));
    const r = runHcc(['report', '--input', HA_NAM.csv, '--period', '2019-H1', '--out', 'ra'], { cwd: dir });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/hcc: lỗi: không lập được tệp PDF: .*"fonts"/);
    expect(r.stdout).toBe('');
    expect(existsSync(join(dir, 'ra')) ? readdirSync(join(dir, 'ra')) : []).toEqual([]);
  });

  it('rejects an unknown format', () => {
    const r = runHcc(['report', '--demo', '--format', 'odt', '--out', tempDir()]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--format "odt" không hợp lệ');
  });
});

describe('hcc init', { timeout: 60_000 }, () => {
  it('writes a commented config that hcc report accepts, and never overwrites without --force', () => {
    const dir = tempDir();
    const first = runHcc(['init'], { cwd: dir });
    expect(first.status, first.stderr).toBe(0);
    const file = join(dir, 'hcc.config.json');
    expect(first.stdout.trim()).toBe(file);
    const written = readFileSync(file, 'utf8');
    expect(written).toContain('// ');
    writeFileSync(file, written.replace('"name": "Nguyễn Văn A"', '"name": "Lê Thị Hoa"'));
    const again = runHcc(['init'], { cwd: dir });
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('đã có: không ghi đè (dùng --force để ghi đè)');
    expect(readFileSync(file, 'utf8')).toContain('Lê Thị Hoa');
    const report = runHcc(['report', '--input', HA_NAM.csv, '--period', '2019-Q2', '--format', 'pdf', '--out', '.'], { cwd: dir });
    expect(report.status, report.stderr).toBe(0);
    expect(report.stderr).not.toContain('report.signer.name');
    if (hasPoppler) expect(pdfText(join(dir, 'bao-cao-2019-Q2.pdf'))).toContain('Lê Thị Hoa');
    const forced = runHcc(['init', '--force'], { cwd: dir });
    expect(forced.status).toBe(0);
    expect(readFileSync(file, 'utf8')).not.toContain('Lê Thị Hoa');
  });
});
