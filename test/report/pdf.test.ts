// The PDF renderer on its own: page numbering, the annex header repeated across a page break, fonts.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FONTS } from '../../src/assets.js';
import type { TableRow } from '../../src/core/types.js';
import { renderReportPdf } from '../../src/render/pdf.js';
import { defaultReportConfig } from '../../src/report/config.js';
import { buildReport } from '../../src/report/document.js';
import { loadTemplate, type ReportTemplate } from '../../src/report/template.js';
import { haNamTable } from '../helpers/report.js';
import { ROOT, tempDir } from '../helpers/run-hcc.js';

const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;

function pageText(file: string, page: number): string {
  return spawnSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), file, '-'], { encoding: 'utf8' }).stdout;
}

describe('report PDF', { timeout: 60_000 }, () => {
  it.skipIf(!hasPoppler)('repeats the three-level header on every annex page and numbers pages from page 2', async () => {
    const base = haNamTable();
    // 70 agencies: the annex needs several landscape pages.
    const rows: TableRow[] = Array.from({ length: 70 }, (_, i) => ({ ...base.rows[i % 20], stt: i + 1, key: `Cơ quan thứ ${i + 1}` }));
    const table = { ...base, rows };
    const template = loadTemplate(join(ROOT, 'report-templates/bc-vpub.json')) as ReportTemplate;
    const doc = buildReport(table, template, { ...defaultReportConfig(), number: '5', date: '2019-08-05' });
    const pdf = await renderReportPdf(doc, { fonts: BUNDLED_FONTS });
    const file = join(tempDir(), 'bao-cao.pdf');
    writeFileSync(file, pdf);
    const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const texts = Array.from({ length: pages }, (_, i) => pageText(file, i + 1));
    const sizes = spawnSync('pdfinfo', ['-f', '1', '-l', String(pages), file], { encoding: 'utf8' }).stdout;
    const landscape = (i: number) => new RegExp(`Page\\s+${i + 1} size:\\s+841\\.89 x 595\\.2`).test(sizes);
    const annexPages = texts.map((t, i) => ({ t, i })).filter(({ i }) => landscape(i));
    expect(annexPages.length).toBeGreaterThanOrEqual(2);
    expect(annexPages.map(({ i }) => i)).toEqual(Array.from({ length: annexPages.length }, (_, k) => pages - annexPages.length + k));
    for (const { t } of annexPages) {
      expect(t).toContain('Số hồ sơ tiếp nhận');
      expect(t).toContain('Số hồ sơ đã giải quyết');
      expect(t).toContain('Chưa đến');
    }
    // Portrait report pages before the landscape annex.
    expect(sizes).toMatch(/Page\s+1 size:\s+595\.28 x 841\.89/);
    // No number on page 1; report pages numbered from 2; the annex numbered on its own from its 2nd page.
    expect(texts[0].split('\n')[0]).not.toMatch(/^\s*1\s*$/);
    expect(texts[1].split('\n').find((l) => l.trim())?.trim()).toBe('2');
    expect(annexPages[0].t.split('\n').find((l) => l.trim())?.trim()).toBe('Phụ lục');
    expect(annexPages[1].t.split('\n').find((l) => l.trim())?.trim()).toBe('2');
    // The total row closes the last page, every row is there once.
    expect(annexPages.at(-1)!.t).toMatch(/Tổng số\s+[\d.]+/);
    const all = annexPages.map(({ t }) => t).join('\n');
    for (let i = 1; i <= 70; i++) expect(all.split(`Cơ quan thứ ${i} `).length - 1 + all.split(`Cơ quan thứ ${i}\n`).length - 1).toBeGreaterThanOrEqual(1);
  });

  it('embeds the bundled Liberation Serif and refuses a font that is not one', async () => {
    const template = loadTemplate(join(ROOT, 'report-templates/bc-vpub.json')) as ReportTemplate;
    const doc = buildReport(haNamTable(), template, defaultReportConfig());
    const pdf = await renderReportPdf(doc, { fonts: BUNDLED_FONTS });
    expect(pdf.includes(Buffer.from('LiberationSerif-Bold'))).toBe(true);
    const dir = tempDir();
    writeFileSync(join(dir, 'x.ttf'), 'not a font');
    // fontkit's words; `hcc report` puts them in its own message (report.e2e checks that one).
    await expect(renderReportPdf(doc, { fonts: { ...BUNDLED_FONTS, normal: join(dir, 'x.ttf') } })).rejects.toThrow('Unknown font format');
  });
});
