// A chart's marks drawn straight into the PDF with PDFKit's vector calls: the same drawing as its SVG
// (svg.ts writes the same marks), without svg-to-pdfkit parsing that SVG again, which took 70-100 ms
// of the report's charts. Text is set in the PDF's own font, as the rest of the document.
import type { Mark } from '../charts/marks.js';

/** The few PDFKit calls used here (pdfmake's document is a PDFKit document). */
export interface PdfCanvas {
  save(): this;
  restore(): this;
  translate(x: number, y: number): this;
  scale(factor: number): this;
  rotate(angle: number, options?: { origin?: [number, number] }): this;
  rect(x: number, y: number, w: number, h: number): this;
  circle(x: number, y: number, r: number): this;
  moveTo(x: number, y: number): this;
  lineTo(x: number, y: number): this;
  fill(color: string): this;
  stroke(): this;
  fillColor(color: string): this;
  strokeColor(color: string): this;
  lineWidth(width: number): this;
  dash(pattern: number[], options?: { phase?: number }): this;
  undash(): this;
  fontSize(size: number): this;
  widthOfString(text: string): number;
  text(text: string, x: number, y: number, options: { lineBreak: false; baseline: 'alphabetic' }): this;
  _font: unknown;
}

/**
 * Draws `marks` (laid out in points from the chart's top left corner) at (x, y), `scale` times their
 * size. `font(bold)` is the PDF font to set text in.
 */
export function drawMarks(doc: PdfCanvas, marks: Mark[], at: { x: number; y: number; scale: number }, font: (bold: boolean) => unknown): void {
  doc.save();
  doc.translate(at.x, at.y).scale(at.scale);
  for (const m of marks) {
    switch (m.kind) {
      case 'bar':
      case 'rect':
        doc.rect(m.x, m.y, m.w, m.h).fill(m.fill);
        break;
      case 'line':
      case 'segments':
      case 'polyline': {
        const paths = m.kind === 'line' ? [m.segment] : m.kind === 'segments' ? m.segments : [m.points.flat()];
        for (const p of paths) {
          doc.moveTo(p[0], p[1]);
          for (let i = 2; i < p.length; i += 2) doc.lineTo(p[i], p[i + 1]);
        }
        const dash = m.kind === 'segments' ? undefined : m.dash;
        doc.lineWidth(m.kind === 'polyline' ? m.width : 1).strokeColor(m.stroke);
        if (dash) doc.dash(dash.split(/[\s,]+/).map(Number));
        doc.stroke();
        if (dash) doc.undash();
        break;
      }
      case 'circle':
        doc.circle(m.cx, m.cy, m.r).fill(m.fill);
        break;
      case 'text': {
        doc._font = font(m.bold);
        doc.fontSize(m.size).fillColor(m.fill);
        if (m.rotate) doc.save().rotate(m.rotate.angle, { origin: m.rotate.origin });
        m.lines.forEach((l, i) => {
          const width = m.anchor === 'start' ? 0 : doc.widthOfString(l);
          const x = m.x - (m.anchor === 'end' ? width : m.anchor === 'middle' ? width / 2 : 0);
          doc.text(l, x, m.y + i * m.lineHeight, { lineBreak: false, baseline: 'alphabetic' });
        });
        if (m.rotate) doc.restore();
        break;
      }
    }
  }
  doc.restore();
}
