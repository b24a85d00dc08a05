// The "BIỂU ĐỒ" section of the Word report: each chart as a PNG picture under its caption (an editable
// paragraph), on A4 portrait after the annex, as the PDF has them. docx.ts only appends what this returns.
import { AlignmentType, ImageRun, Paragraph, TextRun, type ISectionOptions } from 'docx';
import { A4, pageHeaders, PORTRAIT_MARGIN, PORTRAIT_WIDTH, pt } from './docx-styles.js';

/** A drawn chart as the Word report needs it: its caption, its size in points and its PNG. */
export interface DocxChart {
  title: string;
  width: number;
  height: number;
  png: Buffer;
}

/** Word sizes pictures in pixels of 1/96 inch; the charts are laid out in points (1/72 inch). */
const PX_PER_PT = 96 / 72;
/** The text width in points (twips / 20), and the height a chart may take so that two fit on a page. */
const WIDTH_PT = PORTRAIT_WIDTH / 20;
const MAX_HEIGHT_PT = (A4.height - PORTRAIT_MARGIN.top - PORTRAIT_MARGIN.bottom) / 20 - 80;

export function chartsSection(charts: DocxChart[]): ISectionOptions | null {
  if (charts.length === 0) return null;
  const children: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200 }, keepNext: true, children: [new TextRun({ text: 'BIỂU ĐỒ', bold: true, size: pt(14) })] }),
  ];
  for (const chart of charts) {
    const scale = Math.min(1, WIDTH_PT / chart.width, MAX_HEIGHT_PT / chart.height);
    children.push(
      new Paragraph({ spacing: { before: 120, after: 120 }, keepNext: true, children: [new TextRun({ text: chart.title, bold: true, size: pt(12) })] }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 240 },
        children: [
          new ImageRun({
            type: 'png',
            data: chart.png,
            transformation: { width: Math.floor(chart.width * scale * PX_PER_PT), height: Math.floor(chart.height * scale * PX_PER_PT) },
            altText: { name: chart.title, title: chart.title, description: chart.title },
          }),
        ],
      }),
    );
  }
  return {
    properties: { page: { size: { width: A4.width, height: A4.height, orientation: 'portrait' }, margin: PORTRAIT_MARGIN } },
    headers: pageHeaders(),
    children,
  };
}
