// The PDF layout on real names and real wording: long province names in the header, document symbols
// at a line end, the signature kept with the closing lines, the title broken between phrases.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FONTS } from '../../src/assets.js';
import { renderReportPdf } from '../../src/render/pdf.js';
import { defaultReportConfig, type ReportConfig } from '../../src/report/config.js';
import { buildReport } from '../../src/report/document.js';
import { loadTemplate, type ReportTemplate } from '../../src/report/template.js';
import { titlePhrases } from '../../src/report/wording.js';
import { parsePeriod } from '../../src/core/periods.js';
import { haNamTable } from '../helpers/report.js';
import { ROOT, tempDir } from '../helpers/run-hcc.js';

const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;
const TEMPLATE = loadTemplate(join(ROOT, 'report-templates/bc-vpub.json')) as ReportTemplate;
const dir = tempDir();

async function render(name: string, report: Partial<ReportConfig>, period = '2024-H1'): Promise<string> {
  const doc = buildReport({ ...haNamTable(), period: parsePeriod(period) }, TEMPLATE, {
    ...defaultReportConfig(),
    number: '1204',
    date: '2024-07-05',
    issuer: 'Văn phòng UBND tỉnh',
    signer: { title: ['KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG'], name: 'Nguyễn Văn A' },
    recipients: ['Thường trực Tỉnh ủy (để b/c);', 'Lưu: VT, TTPVHCC.'],
    ...report,
  });
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await renderReportPdf(doc, { fonts: BUNDLED_FONTS }));
  return file;
}

function text(file: string, layout = true, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return spawnSync('pdftotext', [...(layout ? ['-layout'] : []), ...range, file, '-'], { encoding: 'utf8' }).stdout;
}

interface Word {
  page: number;
  x: number;
  y: number;
  right: number;
  text: string;
}

function words(file: string): Word[] {
  const html = spawnSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
  const out: Word[] = [];
  let page = 0;
  for (const m of html.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)) {
    if (!m[1]) page++;
    else out.push({ page, x: Number(m[1]), y: Number(m[2]), right: Number(m[3]), text: m[4] });
  }
  return out;
}

describe.skipIf(!hasPoppler)('PDF layout', { timeout: 120_000 }, () => {
  it.each([
    'ỦY BAN NHÂN DÂN TỈNH BÀ RỊA - VŨNG TÀU',
    'ỦY BAN NHÂN DÂN TỈNH THỪA THIÊN HUẾ',
    'ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH',
  ])('"%s" wraps inside the left column; the motto stays at the top', async (parent) => {
    const file = await render(`header-${parent.length}`, { parentAgency: parent, issuingAgency: 'VĂN PHÒNG' });
    const w = words(file).filter((x) => x.page === 1);
    const national = w.find((x) => x.text === 'CỘNG')!;
    const motto = w.find((x) => x.text === 'Độc')!;
    // Every word of the name is left of the national title's column, and the name reads whole.
    const nameWords = w.filter((x) => x.right < national.x && x.y < motto.y + 40);
    expect(nameWords.map((x) => x.text).join(' ')).toContain(parent);
    // The name takes two lines, the motto still sits right under the national title (one line down).
    const nameLines = new Set(nameWords.filter((x) => parent.split(' ').includes(x.text)).map((x) => Math.round(x.y)));
    expect(nameLines.size).toBe(2);
    expect(motto.y - national.y).toBeLessThan(20);
    expect(motto.y - national.y).toBeGreaterThan(8);
    // The number line sits under the issuing agency, on the place-date line.
    const so = w.find((x) => x.text === 'Số:')!;
    const vanPhong = w.filter((x) => x.text === 'PHÒNG' && x.right < national.x).at(-1)!;
    expect(so.y).toBeGreaterThan(vanPhong.y);
    expect(Math.abs(w.find((x) => x.text === 'ngày' && x.x > national.x - 20)!.y - so.y)).toBeLessThan(3);
  });

  it.each(['2024-H1', '2024-06', '2019-Q3'])('breaks the annex title (%s) between phrases: "TỪ NGÀY" stays with its date', async (period) => {
    const file = await render(`annex-title-${period}`, {}, period);
    const annexPage = text(file, false).split('\f').findIndex((p) => p.split('\n').some((l) => l.trim() === 'Phụ lục')) + 1;
    const lines = text(file, false, annexPage).split('\n').map((l) => l.trim());
    const first = lines.findIndex((l) => l.startsWith('TÌNH HÌNH'));
    const title = lines.slice(first, lines.findIndex((l, i) => i > first && l.startsWith('(Kèm theo')));
    expect(title.length).toBeGreaterThan(1);
    expect(title.join(' ')).toMatch(/^TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH CỦA CÁC SỞ, BAN, NGÀNH TỪ NGÀY \d{2}\/\d{1,2}\/\d{4} ĐẾN NGÀY \d{2}\/\d{1,2}\/\d{4}$/);
    // Every line starts a phrase (no line ends in "TỪ" or "NGÀY" cut from its date).
    for (const l of title) expect(l).toMatch(/^(TÌNH HÌNH|CỦA|TỪ NGÀY|ĐẾN NGÀY)/);
  });

  it('keeps document symbols whole at a line end, never spread by justification', async () => {
    // The symbol moves along the line as the padding grows: some paragraph puts it at a line end.
    const paragraphs = Array.from({ length: 24 }, (_, k) => `Thực hiện${' tốt'.repeat(k + 20)} Nghị định số 61/2018/NĐ-CP và Thông tư số 01/2018/TT-VPCP, Báo cáo số 1204/BC-VPUB.`);
    const file = await render('symbols', { sections: { I: { paragraphs } } });
    const plain = text(file, false);
    const lines = plain.split('\n');
    for (const symbol of ['61/2018/NĐ-CP', '01/2018/TT-VPCP', '1204/BC-VPUB']) {
      // Whole on one line in every paragraph (the legal basis cites 61/2018 too).
      expect(lines.filter((l) => l.includes(symbol)).length, symbol).toBeGreaterThanOrEqual(24);
    }
    expect(lines.some((l) => /(\d+\/|\/\d{4}\/|\/NĐ-|TT-|BC-)$/.test(l.trim()))).toBe(false);
    // Some paragraph did push a symbol to the start of a line (the case being tested happened).
    expect(lines.filter((l) => /^(61\/2018\/NĐ-CP|01\/2018\/TT-VPCP|1204\/BC-VPUB)/.test(l.trim())).length).toBeGreaterThan(0);
    // pdftotext splits a word where letters are spread: each symbol is one word.
    const w = words(file).filter((x) => x.text.includes('2018/') || x.text.includes('NĐ-') || x.text.includes('VPCP'));
    for (const x of w) expect(x.text.replace(/[,.;]$/, '')).toMatch(/^(61\/2018\/NĐ-CP|107\/2021\/NĐ-CP|01\/2018\/TT-VPCP|23\/4\/2018)$/);
  });

  it('never leaves the signature alone on a page: the closing and "Nơi nhận" go with it', async () => {
    let moved = 0;
    for (let k = 0; k < 14; k++) {
      // One more short paragraph each time: the signature block meets the page end at some k.
      const paragraphs = ['Tiếp tục thực hiện tốt nhiệm vụ được giao trong kỳ tới.', ...Array.from({ length: 22 + k }, () => 'Đẩy mạnh tiếp nhận hồ sơ trực tuyến.')];
      const file = await render(`sign-${k}`, { sections: { V: { paragraphs } } });
      const pages = text(file).split('\f');
      const signPage = pages.findIndex((p) => p.includes('Nguyễn Văn A'));
      const page = pages[signPage];
      expect(page, `k=${k}`).toContain('trân trọng báo cáo');
      expect(page, `k=${k}`).toContain('Nơi nhận:');
      expect(page, `k=${k}`).toContain('KT. CHÁNH VĂN PHÒNG');
      // The whole closing sentence is on that page (it starts "Trên đây là báo cáo").
      expect(page.replace(/\s+/g, ' '), `k=${k}`).toContain('Trên đây là báo cáo');
      if (signPage > 0 && !pages[signPage - 1].includes('Trên đây')) moved++;
      const body = page.split('\n').filter((l) => l.trim() && !/^\s*\d+\s*$/.test(l));
      if (/^\s*Trên đây/.test(body[0] ?? '')) moved++;
    }
    // In some variant the closing was carried to the next page with the signature.
    expect(moved).toBeGreaterThan(0);
  });

  it('breaks the title between phrases, never inside one', async () => {
    const file = await render('title', { center: 'Trung tâm Phục vụ hành chính công tỉnh Bà Rịa - Vũng Tàu' });
    const page = text(file, true, 1).split('\n').map((l) => l.trim());
    const start = page.indexOf('BÁO CÁO') + 1;
    const titleLines: string[] = [];
    for (let i = start; page[i] !== ''; i++) titleLines.push(page[i]);
    const title =
      'Tình hình, kết quả giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công tỉnh Bà Rịa - Vũng Tàu 6 tháng đầu năm 2024 và phương hướng, nhiệm vụ 6 tháng cuối năm 2024';
    expect(titleLines.join(' ')).toBe(title);
    expect(titleLines.length).toBeGreaterThan(1);
    const phrases = titlePhrases(title);
    for (const line of titleLines) expect(phrases.some((p) => line.startsWith(p)), line).toBe(true);
  });
});
