// The "Biểu đồ" pages of the report PDF: each chart as vector graphics under its caption, on A4
// portrait after the annex. pdf.ts only appends what this returns.
import type { Content } from 'pdfmake/interfaces.js';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import type { DrawnChart } from '../charts/draw.js';
import type { Mark } from '../charts/marks.js';
import type { FontFiles } from '../report/config.js';
import { drawMarks, type PdfCanvas } from './pdf-chart-marks.js';

/**
 * The family the SVG text is drawn with, should svg-to-pdfkit draw a chart (see drawChartsFromMarks).
 * pdfmake hands an SVG's font to PDFKit as a name that PDFKit opens itself (not through pdfmake's
 * virtual files). The regular and bold faces, which the body has always loaded by then, are named by
 * their PostScript name: PDFKit finds them among the fonts it has (a file path would be read and
 * parsed again for every piece of text). The other faces, and a font whose name cannot be read, are
 * named by their absolute path (files fontFiles() has checked).
 */
export const CHART_FONT_FAMILY = 'HccChartSerif';

export function chartFonts(files: FontFiles, bytes: Record<keyof FontFiles, Buffer>): Record<string, FontFiles> {
  const byName = (key: 'normal' | 'bold') => postScriptName(bytes[key]) ?? resolve(files[key]);
  return { [CHART_FONT_FAMILY]: { normal: byName('normal'), bold: byName('bold'), italics: resolve(files.italics), bolditalics: resolve(files.bolditalics) } };
}

/** The PostScript name (name ID 6) of a TrueType/OpenType font, or null. */
export function postScriptName(font: Buffer): string | null {
  try {
    const tables = font.readUInt16BE(4);
    for (let t = 0; t < tables; t++) {
      const at = 12 + 16 * t;
      if (font.toString('latin1', at, at + 4) !== 'name') continue;
      const table = font.readUInt32BE(at + 8);
      const count = font.readUInt16BE(table + 2);
      const strings = table + font.readUInt16BE(table + 4);
      for (let r = 0; r < count; r++) {
        const rec = table + 6 + 12 * r;
        const [platform, , , nameId, length, offset] = [0, 2, 4, 6, 8, 10].map((o) => font.readUInt16BE(rec + o));
        if (nameId !== 6 || (platform !== 3 && platform !== 1)) continue;
        const raw = font.subarray(strings + offset, strings + offset + length);
        const name = platform === 3 ? Buffer.from(raw).swap16().toString('utf16le') : raw.toString('latin1');
        return /^[\x21-\x7e]+$/.test(name) ? name : null;
      }
    }
  } catch {
    // A font hcc cannot read here still works by its path.
  }
  return null;
}

/** The root tag as svgDocument writes it (charts/svg.ts): its size in points, then the view box. */
const ROOT = /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"(?= viewBox="[^"]*")/;
let measuring = false;

/**
 * pdfmake sizes an SVG by parsing it with xmldoc twice (once to read its size, once to write the
 * size it is drawn at, serialising the whole document again) before svg-to-pdfkit parses it once
 * more to draw it: 30-40 ms of the charts' page went into those two parses. For hcc's own chart
 * documents the size is in the root tag that svgDocument wrote, so it is read and rewritten there;
 * any other SVG goes through pdfmake's own code. pdfmake has no option for it: its SVGMeasure
 * (pdfmake 0.3, js/SVGMeasure.js) is wrapped once, and left alone if it ever looks different.
 */
export function measureChartsFromRootTag(): void {
  if (measuring) return;
  measuring = true;
  try {
    type Measure = { measureSVG(svg: unknown): { width?: number; height?: number }; writeDimensions(svg: unknown, size: { width: number; height: number }): unknown };
    const SVGMeasure = (createRequire(import.meta.url)('pdfmake/js/SVGMeasure.js') as { default?: { prototype: Measure } }).default;
    const proto = SVGMeasure?.prototype;
    if (!proto || typeof proto.measureSVG !== 'function' || typeof proto.writeDimensions !== 'function') return;
    const { measureSVG, writeDimensions } = proto;
    proto.measureSVG = function (this: Measure, svg) {
      const root = typeof svg === 'string' ? ROOT.exec(svg) : null;
      return root ? { width: Number(root[1]), height: Number(root[2]) } : measureSVG.call(this, svg);
    };
    proto.writeDimensions = function (this: Measure, svg, size) {
      const root = typeof svg === 'string' ? ROOT.exec(svg) : null;
      if (!root) return writeDimensions.call(this, svg, size);
      return (svg as string).replace(ROOT, (tag: string) => tag.replace(/ width="[^"]*" height="[^"]*"/, ` width="${size.width}" height="${size.height}"`));
    };
  } catch {
    // Another pdfmake layout: its own measuring is used.
  }
}

/** What an hcc chart's pdfmake `svg` node carries besides its SVG: its marks, its width in points and the text's font. */
interface ChartNode {
  hccChart?: { marks: Mark[]; width: number; font: string };
  x: number;
  y: number;
  _width: number;
}
let drawing = false;

/**
 * pdfmake draws an `svg` node by handing its text to svg-to-pdfkit, which parses it and draws it piece
 * by piece: 70-100 ms for the three charts. hcc's charts carry their marks on the node too, and these
 * are drawn with PDFKit's own calls at the place and size pdfmake laid the node out (render/
 * pdf-chart-marks.ts). pdfmake has no option for it: its Renderer's renderSVG (pdfmake 0.3,
 * js/Renderer.js) is wrapped once, and left alone if it ever looks different (svg-to-pdfkit then
 * draws the SVG, with the fonts of chartFonts).
 */
export function drawChartsFromMarks(): void {
  if (drawing) return;
  drawing = true;
  try {
    type Renderer = { pdfDocument: PdfCanvas & { provideFont(family: string, bold: boolean, italics: boolean): unknown }; renderSVG(svg: unknown): void };
    const Renderer = (createRequire(import.meta.url)('pdfmake/js/Renderer.js') as { default?: { prototype: Renderer } }).default;
    const proto = Renderer?.prototype;
    if (!proto || typeof proto.renderSVG !== 'function') return;
    const { renderSVG } = proto;
    proto.renderSVG = function (this: Renderer, svg) {
      const node = svg as ChartNode;
      const chart = node.hccChart;
      if (!chart || !this.pdfDocument || typeof this.pdfDocument.provideFont !== 'function') return renderSVG.call(this, svg);
      const doc = this.pdfDocument;
      drawMarks(doc, chart.marks, { x: node.x, y: node.y, scale: node._width / chart.width }, (bold) => doc.provideFont(chart.font, bold, false));
    };
  } catch {
    // Another pdfmake layout: svg-to-pdfkit draws the SVG.
  }
}

const mm = (v: number) => (v * 72) / 25.4;
/** Decree 30/2020 margins, as the body pages. */
const MARGINS: [number, number, number, number] = [mm(30), mm(20), mm(15), mm(20)];
const WIDTH = 595.28 - MARGINS[0] - MARGINS[2];
const HEIGHT = 841.89 - MARGINS[1] - MARGINS[3];

/**
 * The charts section; `font` is the PDF's registered font, which the charts' text is set in (the SVG
 * names Liberation Serif / Times first, which the PDF may not have). Null when there is no chart.
 */
export function chartsPdfSection(charts: DrawnChart[], font: string): Content | null {
  if (charts.length === 0) return null;
  measureChartsFromRootTag();
  drawChartsFromMarks();
  const content: Content[] = [{ text: 'BIỂU ĐỒ', bold: true, fontSize: 14, alignment: 'center', margin: [0, 0, 0, 10] }];
  let used = 30;
  charts.forEach((chart) => {
    const scale = Math.min(1, WIDTH / chart.width);
    // A chart taller than what is left of the page starts a new page (never split, never squeezed).
    const height = Math.min(chart.height * scale, HEIGHT - 60);
    const width = (chart.width * height) / chart.height;
    const needed = height + 40;
    const breakBefore = used + needed > HEIGHT;
    used = (breakBefore ? 0 : used) + needed;
    content.push({ text: chart.title, bold: true, fontSize: 12, margin: [0, 6, 0, 6], pageBreak: breakBefore ? 'before' : undefined } as Content);
    const hccChart: ChartNode['hccChart'] = { marks: chart.marks, width: chart.width, font };
    // The node's own font is what svg-to-pdfkit would draw the SVG's text with (chartFonts).
    content.push({ svg: chart.svg, hccChart, width, alignment: 'center', font: CHART_FONT_FAMILY, margin: [0, 0, 0, 12] } as unknown as Content);
  });
  return { section: content, pageOrientation: 'portrait', pageMargins: MARGINS } as unknown as Content;
}
