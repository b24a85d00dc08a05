// The charts read back: bar lengths in the SVG against the figures of the same table, Vietnamese
// labels and number style, explicit orders, the same bytes twice, and the PNG drawn with the bundled font.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chartData, monthPeriods } from '../../src/charts/data.js';
import { chartPngs, drawCharts, PNG_SCALE, type DrawnChart } from '../../src/charts/draw.js';
import { chartSpecs } from '../../src/charts/specs.js';
import { periodPhrase } from '../../src/core/compare.js';
import { formatCount, formatPercent } from '../../src/core/format-vi.js';
import type { MonthCount } from '../../src/core/types.js';
import { defaultReportConfig } from '../../src/report/config.js';
import { buildReport } from '../../src/report/document.js';
import { loadTemplate, type ReportTemplate } from '../../src/report/template.js';
import { haNamTable } from '../helpers/report.js';
import { ROOT } from '../helpers/run-hcc.js';

const FONTS = [`${ROOT}/report-templates/fonts/LiberationSerif-Regular.ttf`, `${ROOT}/report-templates/fonts/LiberationSerif-Bold.ttf`];

interface Bar {
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The bars of a chart SVG: `<path aria-label=… aria-roledescription="bar" d="Mx,yhWvHh-WZ">`. */
function bars(svg: string): Bar[] {
  const out: Bar[] = [];
  for (const m of svg.matchAll(/<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="bar" d="M([-\d.e]+),([-\d.e]+)h([-\d.e]+)v([-\d.e]+)h/g)) {
    out.push({ label: m[1], x: Number(m[2]), y: Number(m[3]), width: Number(m[4]), height: Number(m[5]) });
  }
  return out;
}

function texts(svg: string): string[] {
  return [...svg.matchAll(/<(?:text|tspan)[^>]*>([^<]+)</g)].map((m) => m[1]);
}

/** A month's figures as countTables returns them. */
function monthCount(from: string, fresh: number, resolved: number): MonthCount {
  return { month: from.slice(0, 7), new: fresh, resolved };
}

const template = loadTemplate(`${ROOT}/report-templates/bc-vpub.json`) as ReportTemplate;
const doc = buildReport(haNamTable(), template, defaultReportConfig());
const months = monthPeriods({ from: '2019-01-01', to: '2019-06-30' }).map((p, i) => monthCount(p.from, [1204, 987, 2310, 1500, 35591, 0][i], [1100, 1000, 2000, 1499, 30000, 12][i]));
const data = chartData(doc.annex, months);

describe('monthPeriods', () => {
  it('cuts the period into its calendar months, the first and last cut to the period', () => {
    const ps = monthPeriods({ from: '2017-07-03', to: '2019-06-30' });
    expect(ps).toHaveLength(24);
    expect(ps[0]).toEqual({ from: '2017-07-03', to: '2017-07-31', label: '2017-07' });
    expect(ps[7]).toEqual({ from: '2018-02-01', to: '2018-02-28', label: '2018-02' });
    expect(ps.at(-1)).toEqual({ from: '2019-06-01', to: '2019-06-30', label: '2019-06' });
    expect(monthPeriods({ from: '2019-06-01', to: '2019-06-30' })).toEqual([]);
    expect(monthPeriods({ from: '2010-01-01', to: '2019-12-31' })).toEqual([]); // too many months to draw
  });
});

describe('charts drawn from the report table', async () => {
  const drawn = await drawCharts(chartSpecs(data));
  const byId = (id: DrawnChart['id']) => drawn.find((c) => c.id === id)!;

  it('draws the three charts in order, with Vietnamese titles', () => {
    expect(drawn.map((c) => c.id)).toEqual(['agencies', 'outcome', 'months']);
    expect(drawn[0].title).toContain('Số hồ sơ tiếp nhận và đã giải quyết theo cơ quan');
  });

  it('per agency: each bar as long as its figure, in the official order, received above resolved', () => {
    const chart = byId('agencies');
    const found = bars(chart.svg);
    const rows = doc.annex.rows;
    expect(found).toHaveLength(rows.length * 2);
    const max = Math.max(...rows.map((r) => r.counts?.received.total ?? 0));
    const scale = Math.max(...found.map((b) => b.width)) / max; // the longest bar is the largest figure
    rows.forEach((r, i) => {
      const [received, resolved] = [found[2 * i], found[2 * i + 1]];
      expect(received.label).toBe(formatCount(r.counts?.received.total ?? 0));
      expect(resolved.label).toBe(formatCount(r.counts?.resolved.total ?? 0));
      expect(received.width).toBeCloseTo((r.counts?.received.total ?? 0) * scale, 1);
      expect(resolved.width).toBeCloseTo((r.counts?.resolved.total ?? 0) * scale, 1);
      expect(resolved.y).toBeGreaterThan(received.y);
      if (i > 0) expect(received.y).toBeGreaterThan(found[2 * i - 1].y);
    });
    const words = texts(chart.svg).join(' ');
    expect(words).toContain('Sở Giao thông vận tải');
    expect(words).toContain('Tiếp nhận');
    expect(words).toContain('Đã giải quyết');
    expect(words).toMatch(/\b\d{1,3}\.\d{3}\b/); // 12.906, 10.000: thousands with "."
    expect(words).not.toMatch(/\b\d{1,3},\d{3}\b/);
  });

  it('by volume: the agencies sorted by dossiers received, ties in the official order', () => {
    const sorted = chartData(doc.annex, [], 'volume').agencies.map((a) => a.received);
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    expect(sorted[0]).toBe(Math.max(...doc.annex.rows.map((r) => r.counts?.received.total ?? 0)));
  });

  it('outcome: each part as wide as its share of its bar, with counts and shares written 98,3%', () => {
    const chart = byId('outcome');
    const found = bars(chart.svg);
    const { resolved, pending } = doc.annex.total;
    expect(found.map((b) => b.label)).toEqual([
      `Giải quyết trước hạn: ${formatCount(resolved.early)} (${formatPercent((100 * resolved.early) / resolved.total)})`,
      `Giải quyết đúng hạn: ${formatCount(resolved.onTime)} (${formatPercent((100 * resolved.onTime) / resolved.total)})`,
      `Giải quyết quá hạn: ${formatCount(resolved.late)} (${formatPercent((100 * resolved.late) / resolved.total)})`,
      `Đang giải quyết trong hạn: ${formatCount(pending.notDue)} (${formatPercent((100 * pending.notDue) / pending.total)})`,
      `Đang giải quyết quá hạn: ${formatCount(pending.overdue)} (${formatPercent((100 * pending.overdue) / pending.total)})`,
    ]);
    const full = found[0].width + found[1].width + found[2].width;
    expect(found[0].width / full).toBeCloseTo(resolved.early / resolved.total, 2);
    expect(found[2].width / full).toBeCloseTo(resolved.late / resolved.total, 2);
    expect(found[4].width / (found[3].width + found[4].width)).toBeCloseTo(pending.overdue / pending.total, 2);
    expect(found[1].x).toBeCloseTo(found[0].x + found[0].width, 3); // stacked in the order early, on time, late
    expect(texts(chart.svg).join(' ')).toContain('Đang giải quyết');
  });

  it('per month: column heights follow the month tables, months in calendar order', () => {
    const chart = byId('months');
    const found = bars(chart.svg);
    expect(found).toHaveLength(12);
    const scale = found[8].height / 35591; // May: the largest figure
    data.months.forEach((m, i) => {
      expect(found[2 * i].label).toBe(formatCount(m.new));
      expect(found[2 * i].height).toBeCloseTo(m.new * scale, 1);
      expect(found[2 * i + 1].height).toBeCloseTo(m.resolved * scale, 1);
      if (i > 0) expect(found[2 * i].x).toBeGreaterThan(found[2 * i - 1].x);
    });
    expect(texts(chart.svg)).toEqual(expect.arrayContaining(['01/2019', '06/2019', '35.000']));
  });

  it('per month with --compare: dashed lines at the comparison figures, each legend entry dashed as its line, the period named', () => {
    const period = { from: '2018-01-01', to: '2018-06-30' };
    const compare = months.map((m, i) => ({ month: `2018-${m.month.slice(5)}`, new: 1000 * (i + 1), resolved: 900 * (i + 1) }));
    const d = chartData(doc.annex, months, 'official', { months: compare, period });
    expect(d.compareName).toBe(periodPhrase(period));
    const chart = chartSpecs(d).find((c) => c.id === 'months')!;
    const found = bars(chart.svg);
    const base = found[0].y + found[0].height;
    const scale = found[8].height / 35591;
    const lines = [...chart.svg.matchAll(/<polyline points="([^"]+)"[^>]*stroke-dasharray="([^"]+)"/g)];
    expect(lines.map((l) => l[2])).toEqual(['4 2', '1.5 2']);
    lines.forEach(([, points], k) => {
      const ys = points.split(' ').map((p) => Number(p.split(',')[1]));
      expect(ys).toHaveLength(6);
      ys.forEach((y, i) => expect(base - y).toBeCloseTo((k === 0 ? compare[i].new : compare[i].resolved) * scale, 1));
    });
    // The legend: its two dashed samples in the same patterns, in the order of the entries.
    const samples = [...chart.svg.matchAll(/<line [^>]*stroke-dasharray="([^"]+)"/g)].map((m) => m[1]);
    expect(samples).toEqual(['4 2', '1.5 2']);
    const words = texts(chart.svg);
    expect(words.indexOf('Tiếp nhận mới (kỳ so sánh)')).toBeLessThan(words.indexOf('Đã giải quyết (kỳ so sánh)'));
    expect(words.join(' ')).toContain(`kỳ so sánh (${d.compareName})`);
    expect(texts(byId('months').svg).join(' ')).not.toContain('kỳ so sánh');
  });

  it('gives the same bytes for the same data, SVG and PNG', async () => {
    const again = await drawCharts(chartSpecs(chartData(doc.annex, months)));
    expect(again.map((c) => c.svg)).toEqual(drawn.map((c) => c.svg));
    const [[a], [b]] = [await chartPngs([drawn[1]], FONTS), await chartPngs([again[1]], FONTS)];
    expect(a.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(a.equals(b)).toBe(true);
    expect(PNG_SCALE).toBeGreaterThanOrEqual(1.5); // sharper than the workbook shows it
    expect(a.readUInt32BE(16)).toBe(Math.round(drawn[1].width * PNG_SCALE)); // drawn at PNG_SCALE times its size
  });

  it('writes each chart as a palette PNG with exactly the pixels resvg draws of it alone, a third of its RGBA PNG', async () => {
    const { Resvg } = await import('@resvg/resvg-js');
    // Drawn together in one pass (as hcc report does), then cut apart.
    const pngs = await chartPngs(drawn, FONTS);
    expect(pngs).toHaveLength(drawn.length);
    for (const [i, chart] of drawn.entries()) {
      const png = pngs[i];
      const image = new Resvg(chart.svg, {
        fitTo: { mode: 'zoom', value: PNG_SCALE },
        background: 'white',
        font: { fontFiles: FONTS, loadSystemFonts: false, defaultFontFamily: 'Liberation Serif', serifFamily: 'Liberation Serif' },
      }).render();
      const decoded = decodePalettePng(png);
      expect(decoded.colourType).toBe(3);
      expect([decoded.width, decoded.height]).toEqual([image.width, image.height]);
      expect(decoded.rgb.equals(rgbOf(image.pixels)), chart.id).toBe(true);
      expect(png.length).toBeLessThan(image.asPng().length / 2);
    }
  });

  it('writes an RGBA PNG of the same pixels when an image has more than 256 colours, or one not opaque', async () => {
    const { indexPixels, pixelWords, rgbaPng } = await import('../../src/charts/png.js');
    const whole = (w: number, h: number) => ({ width: w, height: h, stride: w, offset: 0 });
    const width = 300;
    const rgba = new Uint8Array(width * 2 * 4);
    for (let x = 0; x < width * 2; x++) rgba.set([x % 256, x >> 8, 7, 255], 4 * x);
    expect(indexPixels(pixelWords(rgba), whole(width, 2))).toBeNull();
    expect(indexPixels(pixelWords(rgba), whole(256, 1))?.palette).toHaveLength(256);
    // The second row's last 100 pixels, as a region of the raster.
    const region = { width: 100, height: 1, stride: width, offset: width + 200 };
    const png = await rgbaPng(rgba, region);
    expect(png.readUInt32BE(16)).toBe(100);
    expect(png[25]).toBe(6); // colour type RGBA
    const idat = png.subarray(png.indexOf('IDAT') + 4, png.indexOf('IEND') - 8);
    const scanline = zlib.inflateSync(idat);
    expect(scanline[0]).toBe(0);
    expect(Buffer.from(scanline.subarray(1)).equals(Buffer.from(rgba.subarray(4 * (width + 200), 4 * 2 * width)))).toBe(true);
    const translucent = Uint8Array.from(rgba.subarray(0, 4));
    translucent[3] = 128;
    expect(indexPixels(pixelWords(translucent), whole(1, 1))).toBeNull();
  });
});

/** The RGB bytes of RGBA pixels (the charts are drawn on white: every pixel is opaque). */
function rgbOf(rgba: Uint8Array): Buffer {
  const out = Buffer.alloc((rgba.length / 4) * 3);
  let notOpaque = 0; // counted, then asserted once: an expect() per pixel made this test take seconds
  for (let i = 0, o = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] !== 255) notOpaque++;
    out[o++] = rgba[i];
    out[o++] = rgba[i + 1];
    out[o++] = rgba[i + 2];
  }
  expect(notOpaque).toBe(0);
  return out;
}

/** A palette PNG with unfiltered scanlines (what chartPngs writes) read back to RGB, chunk CRCs checked. */
function decodePalettePng(png: Buffer): { width: number; height: number; colourType: number; rgb: Buffer } {
  const chunks = new Map<string, Buffer[]>();
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    expect(png.readUInt32BE(at + 8 + length)).toBe(zlib.crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.set(type, [...(chunks.get(type) ?? []), png.subarray(at + 8, at + 8 + length)]);
    at += 12 + length;
  }
  const header = chunks.get('IHDR')![0];
  const [width, height, colourType] = [header.readUInt32BE(0), header.readUInt32BE(4), header[9]];
  const palette = chunks.get('PLTE')![0];
  const scanlines = zlib.inflateSync(Buffer.concat(chunks.get('IDAT')!));
  expect(scanlines.length).toBe((width + 1) * height);
  const rgb = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    expect(scanlines[y * (width + 1)]).toBe(0);
    for (let x = 0; x < width; x++) palette.copy(rgb, 3 * (y * width + x), 3 * scanlines[y * (width + 1) + 1 + x], 3 * scanlines[y * (width + 1) + 1 + x] + 3);
  }
  return { width, height, colourType, rgb };
}

describe('many agencies', () => {
  it('shows the 30 with most dossiers, by volume, and says so in the title', () => {
    const table = haNamTable();
    const rows = Array.from({ length: 45 }, (_, i) => ({ ...table.rows[0], stt: i + 1, key: `Cơ quan ${i + 1}`, counts: { ...table.rows[0].counts, received: { ...table.rows[0].counts.received, total: (i * 7) % 45 } } }));
    const many = buildReport({ ...table, rows }, template, defaultReportConfig());
    const d = chartData(many.annex);
    expect(d.agencies).toHaveLength(30);
    expect(d.agenciesOf).toBe(45);
    expect(d.agencies.map((a) => a.received)).toEqual([...rows.map((r) => r.counts.received.total)].sort((a, b) => b - a).slice(0, 30));
    expect(chartSpecs(d)[0].title).toContain('30 trong số 45 cơ quan');
  });
});

describe('the PDF sizes hcc\'s chart SVG from its root tag', () => {
  it('reads and rewrites the size in the root tag only, the text as written (no pretty-printed spaces in wrapped names)', async () => {
    const { measureChartsFromRootTag } = await import('../../src/render/pdf-charts.js');
    const { createRequire } = await import('node:module');
    measureChartsFromRootTag();
    const SVGMeasure = (createRequire(import.meta.url)('pdfmake/js/SVGMeasure.js') as { default: new () => { measureSVG(svg: string): object; writeDimensions(svg: string, size: object): string } }).default;
    const measure = new SVGMeasure();
    const [chart] = await drawCharts(chartSpecs(data));
    expect(chart.svg).toContain('<tspan'); // a wrapped agency name
    expect(measure.measureSVG(chart.svg)).toEqual({ width: chart.width, height: chart.height });
    const sized = measure.writeDimensions(chart.svg, { width: 453.5, height: 443.25 });
    expect(sized.slice(0, 200)).toContain(`width="453.5" height="443.25" viewBox="0 0 ${chart.width} ${chart.height}"`);
    expect(sized.replace(/^<svg [^>]*>/, '')).toBe(chart.svg.replace(/^<svg [^>]*>/, ''));
    // Any other SVG still goes through pdfmake's parser, which adds the missing view box.
    const other = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5"><rect width="4" height="4"/></svg>';
    expect(measure.measureSVG(other)).toEqual({ width: 10, height: 5 });
    expect(measure.writeDimensions(other, { width: 20, height: 10 })).toContain('viewBox="0 0 10 5"');
  });
});

describe('the PDF names the chart fonts PDFKit already has', () => {
  it('reads the PostScript names of the bundled fonts, and null for bytes that are no font', async () => {
    const { readFileSync } = await import('node:fs');
    const { postScriptName } = await import('../../src/render/pdf-charts.js');
    expect(postScriptName(readFileSync(FONTS[0]))).toBe('LiberationSerif');
    expect(postScriptName(readFileSync(FONTS[1]))).toBe('LiberationSerif-Bold');
    expect(postScriptName(Buffer.from('not a font at all'))).toBeNull();
  });
});
