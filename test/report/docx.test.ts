// The Word report: `hcc report --demo` writes bao-cao-<period>.docx; its XML parts read back from the zip
// (header block, figures, styles, Decree 30 margins, the landscape annex with its merged header marked
// to repeat), every annex figure compared with the PDF's, and LibreOffice opening it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import unzipper from 'unzipper';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderReportDocx } from '../../src/render/docx.js';
import { defaultReportConfig } from '../../src/report/config.js';
import { buildReport } from '../../src/report/document.js';
import { loadTemplate, type FormTemplate, type ReportTemplate } from '../../src/report/template.js';
import { haNamTable, pdfText } from '../helpers/report.js';
import { HCC, ROOT, runHcc, tempDir } from '../helpers/run-hcc.js';

const SLUG = '2017-07-03_2019-06-30';
const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
const office = ['soffice', 'libreoffice'].find((b) => spawnSync(b, ['--version']).status === 0);
// The page counts and line breaks below are those of Times New Roman, as on a clerk's machine; without
// it or its metric twin Liberation Serif, LibreOffice lays the text out in a wider font (DejaVu Serif).
const timesFont = spawnSync('fc-match', ['-f', '%{family}', 'Times New Roman'], { encoding: 'utf8' }).stdout ?? '';
const timesLike = /Times New Roman|Liberation Serif/.test(timesFont);
const soffice = office && timesLike ? office : undefined;
if (!office) console.warn('docx: LibreOffice tests skipped (no soffice or libreoffice on PATH)');
else if (!timesLike) console.warn(`docx: LibreOffice tests skipped (Times New Roman resolves to "${timesFont}": install fonts-liberation)`);

async function parts(data: string | Buffer): Promise<Record<string, string>> {
  const zip = typeof data === 'string' ? await unzipper.Open.file(data) : await unzipper.Open.buffer(data);
  const out: Record<string, string> = {};
  for (const f of zip.files) if (/\.(xml|rels)$/.test(f.path)) out[f.path] = (await f.buffer()).toString('utf8');
  return out;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** The text of an XML fragment as a reader sees it: non-breaking hyphens as "-", word joiners dropped. */
function text(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:noBreakHyphen\/>|<w:br\/>/g)) out += m[0] === '<w:noBreakHyphen/>' ? '-' : m[0] === '<w:br/>' ? '\n' : decode(m[1]);
  return out.replace(/\u2060/g, '');
}

const paragraphs = (xml: string) => [...xml.matchAll(/<w:p[ >].*?<\/w:p>/gs)].map((m) => m[0]);
/** Top-level tables (the report has no nested ones). */
const tables = (xml: string) => [...xml.matchAll(/<w:tbl>.*?<\/w:tbl>/gs)].map((m) => m[0]);
const rows = (tbl: string) => [...tbl.matchAll(/<w:tr[ >].*?<\/w:tr>/gs)].map((m) => m[0]);
const cells = (tr: string) => [...tr.matchAll(/<w:tc>.*?<\/w:tc>/gs)].map((m) => text(m[0]));

/** The annex row of an agency in pdftotext -layout output: its numbers as integers ("-" = 0); [] for a blank row. */
function pdfRowNumbers(layout: string, label: string): number[] {
  const name = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const lines = layout.split('\n');
  // The row with figures; else the blank row (a header cell may also read "Tổng số": the figures win).
  const line = lines.find((l) => new RegExp(`^\\s*(\\d+\\s+)?${name}\\s{2,}[\\d.-]`).test(l)) ?? lines.find((l) => new RegExp(`^\\s*\\d+\\s+${name}\\s*$`).test(l));
  if (!line) throw new Error(`no annex row for ${label}`);
  const rest = line.slice(line.indexOf(label) + label.length).trim();
  return rest === '' ? [] : rest.split(/\s+/).map((t) => (t === '-' ? 0 : Number(t.replace(/\./g, ''))));
}

let out: string;
let docxPath: string;
let xml: Record<string, string>;
let body: string;
let status: number | null;
let stderr: string;

beforeAll(async () => {
  expect(existsSync(HCC)).toBe(true);
  out = tempDir();
  const r = runHcc(['report', '--demo', '--out', out]);
  status = r.status;
  stderr = r.stderr;
  docxPath = join(out, `bao-cao-${SLUG}.docx`);
  if (existsSync(docxPath)) {
    xml = await parts(docxPath);
    body = xml['word/document.xml'];
  }
}, 90_000);

describe('hcc report --demo: the Word document', { timeout: 90_000 }, () => {
  it('is written by default beside the PDF and the workbook', () => {
    expect(status, stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([`bao-cao-${SLUG}.docx`, `bao-cao-${SLUG}.pdf`, `phu-luc-${SLUG}.xlsx`]);
    expect(body).toBeDefined();
  });

  it('opens with the Decree 30 header block as a borderless two-column table', () => {
    const header = tables(body)[0];
    expect(header).toContain('<w:tblBorders><w:top w:val="none"');
    const [top, numberLine] = rows(header).map(cells);
    expect(top).toHaveLength(2);
    expect(top[0]).toBe('UỶ BAN NHÂN DÂN TỈNH HÀ NAMVĂN PHÒNG');
    expect(top[1]).toBe('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập - Tự do - Hạnh phúc');
    expect(numberLine).toEqual(['Số: 1204/BC-VPUB', 'Hà Nam, ngày 05 tháng 8 năm 2019']);
    // The motto underlined; place and date in italics; the short rule under the agency is a bottom border.
    const motto = paragraphs(header).find((p) => text(p) === 'Độc lập - Tự do - Hạnh phúc')!;
    expect(motto).toMatch(/<w:u w:val="single"\/>/);
    expect(paragraphs(header).find((p) => text(p).startsWith('Hà Nam, ngày'))).toContain('<w:i/>');
    expect(header).toMatch(/<w:pBdr><w:bottom w:val="single"/);
    // The symbol of the number never breaks: a non-breaking hyphen, a word joiner after "/".
    expect(header).toMatch(/1204\/\u2060BC<\/w:t><w:noBreakHyphen\/><w:t[^>]*>VPUB/);
  });

  it('has "BÁO CÁO", the title, the figures and the signature with "Nơi nhận" beside it', () => {
    const all = paragraphs(body).map(text);
    const i = all.indexOf('BÁO CÁO');
    expect(i).toBeGreaterThan(0);
    // One title paragraph (its lines, when the model breaks it, joined by line breaks).
    expect(all[i + 1].replace(/\n/g, ' ')).toContain('Tình hình, kết quả hoạt động của Trung tâm Phục vụ Hành chính công tỉnh (từ 03/7/2017 đến 30/6/2019)');
    const flat = all.join(' ');
    for (const figure of ['35.591', '34.985', '98,3%', '35.523']) expect(flat).toContain(figure);
    const signature = tables(body).find((t) => text(t).includes('Nơi nhận:'))!;
    const [[recipients, signer]] = rows(signature).map(cells);
    expect(recipients).toMatch(/^Nơi nhận:- /);
    expect(signer).toBe('KT. CHÁNH VĂN PHÒNGPHÓ CHÁNH VĂN PHÒNGNguyễn Thị Khánh Thiệm');
    expect(signature).toContain('<w:tblBorders><w:top w:val="none"');
    expect(rows(signature)[0]).toContain('<w:cantSplit/>');
    // The closing sentence is kept on the signature's page.
    const closing = paragraphs(body).find((p) => text(p).startsWith('Trên đây là báo cáo'))!;
    expect(closing).toContain('<w:keepNext/>');
  });

  it('formats through named styles, in Times New Roman, not paragraph by paragraph', () => {
    const styles = xml['word/styles.xml'];
    expect(styles).toMatch(/<w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"[^>]*w:hAnsi="Times New Roman"\/><w:sz w:val="28"\/>/);
    for (const [id, name] of [
      ['NoiDungBaoCao', 'Nội dung báo cáo'],
      ['TieuDeMuc', 'Tiêu đề mục'],
      ['TieuDeMucNho', 'Tiêu đề mục nhỏ'],
    ]) {
      expect(styles).toContain(`w:styleId="${id}"><w:name w:val="${name}"/>`);
    }
    // The body style: justified, 1.27 cm (720 twips) first-line indent.
    const bodyStyle = /<w:style [^>]*w:styleId="NoiDungBaoCao">.*?<\/w:style>/s.exec(styles)![0];
    expect(bodyStyle).toContain('<w:ind w:firstLine="720"/>');
    expect(bodyStyle).toContain('<w:jc w:val="both"/>');
    const ps = paragraphs(body);
    const headings = ps.filter((p) => p.includes('<w:pStyle w:val="TieuDeMuc"/>')).map(text);
    expect(headings[0]).toBe('I. ĐẶC ĐIỂM TÌNH HÌNH');
    expect(headings.some((h) => h.startsWith('II. TÌNH HÌNH, KẾT QUẢ TIẾP NHẬN'))).toBe(true);
    expect(ps.filter((p) => p.includes('<w:pStyle w:val="TieuDeMucNho"/>')).length).toBeGreaterThan(0);
    const styled = ps.filter((p) => p.includes('<w:pStyle w:val="NoiDungBaoCao"/>'));
    expect(styled.length).toBeGreaterThan(8);
    // No body paragraph carries its own alignment or indent: the style does.
    for (const p of styled) expect(p).not.toMatch(/<w:jc |<w:ind /);
  });

  it('has A4 portrait pages with Decree 30 margins, numbered from page 2, and the annex on landscape pages', () => {
    const sections = [...body.matchAll(/<w:sectPr>.*?<\/w:sectPr>/gs)].map((m) => m[0]);
    // The report, the annex, and the charts (portrait, numbered on every page).
    expect(sections).toHaveLength(3);
    const [report, annex, charts] = sections;
    expect(charts).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    expect(charts).not.toContain('<w:titlePg/>');
    expect(report).toContain('<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"/>');
    // 20 mm = 1134 twips, 30 mm = 1701, 15 mm = 850.
    expect(report).toMatch(/<w:pgMar w:top="1134" w:right="85[01]" w:bottom="1134" w:left="1701"/);
    expect(annex).toContain('<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>');
    for (const s of [report, annex]) {
      expect(s).toContain('<w:titlePg/>');
      const ref = (type: string) => /r:id="(rId\d+)"/.exec(new RegExp(`<w:headerReference w:type="${type}" r:id="rId\\d+"/>`).exec(s)![0])![1];
      const rels = xml['word/_rels/document.xml.rels'];
      const target = (id: string) => new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1];
      const header = xml[`word/${target(ref('default'))}`];
      expect(header).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>|w:instr="PAGE"/);
      expect(header).toContain('<w:jc w:val="center"/>');
      expect(xml[`word/${target(ref('first'))}`]).not.toContain('PAGE');
    }
  });

  it('draws the annex with its merged three-level header repeated on every page, 20 agencies and the total', () => {
    const annex = tables(body).find((t) => t.includes('<w:tblHeader/>'))!;
    const trs = rows(annex);
    const headerRows = trs.filter((r) => r.includes('<w:tblHeader/>'));
    expect(headerRows).toHaveLength(3);
    expect(trs.slice(0, 3)).toEqual(headerRows);
    expect(annex).toMatch(/<w:gridSpan w:val="\d+"\/>/);
    expect(annex).toContain('<w:vMerge w:val="restart"/>');
    expect(annex).toContain('<w:vMerge w:val="continue"/>');
    expect(cells(trs[0]).filter(Boolean)).toEqual(['STT', 'Tên cơ quan', 'Số hồ sơ tiếp nhận', 'Kết quả giải quyết', 'Ghi chú']);
    const data = trs.slice(3).map(cells);
    expect(data).toHaveLength(21);
    expect(data.slice(0, 20).map((r) => Number(r[0]))).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(data[20][1]).toBe('Tổng số');
    expect(data[20].slice(2, 5)).toEqual(['35.591', '35.523', '68']);
    expect(trs[23]).toContain('<w:b/>');
    // A row without dossiers is blank, a zero is "-".
    expect(data.some((r) => r.slice(2).every((c) => c === ''))).toBe(true);
    expect(data.some((r) => r.slice(2).includes('-'))).toBe(true);
    // The annex opens its landscape section with "Phụ lục", the title and the line naming the report.
    const annexStart = body.lastIndexOf('</w:sectPr>', body.indexOf(annex));
    const before = paragraphs(body.slice(annexStart, body.indexOf(annex))).map(text).filter(Boolean);
    expect(before[0]).toBe('Phụ lục');
    // The title breaks between phrases (a line break in one paragraph), never inside "TỪ NGÀY 03/7/2017".
    expect(before[1].split('\n')).toEqual(['TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', 'CỦA CÁC SỞ, BAN, NGÀNH TỪ NGÀY 03/7/2017 ĐẾN NGÀY 30/6/2019']);
    expect(before[2]).toBe('(Kèm theo Báo cáo số 1204/BC-VPUB ngày 05 tháng 8 năm 2019 của Văn phòng UBND tỉnh)');
  });

  it.skipIf(!hasPoppler)('prints every annex figure as the PDF prints it', () => {
    const layout = pdfText(join(out, `bao-cao-${SLUG}.pdf`));
    const annex = tables(body).find((t) => t.includes('<w:tblHeader/>'))!;
    const data = rows(annex).slice(3).map(cells);
    const asNumbers = (r: string[]) => (r.slice(2, 12).every((c) => c === '') ? [] : r.slice(2, 12).map((c) => (c === '-' ? 0 : Number(c.replace(/\./g, '')))));
    let compared = 0;
    for (const r of data) {
      expect(asNumbers(r), r[1]).toEqual(pdfRowNumbers(layout, r[1]));
      compared += asNumbers(r).length;
    }
    expect(compared).toBeGreaterThan(150);
  });

  it.skipIf(!soffice)('opens in LibreOffice, which converts it to a PDF of 3 to 6 pages with the figures', () => {
    const dir = tempDir();
    const r = spawnSync(soffice!, ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, docxPath], {
      encoding: 'utf8',
      timeout: 80_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const pdf = join(dir, `bao-cao-${SLUG}.pdf`);
    expect(existsSync(pdf), r.stdout + r.stderr).toBe(true);
    if (!hasPoppler) return;
    const pages = Number(/Pages:\s+(\d+)/.exec(spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout)![1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThanOrEqual(6);
    const t = pdfText(pdf);
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Phụ lục', '35.591', '34.985', '98,3%', 'Nguyễn Thị Khánh Thiệm']) expect(t).toContain(s);
  });
});

describe('hcc report --demo: the charts in the Word document', { timeout: 90_000 }, () => {
  it('end the document as pictures under their captions, after the annex, within the page width', async () => {
    const zip = await unzipper.Open.file(docxPath);
    const pngs = zip.files.filter((f) => /^word\/media\/.*\.png$/.test(f.path));
    expect(pngs).toHaveLength(3);
    for (const f of pngs) expect((await f.buffer()).subarray(1, 4).toString('latin1')).toBe('PNG');
    const all = paragraphs(body).map(text);
    const charts = all.indexOf('BIỂU ĐỒ');
    expect(charts).toBeGreaterThan(all.findIndex((t) => t.startsWith('TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT')));
    expect(all.slice(charts).filter((t) => t.startsWith('Biểu đồ '))).toHaveLength(3);
    // Each picture at most the text width of the portrait page (9 355 twips of 635 EMU).
    const extents = [...body.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => Number(m[1]));
    expect(extents).toHaveLength(3);
    for (const cx of extents) expect(cx).toBeLessThanOrEqual(9355 * 635);
  });

  it('are left out with --no-charts', async () => {
    const dir = tempDir();
    const r = runHcc(['report', '--demo', '--out', dir, '--format', 'docx', '--no-charts']);
    expect(r.status, r.stderr).toBe(0);
    const zip = await unzipper.Open.file(join(dir, `bao-cao-${SLUG}.docx`));
    expect(zip.files.filter((f) => f.path.startsWith('word/media/'))).toEqual([]);
    expect(paragraphs((await parts(join(dir, `bao-cao-${SLUG}.docx`)))['word/document.xml']).map(text)).not.toContain('BIỂU ĐỒ');
  });
});

describe('the Word renderer on its own', { timeout: 60_000 }, () => {
  it('honours symbols kept whole, notes per agency, title lines, footnotes and the official form', async () => {
    const template = loadTemplate(join(ROOT, 'report-templates/bc-vpub.json')) as ReportTemplate;
    const form = loadTemplate(join(ROOT, 'report-templates/bieu-06.json')) as FormTemplate;
    const table = haNamTable();
    const doc = buildReport(table, template, { ...defaultReportConfig(), number: '5', date: '2019-08-05' }, [{ template: form, table }]);
    doc.blocks.push({ kind: 'paragraph', segments: [{ text: 'Căn cứ Nghị định số ' }, { text: '61/2018/NĐ-CP', nowrap: true }] });
    doc.annex.rows[0].note = 'Đã sáp nhập';
    doc.titleLines = ['Tình hình, kết quả giải quyết thủ tục hành chính', 'tại Trung tâm'];
    doc.footnotes = ['Tỷ lệ tính trên tổng số hồ sơ tiếp nhận.'];
    const x = await parts(await renderReportDocx(doc));
    const b = x['word/document.xml'];
    expect(b).toMatch(/61\/\u20602018\/\u2060NĐ<\/w:t><w:noBreakHyphen\/><w:t[^>]*>CP/);
    expect(b).not.toContain('61/2018/NĐ-CP');
    expect(paragraphs(b).map(text)).toContain('Căn cứ Nghị định số 61/2018/NĐ-CP');
    const annex = tables(b).find((t) => t.includes('<w:tblHeader/>'))!;
    expect(cells(rows(annex)[3]).at(-1)).toBe('Đã sáp nhập');
    const title = paragraphs(b).find((p) => text(p).startsWith('Tình hình, kết quả giải quyết thủ tục hành chính'))!;
    expect(text(title)).toBe('Tình hình, kết quả giải quyết thủ tục hành chính\ntại Trung tâm');
    expect(paragraphs(b).map(text)).toContain('Tỷ lệ tính trên tổng số hồ sơ tiếp nhận.');
    // Biểu 06 in a landscape section of its own, its numbered column row repeated with the header.
    const sections = [...b.matchAll(/<w:sectPr>.*?<\/w:sectPr>/gs)].map((m) => m[0]);
    expect(sections).toHaveLength(3);
    expect(sections[2]).toContain('w:orient="landscape"');
    expect(paragraphs(b).map(text)).toContain('Biểu số 06/VPCP/KSTT');
    const formTable = tables(b).filter((t) => t.includes('<w:tblHeader/>'))[1];
    const numbered = rows(formTable).filter((r) => r.includes('<w:tblHeader/>')).at(-1)!;
    expect(cells(numbered)).toEqual(Array.from({ length: doc.forms[0].layout.leaves.length }, (_, i) => `(${i + 1})`));
  });
});

describe('the Word header block with the longest province names', { timeout: 120_000 }, () => {
  const provinces = [
    ['ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU', 'Bà Rịa - Vũng Tàu'],
    ['ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ', 'Thừa Thiên Huế'],
    ['ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH', 'Thành phố Hồ Chí Minh'],
  ];

  it.skipIf(!soffice || !hasPoppler)('wraps the agency in its column, the motto staying at the top and the date on one line', async () => {
    const template = loadTemplate(join(ROOT, 'report-templates/bc-vpub.json')) as ReportTemplate;
    const dir = tempDir();
    const files: string[] = [];
    for (const [i, [parentAgency, place]] of provinces.entries()) {
      const config = { ...defaultReportConfig(), parentAgency, issuingAgency: 'VĂN PHÒNG ỦY BAN NHÂN DÂN', place, number: '5', date: '2024-07-05' };
      const file = join(dir, `p${i}.docx`);
      const { writeFileSync } = await import('node:fs');
      writeFileSync(file, await renderReportDocx(buildReport(haNamTable(), template, config)));
      files.push(file);
    }
    const r = spawnSync(soffice!, ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, ...files], { encoding: 'utf8', timeout: 100_000 });
    expect(r.status, r.stderr).toBe(0);
    for (const [i, [parentAgency, place]] of provinces.entries()) {
      const lines = pdfText(join(dir, `p${i}.pdf`)).split('\n').filter((l) => l.trim());
      // First line: the start of the agency beside the national title; the motto on the next line, beside the rest.
      expect(lines[0]).toMatch(/^\s*ỦY BAN NHÂN DÂN .*\S\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\s*$/);
      expect(lines[1]).toMatch(/\S\s+Độc lập - Tự do - Hạnh phúc\s*$/);
      expect(lines.slice(0, 6).join(' ').replace(/\s+/g, ' ')).toContain(parentAgency.split(' ').slice(-2).join(' '));
      expect(lines.some((l) => l.includes(`${place}, ngày 05 tháng 7 năm 2024`))).toBe(true);
      expect(lines.some((l) => /Số: 5\/BC-VPUB/.test(l))).toBe(true);
    }
  });
});

describe('the Word signature block', { timeout: 180_000 }, () => {
  it.skipIf(!soffice || !hasPoppler)('never stands alone on a page: the closing sentence and "Nơi nhận" go with it, wherever the page ends', async () => {
    const template = loadTemplate(join(ROOT, 'report-templates/bc-vpub.json')) as ReportTemplate;
    const dir = tempDir();
    const { writeFileSync } = await import('node:fs');
    // 0 to 26 one-line paragraphs more: the end of the body moves over a whole page, line by line.
    const counts = Array.from({ length: 14 }, (_, i) => i * 2);
    const files = [];
    for (const k of counts) {
      const config = {
        ...defaultReportConfig(),
        number: '5',
        date: '2019-08-05',
        signer: { title: ['KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG'], name: 'Nguyễn Văn Ký' },
        recipients: ['Thường trực Tỉnh ủy (để b/c);', 'Chủ tịch, các PCT UBND tỉnh (để b/c);', 'Lưu: VT.'],
        sections: { V: { paragraphs: Array.from({ length: k }, (_, j) => `Kiến nghị số ${j + 1}.`) } },
      };
      const file = join(dir, `s${k}.docx`);
      writeFileSync(file, await renderReportDocx(buildReport(haNamTable(), template, config)));
      files.push(file);
    }
    const r = spawnSync(soffice!, ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, ...files], { encoding: 'utf8', timeout: 170_000 });
    expect(r.status, r.stderr).toBe(0);
    const pagesSeen = new Set<number>();
    for (const k of counts) {
      const pages = pdfText(join(dir, `s${k}.pdf`), false).split('\f');
      const at = pages.findIndex((p) => p.includes('Nơi nhận:'));
      expect(at, `${k} paragraphs`).toBeGreaterThan(0);
      pagesSeen.add(at);
      // Without spaces: pdftotext may split a justified word ("t ại").
      const page = pages[at].replace(/\s+/g, '');
      expect(page, `${k} paragraphs`).toContain('trântrọngbáocáo./.');
      expect(page, `${k} paragraphs`).toContain('NguyễnVănKý');
    }
    // The signature did move to another page over the range: the test saw a page end pass by.
    expect(pagesSeen.size).toBeGreaterThan(1);
  });
});
