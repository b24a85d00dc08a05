// The "Biểu đồ" pages of the report PDF: each chart as vector SVG (pdfmake `svg:` node) under its
// caption, on A4 portrait after the annex. pdf.ts only appends what this returns.
import type { Content } from 'pdfmake/interfaces.js';
import { resolve } from 'node:path';
import type { DrawnChart } from '../charts/draw.js';
import type { FontFiles } from '../report/config.js';

/**
 * The family the SVG text is drawn with. pdfmake hands an SVG's font to PDFKit as a file name that
 * PDFKit opens itself (not through pdfmake's virtual files), so this family names the same font files
 * as the body text by their absolute paths (already checked by fontFiles()).
 */
export const CHART_FONT_FAMILY = 'HccChartSerif';

export function chartFonts(fonts: FontFiles): Record<string, FontFiles> {
  return { [CHART_FONT_FAMILY]: { normal: resolve(fonts.normal), bold: resolve(fonts.bold), italics: resolve(fonts.italics), bolditalics: resolve(fonts.bolditalics) } };
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
