// The PDF draws a chart's marks with PDFKit's own calls, the workbook and the Word report rasterise its
// SVG with resvg: both must show one drawing. Each chart is drawn into a real PDF page of its size,
// rasterised by poppler (pdftoppm) at 1 pixel a point, and compared with resvg's raster of the SVG.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { chartData, monthPeriods } from '../../src/charts/data.js';
import { chartSpecs, type ChartSpec } from '../../src/charts/specs.js';
import { drawMarks, type PdfCanvas } from '../../src/render/pdf-chart-marks.js';
import { defaultReportConfig } from '../../src/report/config.js';
import { buildReport } from '../../src/report/document.js';
import { loadTemplate, type ReportTemplate } from '../../src/report/template.js';
import { haNamTable } from '../helpers/report.js';
import { ROOT, tempDir } from '../helpers/run-hcc.js';

const FONTS = [`${ROOT}/report-templates/fonts/LiberationSerif-Regular.ttf`, `${ROOT}/report-templates/fonts/LiberationSerif-Bold.ttf`];
type PdfKitDocument = PdfCanvas & { font(file: string): unknown; on(event: string, f: (chunk?: Buffer) => void): void; end(): void };
const PDFDocument = createRequire(import.meta.url)('pdfkit') as new (options: object) => PdfKitDocument;

/** Every kind of mark: wrapped names, stacked parts with text inside, turned month labels, the comparison's dashed lines. */
function specs(): ChartSpec[] {
  const doc = buildReport(haNamTable(), loadTemplate(`${ROOT}/report-templates/bc-vpub.json`) as ReportTemplate, defaultReportConfig());
  const months = monthPeriods({ from: '2019-01-01', to: '2019-06-30' }).map((p, i) => ({
    month: p.from.slice(0, 7),
    new: [1204, 987, 2310, 1500, 3591, 0][i],
    resolved: [1100, 1000, 2000, 1499, 3000, 12][i],
  }));
  const compare = { months: months.map((m) => ({ ...m, new: Math.round(m.new / 2) })), period: { from: '2018-01-01', to: '2018-06-30' } };
  return chartSpecs(chartData(doc.annex, months, undefined, compare));
}

/** The chart drawn by drawMarks on a page of its size, as grey levels from poppler (1 pixel a point). */
async function pdfPixels(spec: ChartSpec, dir: string): Promise<Uint8Array> {
  const pdf = new PDFDocument({ size: [spec.width, spec.height], margin: 0 });
  const chunks: Buffer[] = [];
  pdf.on('data', (c) => chunks.push(c!));
  const ended = new Promise<void>((resolve) => pdf.on('end', () => resolve()));
  drawMarks(pdf, spec.marks, { x: 0, y: 0, scale: 1 }, (bold) => {
    pdf.font(FONTS[bold ? 1 : 0]);
    return pdf._font;
  });
  pdf.end();
  await ended;
  const file = join(dir, spec.id);
  writeFileSync(`${file}.pdf`, Buffer.concat(chunks));
  execFileSync('pdftoppm', ['-r', '72', '-gray', '-singlefile', `${file}.pdf`, file]);
  const pgm = readFileSync(`${file}.pgm`);
  const head = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40))!;
  expect([Number(head[1]), Number(head[2])]).toEqual([spec.width, spec.height]);
  return pgm.subarray(head[0].length);
}

/** The SVG rasterised by resvg with the bundled fonts, as grey levels. */
function svgPixels(spec: ChartSpec): Uint8Array {
  const image = new Resvg(spec.svg, { background: 'white', font: { fontFiles: FONTS, loadSystemFonts: false, defaultFontFamily: 'Liberation Serif' } }).render();
  const rgba = image.pixels;
  const grey = new Uint8Array(image.width * image.height);
  for (let i = 0; i < grey.length; i++) grey[i] = 0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2];
  return grey;
}

/**
 * Pixels where the two rasters disagree: a pixel counts as the same when the other raster has a grey
 * within 100 levels of it at most one pixel away (the two rasterisers place anti-aliased edges and
 * glyphs a fraction of a pixel apart).
 */
function differing(a: Uint8Array, b: Uint8Array, width: number, height: number): number {
  const near = (px: Uint8Array, x: number, y: number, v: number) => {
    for (let dy = -1; dy <= 1; dy++)
      for (let dx = -1; dx <= 1; dx++) {
        const [X, Y] = [x + dx, y + dy];
        if (X >= 0 && Y >= 0 && X < width && Y < height && Math.abs(px[Y * width + X] - v) <= 100) return true;
      }
    return false;
  };
  let count = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) if (!near(b, x, y, a[y * width + x]) || !near(a, x, y, b[y * width + x])) count++;
  return count;
}

describe('the PDF draws the charts as their SVG shows them', () => {
  const dir = tempDir('hcc-marks-');
  it.each(specs().map((s) => [s.id, s] as const))('%s: the same pixels within one, from PDFKit and from resvg', async (_id, spec) => {
    const pdf = await pdfPixels(spec, dir);
    const svg = svgPixels(spec);
    const dark = svg.filter((g) => g < 128).length;
    expect(dark).toBeGreaterThan(1000); // a chart was drawn, not two blank pages
    // Measured: 9, 1 and 0 pixels of 11.165, 16.624 and 21.521 dark ones; a text anchored at its
    // start instead of its end, or turned the other way, makes thousands.
    expect(differing(pdf, svg, spec.width, spec.height)).toBeLessThan(dark * 0.005);
  });
});

describe("pdfmake's renderer and hcc's chart nodes", () => {
  it('draws a node carrying marks from its marks, at the place and size pdfmake laid it out (not from its SVG text)', async () => {
    const { drawChartsFromMarks } = await import('../../src/render/pdf-charts.js');
    drawChartsFromMarks();
    const Renderer = (createRequire(import.meta.url)('pdfmake/js/Renderer.js') as { default: { prototype: { renderSVG(svg: unknown): void } } }).default;
    const pdf = new PDFDocument({ size: [200, 100], margin: 0 }) as PdfKitDocument & { provideFont(family: string, bold: boolean): unknown };
    const families: string[] = [];
    pdf.provideFont = (family, bold) => {
      families.push(family);
      pdf.font(FONTS[bold ? 1 : 0]);
      return pdf._font;
    };
    const chunks: Buffer[] = [];
    pdf.on('data', (c) => chunks.push(c!));
    const ended = new Promise<void>((resolve) => pdf.on('end', () => resolve()));
    const marks = [{ kind: 'text', x: 50, y: 20, lines: ['Sở Tư pháp 35.591'], lineHeight: 12, size: 10, anchor: 'middle', fill: '#1a1a1a', bold: false }];
    // Its SVG text is no SVG at all: only the marks can put the words on the page.
    Renderer.prototype.renderSVG.call({ pdfDocument: pdf }, { svg: 'không phải SVG', hccChart: { marks, width: 100, font: 'HccSerif' }, x: 20, y: 30, _width: 150 });
    pdf.end();
    await ended;
    const dir = tempDir('hcc-marks-node-');
    writeFileSync(join(dir, 'node.pdf'), Buffer.concat(chunks));
    const words = execFileSync('pdftotext', ['-bbox', join(dir, 'node.pdf'), '-'], { encoding: 'utf8' });
    expect(families).toEqual(['HccSerif']);
    expect(words).toContain('>35.591<');
    // Placed at x = 20 + 50 × 1,5 (its middle), scaled 1,5 times: 15-point type.
    const boxes = [...words.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"/g)].map((m) => m.slice(1).map(Number));
    const [left, right] = [Math.min(...boxes.map((b) => b[0])), Math.max(...boxes.map((b) => b[2]))];
    expect(Math.abs((left + right) / 2 - 95)).toBeLessThan(1);
    expect(boxes[0][3] - boxes[0][1]).toBeGreaterThan(14);
  });
});
