// hcc check on real documents: the published reports of the seeds (fixtures/check/, copied from
// ../shared/seeds) with their known mistakes, hcc's own demo report and annex (PDF, XLSX), a small
// Word file built here, a typed annex with a wrong cell, and the annex against the data it came from.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HA_NAM, ROOT, runHcc, tempDir } from '../helpers/run-hcc.js';
import { storedZip } from '../helpers/zip.js';

interface Json {
  errors: number;
  findings: { severity: string; rule: string; where: string; written: string; expected?: string; reason: string }[];
  checked: { shares: number; tableRows: number; agencyFigures: number; dates: number; dataCells: number };
}

function check(file: string, ...more: string[]): { status: number | null; json: Json } {
  const r = runHcc(['check', file, '--format', 'json', ...more]);
  expect(r.stderr).not.toMatch(/lỗi:/);
  return { status: r.status, json: JSON.parse(r.stdout) as Json };
}

const errorsOf = (j: Json) => j.findings.filter((f) => f.severity === 'error');
const fixture = (name: string) => join(ROOT, 'fixtures/check', name);

describe('hcc check on the published reports (seeds)', () => {
  it('seed 003 (Hà Nam): exactly the four mistakes, nothing for its correct figures', () => {
    const { status, json } = check(fixture('seed-003.txt'));
    expect(status).toBe(1);
    const errors = errorsOf(json);
    expect(errors.map((e) => [e.rule, e.written, e.expected])).toEqual([
      ['share', '34.985 hồ sơ … 98,4%', '98,3%'],
      ['share', '606 hồ sơ … 1,73%', '1,70%'],
      ['agency-figure', 'Ban Quản lý các KCN: 2.297 hồ sơ', '2.280'],
      ['date', '31/6/2019', '30/6/2019'],
    ]);
    // 1,73% is pending over resolved: the finding says which base the writer used.
    expect(errors[1].reason).toContain('đã chia cho số hồ sơ đã giải quyết (34.985)');
    expect(errors[2].reason).toContain('2.279');
    // Its correct figures were looked at: the three shares of the resolved, the agencies, the table.
    expect(json.checked.shares).toBe(5);
    expect(json.checked.tableRows).toBe(18);
    expect(json.checked.agencyFigures).toBeGreaterThanOrEqual(14);
    // "12,906": read as 12.906 and said once, as a note, not an error.
    expect(json.findings.filter((f) => f.severity === 'note').map((f) => f.rule)).toEqual(['number-style']);
  });

  it('seed 003 as text: one line per finding, where, what is written, what it should be, and a summary', () => {
    const r = runHcc(['check', fixture('seed-003.txt')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('LỖI   dòng 191: viết "31/6/2019" → đúng là 30/6/2019.');
    expect(r.stdout.trim().split('\n').pop()).toMatch(/^4 lỗi: đã kiểm tra 5 tỷ lệ, 18 dòng bảng/);
  });

  it("README's example is what hcc check prints for seed 003", () => {
    const r = runHcc(['check', 'fixtures/check/seed-003.txt']);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`$ hcc check fixtures/check/seed-003.txt\n${r.stdout}\`\`\``);
  });

  it('seed 001 (Đắk Nông): early 94,5% + on time 41% + late 2% = 137,5% of the same dossiers', () => {
    const { status, json } = check(fixture('seed-001.txt'));
    expect(status).toBe(1);
    expect(errorsOf(json).map((e) => [e.rule, e.written])).toEqual([['share-sum', '94,5% + 41% + 2% = 137,5%']]);
  });

  it('seed 000: 84%, 13,3% and 2,7% of 247.472 resolved hold (rounded as written)', () => {
    const { status, json } = check(fixture('seed-000.txt'));
    expect(errorsOf(json)).toEqual([]);
    expect(status).toBe(0);
    expect(json.checked.shares).toBe(3);
  });

  it('seed 004: shares of the new dossiers (53,46%, 31,17%) hold; growth rates are not shares', () => {
    const { status, json } = check(fixture('seed-004.txt'));
    expect(errorsOf(json)).toEqual([]);
    expect(status).toBe(0);
    expect(json.checked.shares).toBe(2);
  });
});

describe("hcc check on hcc's own documents", () => {
  let dir: string;
  let pdf: string;
  let xlsx: string;
  beforeAll(() => {
    dir = tempDir('hcc-check-');
    const r = runHcc(['report', '--demo', '--forms', '--out', dir]);
    expect(r.status).toBe(0);
    pdf = join(dir, 'bao-cao-2017-07-03_2019-06-30.pdf');
    xlsx = join(dir, 'phu-luc-2017-07-03_2019-06-30.xlsx');
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the demo report as PDF: nothing found, and its figures were read', (ctx) => {
    try {
      execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    } catch {
      console.log('bỏ qua: không có pdftotext (poppler-utils) trên máy này');
      ctx.skip();
    }
    const { status, json } = check(pdf);
    expect(json.findings).toEqual([]);
    expect(status).toBe(0);
    expect(json.checked.shares).toBeGreaterThanOrEqual(5); // the shares of section II (more with the online-share sentence)
    expect(json.checked.tableRows).toBe(18);
    expect(json.checked.agencyFigures).toBe(14);
  });

  it('the demo report as DOCX (when hcc report writes one): nothing found; a share typed wrong is found', async (ctx) => {
    const docxFile = join(dir, 'bao-cao-2017-07-03_2019-06-30.docx');
    if (!existsSync(docxFile)) {
      console.log('bỏ qua: hcc report chưa ghi tệp .docx trong nhánh này (xem phần Word ở cuối tệp)');
      ctx.skip();
    }
    const { status, json } = check(docxFile);
    expect(json.findings).toEqual([]);
    expect(status).toBe(0);
    // The annex's 18 rows with figures and section II's shares at least (the Word report also carries Biểu 06).
    expect(json.checked.agencyFigures).toBe(14);
    expect(json.checked.tableRows).toBeGreaterThanOrEqual(18);
    expect(json.checked.shares).toBeGreaterThanOrEqual(5);
    // The same document with 98,3% typed as 98,4% (Word's XML edited as a clerk would edit the text).
    const { default: unzipper } = await import('unzipper');
    const zip = await unzipper.Open.file(docxFile);
    const parts = await Promise.all(zip.files.filter((f) => f.type === 'File').map(async (f) => [f.path, await f.buffer()] as [string, Buffer]));
    const edited = parts.map(([name, content]) => [name, name === 'word/document.xml' ? Buffer.from(content.toString('utf8').replace('98,3%', '98,4%')) : content] as [string, Buffer]);
    const typed = join(dir, 'go-tay.docx');
    writeFileSync(typed, storedZip(edited));
    const wrong = check(typed);
    expect(wrong.status).toBe(1);
    expect(errorsOf(wrong.json).map((e) => [e.rule, e.written, e.expected])).toEqual([['share', '34.985 hồ sơ … 98,4%', '98,3%']]);
  });

  it('the demo annex workbook (with Biểu 06): nothing found', () => {
    const { status, json } = check(xlsx);
    expect(json.findings).toEqual([]);
    expect(status).toBe(0);
    // 18 agency rows and total on "Phụ lục", the fields and total on "Biểu 06".
    expect(json.checked.tableRows).toBeGreaterThan(19);
  });

  it('the annex against the data it was counted from: every cell holds', () => {
    const { status, json } = check(xlsx, '--input', HA_NAM.csv, '--config', HA_NAM.config, '--from', '2017-07-03', '--to', '2019-06-30');
    expect(json.findings).toEqual([]);
    expect(status).toBe(0);
    // 180 cells on "Phụ lục" (17 agencies with dossiers and the total, 10 figures each), the rest on "Biểu 06".
    expect(json.checked.dataCells).toBeGreaterThan(180);
  }, 60_000);

  it('a typed annex with one wrong cell: the row, the total and the data each say where', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    wb.removeWorksheet(wb.getWorksheet('Biểu 06')!.id);
    wb.getWorksheet('Phụ lục')!.getCell('G9').value = 18; // Văn phòng UBND tỉnh, early: 17 → 18
    const typed = join(dir, 'go-tay.xlsx');
    await wb.xlsx.writeFile(typed);
    const { status, json } = check(typed, '--input', HA_NAM.csv, '--config', HA_NAM.config, '--from', '2017-07-03', '--to', '2019-06-30');
    expect(status).toBe(1);
    expect(errorsOf(json).map((e) => [e.rule, e.where, e.expected])).toEqual([
      ['row-sum', 'Phụ lục!F9', '18'],
      ['total-sum', 'Phụ lục!G28', '32.098'],
      ['data', 'Phụ lục!G9', '17'],
    ]);
    expect(errorsOf(json)[2].reason).toContain('chênh lệch +1');
  }, 60_000);
});

/** A minimal Word document: the parts Word needs, paragraphs and one table with a spanning header. */
function docx(paragraphs: string[], table: string[][]): Buffer {
  const p = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
  const cell = (t: string) => (t === '>' ? '' : `<w:tc><w:tcPr>${t.startsWith('^') ? '<w:gridSpan w:val="3"/>' : ''}</w:tcPr>${p(t.replace(/^\^/, ''))}</w:tc>`);
  const rows = table.map((r) => `<w:tr>${r.map(cell).join('')}</w:tr>`).join('');
  const body = `${paragraphs.map(p).join('')}<w:tbl>${rows}</w:tbl>`;
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return storedZip([
    [
      '[Content_Types].xml',
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
      ),
    ],
    [
      '_rels/.rels',
      Buffer.from(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
      ),
    ],
    ['word/document.xml', Buffer.from(xml)],
  ]);
}

describe('hcc check on a Word document', () => {
  const header = [
    ['STT', 'Tên cơ quan', '^Số hồ sơ tiếp nhận', '>', '>', '^Số hồ sơ đã giải quyết', '>', '>', 'Số hồ sơ đang giải quyết'],
    ['', '', 'Tổng số', 'Số mới', 'Kỳ trước chuyển', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Tổng số'],
  ];
  const paragraphs = (share: string) => [
    'TÌNH HÌNH GIẢI QUYẾT TTHC TỪ NGÀY 01/01/2024 ĐẾN NGÀY 30/6/2024',
    `Trung tâm đã tiếp nhận 1.200 hồ sơ; đã giải quyết 1.150 hồ sơ, đạt ${share}; 50 hồ sơ đang giải quyết.`,
    'Các cơ quan tiếp nhận nhiều hồ sơ: Sở Tư pháp (700 hồ sơ); Sở Y tế (500 hồ sơ).',
  ];
  const rows = [
    ['1', 'Sở Tư pháp', '700', '690', '10', '600', '60', '10', '30'],
    ['2', 'Sở Y tế', '500', '500', '-', '400', '80', '-', '20'],
    ['', 'Tổng số', '1.200', '1.190', '10', '1.000', '140', '10', '50'],
  ];

  it('a correct report: paragraphs and the table (spanning headers) read, nothing found', () => {
    const dir = tempDir('hcc-check-docx-');
    const file = join(dir, 'bao-cao.docx');
    writeFileSync(file, docx(paragraphs('95,8%'), [...header, ...rows]));
    const { status, json } = check(file);
    rmSync(dir, { recursive: true, force: true });
    expect(json.findings).toEqual([]);
    expect(status).toBe(0);
    expect(json.checked).toMatchObject({ shares: 1, tableRows: 3, agencyFigures: 2, dates: 2 });
  });

  it('a wrong share and a wrong row: said by paragraph and by cell', () => {
    const dir = tempDir('hcc-check-docx-');
    const file = join(dir, 'bao-cao.docx');
    const wrong = rows.map((r) => [...r]);
    wrong[1][3] = '499';
    writeFileSync(file, docx(paragraphs('96,8%'), [...header, ...wrong]));
    const { status, json } = check(file);
    rmSync(dir, { recursive: true, force: true });
    expect(status).toBe(1);
    expect(errorsOf(json).map((e) => [e.rule, e.where, e.expected])).toEqual([
      ['share', 'đoạn 2', '95,8%'],
      ['row-sum', 'bảng 1, ô C4', '499'],
      ['total-sum', 'bảng 1, ô D5', '1.189'],
    ]);
  });
});

describe('hcc check: what it cannot read is said in one line', () => {
  it("hcc's annex as CSV (its own column names) is checked", () => {
    const { status, json } = check(HA_NAM.annex);
    expect(json.findings).toEqual([]);
    expect(status).toBe(0);
    expect(json.checked.tableRows).toBe(20);
  });

  it('a PDF without pdftotext installed: exit 1 and how to install it', () => {
    const dir = tempDir('hcc-check-pdf-');
    writeFileSync(join(dir, 'bao-cao.pdf'), '%PDF-1.4\n');
    const r = runHcc(['check', join(dir, 'bao-cao.pdf')], { env: { PATH: '/nonexistent' } });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^hcc: lỗi: cần chương trình pdftotext \(gói poppler-utils\)/);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('a file of another kind, or one with nothing to check: exit 1, not "all holds"', () => {
    const dir = tempDir('hcc-check-other-');
    writeFileSync(join(dir, 'a.odt'), 'x');
    writeFileSync(join(dir, 'b.txt'), 'Không có số liệu nào ở đây.\n');
    const odt = runHcc(['check', join(dir, 'a.odt')]);
    const empty = runHcc(['check', join(dir, 'b.txt')]);
    const missing = runHcc(['check', join(dir, 'khong-co.pdf')]);
    rmSync(dir, { recursive: true, force: true });
    expect([odt.status, empty.status, missing.status]).toEqual([1, 1, 1]);
    expect(missing.stderr).toContain('không tìm thấy tệp');
    expect(odt.stderr).toContain('.docx, .pdf, .txt');
    expect(empty.stderr).toContain('không tìm thấy số liệu nào để kiểm tra');
  });

  it('a period without data to compare with is a usage error', () => {
    const r = runHcc(['check', fixture('seed-003.txt'), '--period', '2019-H1']);
    expect(r.status).toBe(2);
  });
});
