// The Word report's page geometry (Decree 30/2020/NĐ-CP, Appendix I) and its named styles: the clerk
// restyles every heading or body paragraph at once in Word, instead of each paragraph's own formatting.
import { AlignmentType, Header, NoBreakHyphen, PageNumber, Paragraph, TextRun, type IParagraphOptions, type IStylesOptions } from 'docx';
import type { Segment } from '../report/figures.js';

/** Twips (1/20 pt) in a millimetre: Word measures pages and indents in twips. */
export const mm = (v: number) => Math.round((v * 1440) / 25.4);
/** Word sizes runs in half-points. */
export const pt = (v: number) => Math.round(v * 2);

export const FONT = 'Times New Roman';
export const A4 = { width: 11906, height: 16838 };
/** Decree 30/2020: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm (portrait, as the PDF). */
export const PORTRAIT_MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) };
/** The annex on landscape pages, with the PDF's margins. */
export const LANDSCAPE_MARGIN = { top: mm(20), bottom: mm(15), left: mm(20), right: mm(15), header: mm(10), footer: mm(10) };
export const PORTRAIT_WIDTH = A4.width - PORTRAIT_MARGIN.left - PORTRAIT_MARGIN.right;
export const LANDSCAPE_WIDTH = A4.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right;

export const BODY_SIZE = 14;
export const TABLE_SIZE = 12;
/** 1.27 cm. */
export const FIRST_LINE_INDENT = 720;

/** Style ids (what the XML refers to) and the names the clerk sees in Word's style list. */
export const STYLE = {
  body: 'NoiDungBaoCao',
  heading: 'TieuDeMuc',
  subheading: 'TieuDeMucNho',
  table: 'NoiDungBang',
} as const;

export const STYLES: IStylesOptions = {
  default: {
    document: { run: { font: FONT, size: pt(BODY_SIZE), language: { value: 'vi-VN' } }, paragraph: { spacing: { before: 0, after: 0 } } },
  },
  paragraphStyles: [
    {
      id: STYLE.body,
      name: 'Nội dung báo cáo',
      basedOn: 'Normal',
      next: STYLE.body,
      quickFormat: true,
      run: { font: FONT, size: pt(BODY_SIZE) },
      paragraph: { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: FIRST_LINE_INDENT }, spacing: { after: 120, line: 264, lineRule: 'auto' } },
    },
    {
      id: STYLE.heading,
      name: 'Tiêu đề mục',
      basedOn: STYLE.body,
      next: STYLE.body,
      quickFormat: true,
      run: { bold: true },
      paragraph: { alignment: AlignmentType.LEFT, outlineLevel: 0, keepNext: true, keepLines: true, spacing: { before: 80, after: 120 } },
    },
    {
      id: STYLE.subheading,
      name: 'Tiêu đề mục nhỏ',
      basedOn: STYLE.body,
      next: STYLE.body,
      quickFormat: true,
      run: { bold: true },
      paragraph: { alignment: AlignmentType.LEFT, outlineLevel: 1, keepNext: true, keepLines: true, spacing: { after: 120 } },
    },
    {
      id: STYLE.table,
      name: 'Nội dung bảng',
      basedOn: 'Normal',
      next: STYLE.table,
      quickFormat: true,
      run: { font: FONT, size: pt(TABLE_SIZE) },
      paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: 'auto' } },
    },
  ],
};

export interface RunOptions {
  size?: number;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
}

/** One centred paragraph of one run; `extra` adds paragraph options (spacing, keepNext). */
export const centred = (text: string, o: RunOptions, extra: IParagraphOptions = {}) => new Paragraph({ alignment: AlignmentType.CENTER, ...extra, children: [run(text, o)] });

/**
 * A title, bold and centred, one line per phrase (wording.ts balanceTitle broke it), the lines joined
 * by line breaks in one paragraph, inset `inset` on each side; Word wraps a line only if it still overflows.
 */
export function titleParagraph(lines: string[], size: number, inset: number, extra: IParagraphOptions = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { left: inset, right: inset },
    ...extra,
    children: lines.map((l, i) => new TextRun({ text: l, bold: true, size: pt(size), ...(i > 0 ? { break: 1 } : {}) })),
  });
}

/**
 * One run of text. A document symbol ("61/2018/NĐ-CP", `nowrap`) never splits: its hyphens are
 * non-breaking (w:noBreakHyphen) and a word joiner (U+2060) follows each "/" (Word may break after a slash).
 */
export function run(text: string, o: RunOptions = {}, nowrap = false): TextRun {
  const format = {
    ...(o.size ? { size: pt(o.size) } : {}),
    ...(o.bold ? { bold: true } : {}),
    ...(o.italics ? { italics: true } : {}),
    ...(o.underline ? { underline: {} } : {}),
  };
  if (!nowrap) return new TextRun({ text, ...format });
  const children: (string | NoBreakHyphen)[] = [];
  text
    .replace(/\//g, '/\u2060')
    .split('-')
    .forEach((part, i) => {
      if (i > 0) children.push(new NoBreakHyphen());
      if (part) children.push(part);
    });
  return new TextRun({ children, ...format });
}

/** The runs of a model paragraph (bold/italic marks from the template, symbols kept whole). */
export function segmentRuns(segments: Segment[], o: RunOptions = {}): TextRun[] {
  return segments.map((s) => run(s.text, { ...o, bold: o.bold || s.bold, italics: o.italics || s.italics }, s.nowrap === true));
}

/** Page numbers centred at the top (the section's first page has an empty header of its own). */
export function pageHeaders(): { default: Header; first: Header } {
  return {
    default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: pt(13) })] })] }),
    first: new Header({ children: [new Paragraph({})] }),
  };
}
