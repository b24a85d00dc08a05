// The "Biểu đồ" pages of the report PDF: each chart as vector SVG (pdfmake `svg:` node) under its
// caption, on A4 portrait after the annex. pdf.ts only appends what this returns.
import type { Content } from 'pdfmake/interfaces.js';
import { resolve } from 'node:path';
import type { DrawnChart } from '../charts/draw.js';
import type { FontFiles } from '../report/config.js';

/**
 * The family the SVG text is drawn with. pdfmake hands an SVG's font to PDFKit as a name that PDFKit
 * opens itself (not through pdfmake's virtual files). The regular and bold faces, which the body has
 * always loaded by then, are named by their PostScript name: PDFKit finds them among the fonts it has
 * (a file path would be read and parsed again for every piece of text). The other faces, and a font
 * whose name cannot be read, are named by their absolute path (files fontFiles() has checked).
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

const mm = (v: number) => (v * 72) / 25.4;
/** Decree 30/2020 margins, as the body pages. */
const MARGINS: [number, number, number, number] = [mm(30), mm(20), mm(15), mm(20)];
const WIDTH = 595.28 - MARGINS[0] - MARGINS[2];
const HEIGHT = 841.89 - MARGINS[1] - MARGINS[3];

/**
 * The charts section; `font` is the PDF's registered font, used for the SVG text (the SVG names
 * Liberation Serif / Times first, which the PDF may not have). Null when there is no chart.
 */
export function chartsPdfSection(charts: DrawnChart[], font: string): Content | null {
  if (charts.length === 0) return null;
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
    content.push({ svg: chart.svg, width, alignment: 'center', font, margin: [0, 0, 0, 12] } as unknown as Content);
  });
  return { section: content, pageOrientation: 'portrait', pageMargins: MARGINS } as unknown as Content;
}
