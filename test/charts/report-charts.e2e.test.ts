// Charts end to end: `hcc report --demo` with its "Biểu đồ" page and sheet (the month figures adding up
// to the period's, from the same read), --no-charts and "report.charts", and no chart library loaded
// by the commands that draw none.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseReportConfig } from '../../src/report/config.js';
import { monthBars } from '../../src/render/terminal-bars.js';
import { haNamTable, pdfText } from '../helpers/report.js';
import { HA_NAM, ROOT, runHcc, tempDir } from '../helpers/run-hcc.js';
import { xlsxPart } from '../helpers/xlsx-parts.js';

const SLUG = '2017-07-03_2019-06-30';
const PHASE = 180_000;

describe('hcc report --demo with charts', () => {
  let out: string;
  let bare: string;
  beforeAll(() => {
    out = tempDir('hcc-charts-');
    const r = runHcc(['report', '--demo', '--out', out]);
    expect(r.stderr).not.toContain('SVGElemText'); // every SVG text found its font
    expect(r.status, r.stderr).toBe(0);
    bare = tempDir('hcc-nocharts-');
    const b = runHcc(['report', '--demo', '--no-charts', '--out', bare]);
    expect(b.status, b.stderr).toBe(0);
  }, PHASE);

  it('has a "Biểu đồ" page after the annex, its text in the PDF (vector, not an image)', () => {
    const text = pdfText(join(out, `bao-cao-${SLUG}.pdf`), false);
    const annexAt = text.lastIndexOf('Phụ lục', text.indexOf('BIỂU ĐỒ'));
    const chartsAt = text.indexOf('BIỂU ĐỒ');
    expect(annexAt).toBeGreaterThan(0);
    expect(chartsAt).toBeGreaterThan(annexAt);
    const charts = text.slice(chartsAt);
    expect(charts).toContain('Biểu đồ 1. Số hồ sơ tiếp nhận và đã giải quyết theo cơ quan');
    expect(charts).toContain('Biểu đồ 3. Số hồ sơ tiếp nhận mới và đã giải quyết theo tháng');
    expect(charts).toContain('Sở Giao thông vận tải');
    expect(charts).toContain('12.906'); // the label of its bar, Vietnamese style
    expect(charts).toContain('Tiếp nhận mới');
    expect(charts).toMatch(/Giải quyết quá hạn: \d+ \(\d+,\d%\)/);
    expect(pdfText(join(bare, `bao-cao-${SLUG}.pdf`), false)).not.toContain('BIỂU ĐỒ');
  });

  it('numbers the chart pages on from the annex\'s own numbers, as the Word report does', () => {
    const file = join(out, `bao-cao-${SLUG}.pdf`);
    // pdftotext ends each page with a form feed; a page's number is the only text in its top 50 points
    // (read by area: the monthly chart's turned labels come first in pdftotext's reading order).
    const pages = pdfText(file, false).split('\f').slice(0, -1);
    const top = (i: number) => spawnSync('pdftotext', ['-f', `${i + 1}`, '-l', `${i + 1}`, '-x', '0', '-y', '0', '-W', '900', '-H', '50', file, '-'], { encoding: 'utf8' }).stdout.trim();
    const annexFirst = pages.findIndex((p) => p.trimStart().startsWith('Phụ lục'));
    const chartPages = pages.map((p, i) => ({ p, i })).filter(({ p }) => p.includes('Biểu đồ '));
    expect(annexFirst).toBeGreaterThan(0);
    expect(top(annexFirst)).toBe(''); // the annex's first page carries no number
    expect(chartPages.length).toBeGreaterThanOrEqual(2);
    expect(chartPages[0].p).toContain('BIỂU ĐỒ');
    for (const { i } of chartPages) {
      expect(i).toBeGreaterThan(annexFirst);
      expect(top(i)).toBe(String(i - annexFirst + 1));
    }
  });

  it('has a "Biểu đồ" sheet with the three images and the tables behind them, from the same read', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(out, `phu-luc-${SLUG}.xlsx`)) as never);
    const ws = wb.getWorksheet('Biểu đồ')!;
    expect(ws).toBeDefined();
    expect(wb.worksheets.map((w) => w.name).indexOf('Biểu đồ')).toBe(1); // right after the annex
    expect(ws.getImages()).toHaveLength(3);
    const rows: unknown[][] = [];
    const numbers: number[] = [];
    ws.eachRow((row) => {
      rows.push((row.values as unknown[]).slice(1));
      numbers.push(row.number);
    });
    const title = (t: string) => rows.findIndex((r) => String(r[0]).startsWith(t));
    const expected = haNamTable();
    // Table 1: the annex's agencies and figures.
    const agencies = rows.slice(title('Biểu đồ 1.') + 2, title('Biểu đồ 2.'));
    expect(agencies).toHaveLength(expected.rows.length);
    agencies.forEach((r, i) => {
      expect(r[1]).toBe(expected.rows[i].key);
      expect(r[2]).toBe(expected.rows[i].counts.received.total);
      expect(r[3]).toBe(expected.rows[i].counts.resolved.total);
    });
    // Table 3: the months partition the period, so their new and resolved dossiers add up to the period's.
    const months = rows.slice(title('Biểu đồ 3.') + 2).filter((r) => typeof r[2] === 'number');
    expect(months).toHaveLength(24);
    expect(months[0][1]).toBe('07/2017');
    expect(months.reduce((n, r) => n + Number(r[2]), 0)).toBe(expected.total.received.new);
    expect(months.reduce((n, r) => n + Number(r[3]), 0)).toBe(expected.total.resolved.total);
    const early = rows.findIndex((r) => r[1] === 'Giải quyết trước hạn');
    expect(rows[early][2]).toBe(expected.total.resolved.early);
    expect(ws.getCell(numbers[early], 4).numFmt).toContain('0.0%');
    expect(ws.getCell(numbers[early], 3).numFmt).toContain('#,##0');
    // The PNGs (palette images) are stored in the zip as they are, the XML deflated.
    const entries = zipEntries(readFileSync(join(out, `phu-luc-${SLUG}.xlsx`)));
    const media = entries.filter((e) => e.name.startsWith('xl/media/') && e.name.endsWith('.png'));
    expect(media.map((e) => e.name)).toEqual(['xl/media/image1.png', 'xl/media/image2.png', 'xl/media/image3.png']);
    expect(media.map((e) => e.method)).toEqual([0, 0, 0]);
    expect(entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')?.method).toBe(8);
    // Printed, each chart and its table start a page: a page break right above the titles of charts 2 and 3.
    const sheet = await xlsxPart(join(out, `phu-luc-${SLUG}.xlsx`), 'xl/worksheets/sheet2.xml');
    const breaks = [...sheet.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(breaks).toEqual([numbers[title('Biểu đồ 2.')] - 1, numbers[title('Biểu đồ 3.')] - 1]);
    const noCharts = new ExcelJS.Workbook();
    await noCharts.xlsx.load(readFileSync(join(bare, `phu-luc-${SLUG}.xlsx`)) as never);
    expect(noCharts.getWorksheet('Biểu đồ')).toBeUndefined();
  });
});

/** The entries of a zip file from its central directory: name and compression method (0 stored, 8 deflated). */
function zipEntries(zip: Buffer): { name: string; method: number }[] {
  const entries: { name: string; method: number }[] = [];
  for (let at = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); at >= 0 && zip.readUInt32LE(at) === 0x02014b50; ) {
    const nameLength = zip.readUInt16LE(at + 28);
    entries.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLength), method: zip.readUInt16LE(at + 10) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

describe('report.charts in the config', () => {
  it('is true by default, takes false, and refuses anything else with the key named', () => {
    expect(parseReportConfig({}).report.charts).toBe(true);
    expect(parseReportConfig({ charts: false }).report.charts).toBe(false);
    expect(() => parseReportConfig({ charts: 'không' }, 'hcc.config.json')).toThrow('"report.charts" phải là true hoặc false');
  });
});

describe('commands that draw no chart', () => {
  /** The chunks dist/cli.js loads at start, following static imports only. */
  function staticChunks(): string[] {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(join(ROOT, 'dist', file), 'utf8');
      for (const m of code.matchAll(/^import\s*(?:[^'"]*?from\s*)?["']\.\/([^"']+)["']/gm)) visit(m[1]);
    };
    visit('cli.js');
    return [...seen];
  }

  it('never load the chart writer or resvg: they sit in chunks only `hcc report` imports, lazily', () => {
    const chunks = staticChunks();
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      const code = readFileSync(join(ROOT, 'dist', c), 'utf8');
      expect(code, c).not.toContain('aria-roledescription="bar"');
      expect(code, c).not.toContain('import("@resvg/resvg-js")');
    }
  });

  it('hcc table --by month: the bar column never goes to a pipe, CSV or JSON', () => {
    const args = ['table', '--input', HA_NAM.csv, '--config', HA_NAM.config, '--period', '2019-H1', '--by', 'month'];
    for (const extra of [[], ['--format', 'csv'], ['--format', 'json']]) {
      const r = runHcc([...args, ...extra]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(/[█▏▎▍▌▋▊▉]/);
    }
  }, PHASE);

  it('the bar column: one line per month, bars to the eighth of a cell, the longest for the largest month', () => {
    const table = haNamTable();
    const monthTable = {
      ...table,
      groupBy: 'month' as const,
      rows: [
        { ...table.rows[0], key: '2019-01', counts: { ...table.rows[0].counts, received: { ...table.rows[0].counts.received, total: 1600 } } },
        { ...table.rows[0], key: '2019-02', counts: { ...table.rows[0].counts, received: { ...table.rows[0].counts.received, total: 300 } } },
      ],
    };
    // 36 columns: 7 for the month, 5 for the figure, 4 of spaces, 20 for the bars; 300/1600 × 20 = 3⁶⁄₈.
    const lines = monthBars(monthTable, 36);
    expect(lines.slice(1)).toEqual(['Hồ sơ tiếp nhận theo tháng:', `01/2019 1.600 ${'█'.repeat(20)}`, '02/2019   300 ███▊']);
  });
});
