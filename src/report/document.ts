// Assembles the report from one agency table (and, for the official form, one field table): the
// header block, the filled prose, the annex rows. The PDF and the workbook only draw this model.
import { excludedNote } from '../core/format-vi.js';
import type { Counts, PeriodTable } from '../core/types.js';
import { UserError } from '../errors.js';
import { layoutColumns, type TableLayout } from './columns.js';
import type { ReportConfig } from './config.js';
import { reportFigures, tableFigures, type Figures, type Segment } from './figures.js';
import { checkPlaceholders, fillRich, fillText, type FormTemplate, type ReportTemplate, type TableTemplate } from './template.js';

export interface Block {
  kind: 'heading' | 'subheading' | 'paragraph';
  segments: Segment[];
  /** Kept on the same page as the next block (closing paragraph → recipients and signature). */
  keepWithNext?: boolean;
}

export interface TableRowModel {
  stt: number;
  name: string;
  /** Null for a row without any dossier: printed blank. */
  counts: Counts | null;
  /** "Ghi chú" of the agency from the config (`report.notes`), printed in the annex's note column. */
  note?: string;
}

export interface TableModel {
  label?: string;
  title: string;
  lines: string[];
  unit?: string;
  layout: TableLayout;
  numbered: boolean;
  rows: TableRowModel[];
  totalLabel: string;
  total: Counts;
  /** Sentences printed under the table (dossiers counted apart). */
  notes: string[];
}

export interface FormModel extends TableModel {
  code: string;
  sheetName: string;
}

export interface ReportDocument {
  config: ReportConfig;
  figures: Figures;
  /** "Số: 1204/BC-VPUB". */
  numberLine: string;
  /** "Hà Nam, ngày 05 tháng 8 năm 2019". */
  placeDate: string;
  title: string;
  /** The title broken into lines at phrase boundaries (before "của", "tại", "và", "(" …): renderers print these lines. */
  titleLines?: string[];
  blocks: Block[];
  annex: TableModel;
  forms: FormModel[];
  /** Footnotes printed under the annex (config `report.footnotes`, the note on how shares are computed). */
  footnotes?: string[];
  /** Template sections left out because the config has no text for them (ids). */
  omittedSections: string[];
  /** What the figures rest on besides the data, for the workbook's "Kiểm tra dữ liệu" sheet. */
  check: Pick<PeriodTable, 'warnings' | 'rejected' | 'skipped' | 'rejectedByKind'>;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

export interface ConfigTextSource {
  /** The config file, for messages naming a key. */
  path: string;
}

/** Checks the placeholders of every config text that the report prints (title, legal basis, sections). */
export function checkConfigTexts(report: ReportConfig, source: ConfigTextSource, template: ReportTemplate): void {
  const ids = template.sections.map((s) => s.id);
  for (const id of Object.keys(report.sections)) {
    if (!ids.includes(id)) {
      throw new UserError(`${source.path}: khóa "report.sections.${id}" không có trong mẫu ${template.file} (các phần: ${ids.join(', ')})`);
    }
  }
  if (report.title) checkPlaceholders(report.title, `${source.path}: "report.title"`);
  if (report.legalBasis) checkPlaceholders(report.legalBasis, `${source.path}: "report.legalBasis"`);
  for (const [id, s] of Object.entries(report.sections)) {
    if (s.heading) checkPlaceholders(s.heading, `${source.path}: "report.sections.${id}.heading"`);
    s.paragraphs.forEach((p, i) => checkPlaceholders(p, `${source.path}: "report.sections.${id}[${i}]"`));
  }
}

export function buildReport(
  table: PeriodTable,
  template: ReportTemplate,
  report: ReportConfig,
  forms: { template: FormTemplate; table: PeriodTable }[] = [],
): ReportDocument {
  const figures: Figures = { ...tableFigures(table, { rankCount: template.rankCount }), ...reportFigures(report) };
  const title = fillText(report.title || template.defaults.title, figures).replace(/\s+/g, ' ').trim();
  figures['report.title'] = { text: title, present: true };

  const blocks: Block[] = [];
  blocks.push({ kind: 'paragraph', segments: fillRich(report.legalBasis || template.defaults.legalBasis, figures) });
  const omittedSections: string[] = [];
  let numeral = 0;
  for (const section of template.sections) {
    const own = report.sections[section.id];
    const generated = section.paragraphs.filter((p) => !p.when || figures[p.when].present);
    const standing = own?.paragraphs ?? [];
    if (generated.length === 0 && standing.length === 0) {
      omittedSections.push(section.id);
      continue;
    }
    const heading = fillText(own?.heading || section.heading, figures);
    blocks.push({ kind: 'heading', segments: [{ text: `${ROMAN[numeral++] ?? numeral}. ${heading}`, bold: true }] });
    for (const p of [...generated.map((g) => g.text), ...standing]) blocks.push(paragraphBlock(p, figures));
  }
  blocks.push({ kind: 'paragraph', segments: fillRich(template.closing, figures) });

  return {
    config: report,
    figures,
    numberLine: `Số: ${figures['report.number'].text}/${report.symbol}`,
    placeDate: `${figures['report.place'].text}, ${figures['report.dateLong'].text}`,
    title,
    blocks,
    annex: tableModel(table, template.annex, figures),
    forms: forms.map(({ template: t, table: ft }) => ({ ...tableModel(ft, t, figures), code: fillText(t.code, figures), sheetName: t.sheetName })),
    omittedSections,
    check: { warnings: table.warnings, rejected: table.rejected, skipped: table.skipped, rejectedByKind: table.rejectedByKind },
  };
}

/** "# 1. Ưu điểm" is a bold subheading; anything else a justified paragraph. */
function paragraphBlock(text: string, figures: Figures): Block {
  const m = /^#\s+(.*)$/s.exec(text);
  if (m) return { kind: 'subheading', segments: fillRich(m[1], figures).map((s) => ({ ...s, bold: true })) };
  return { kind: 'paragraph', segments: fillRich(text, figures) };
}

function tableModel(table: PeriodTable, t: TableTemplate, figures: Figures): TableModel {
  const excluded = excludedNote(table.excluded);
  const notes = excluded ? [excluded] : [];
  return {
    label: t.label ? fillText(t.label, figures) : undefined,
    title: fillText(t.title, figures),
    lines: t.lines.map((l) => fillText(l, figures)),
    unit: t.unit ? fillText(t.unit, figures) : undefined,
    layout: layoutColumns(t.columns),
    numbered: t.numbered,
    rows: table.rows.map((r) => ({ stt: r.stt, name: r.key, counts: r.counts.received.total === 0 ? null : r.counts })),
    totalLabel: t.totalLabel,
    total: table.total,
    notes,
  };
}
