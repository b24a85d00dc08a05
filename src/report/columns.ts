// Table layouts as data: a tree of column headers (templates write it as JSON), turned into the
// header grid with row and column spans that both the PDF and the workbook draw.
import { COUNT_FIGURES, type CountKey } from '../core/counts.js';
import type { Counts } from '../core/types.js';

/** A count a leaf column can show: a count figure of core, or "received.notOnline" = new − online. */
export type CountValue = CountKey | 'received.notOnline';

/** What a count leaf shows, by value name (listed in this order in messages: notOnline after online). */
export const COUNT_VALUES: Record<CountValue, (c: Counts) => number> = Object.fromEntries(
  COUNT_FIGURES.flatMap((f) => {
    const own: [CountValue, (c: Counts) => number][] = [[f.key, f.value]];
    // Direct and postal together, with dossiers of unknown channel (the form has no column for them).
    if (f.key === 'received.online') own.push(['received.notOnline', (c) => c.received.new - c.received.online]);
    return own;
  }),
) as Record<CountValue, (c: Counts) => number>;
export const TEXT_VALUES = ['stt', 'name', 'note'] as const;
export type ColumnValue = CountValue | (typeof TEXT_VALUES)[number];

export interface ColumnNode {
  header: string;
  value?: ColumnValue;
  /** Workbook width in characters. */
  width?: number;
  /** PDF width in points, or "*" to take the remaining space. */
  pdfWidth?: number | '*';
  children?: ColumnNode[];
}

export interface LeafColumn {
  value: ColumnValue;
  width: number;
  pdfWidth: number | '*';
}

/** One header cell placed in the grid (0-based row and column). */
export interface HeaderCell {
  text: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export interface TableLayout {
  leaves: LeafColumn[];
  headerRows: number;
  cells: HeaderCell[];
}

function depth(nodes: ColumnNode[]): number {
  return Math.max(...nodes.map((n) => (n.children?.length ? 1 + depth(n.children) : 1)));
}

function defaultWidth(value: ColumnValue): number {
  return value === 'stt' ? 5 : value === 'name' ? 34 : value === 'note' ? 9 : 11;
}

/** Leaves left to right, and the header cells: a leaf above the last level spans down to it. */
export function layoutColumns(nodes: ColumnNode[]): TableLayout {
  const headerRows = depth(nodes);
  const leaves: LeafColumn[] = [];
  const cells: HeaderCell[] = [];
  const walk = (list: ColumnNode[], row: number): number => {
    let span = 0;
    for (const node of list) {
      const col = leaves.length;
      if (node.children?.length) {
        const width = walk(node.children, row + 1);
        cells.push({ text: node.header, row, col, rowSpan: 1, colSpan: width });
        span += width;
      } else {
        const value = node.value!;
        leaves.push({ value, width: node.width ?? defaultWidth(value), pdfWidth: node.pdfWidth ?? (value === 'name' ? '*' : value === 'stt' ? 24 : 44) });
        cells.push({ text: node.header, row, col, rowSpan: headerRows - row, colSpan: 1 });
        span += 1;
      }
    }
    return span;
  };
  walk(nodes, 0);
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { leaves, headerRows, cells };
}

export function isCountValue(v: ColumnValue): v is CountValue {
  return v in COUNT_VALUES;
}

/**
 * A column tree as a plain table workbook lays it out: the name column headed after the grouping
 * ("Lĩnh vực" by field), and no widths, so each column takes its kind's width (defaultWidth). The
 * widths of a template are set for its own document, the signed annex; the plain table keeps its own.
 */
export function plainColumns(nodes: ColumnNode[], nameHeader: string): ColumnNode[] {
  return nodes.map((n) =>
    n.children?.length ? { header: n.header, children: plainColumns(n.children, nameHeader) } : { header: n.value === 'name' ? nameHeader : n.header, value: n.value },
  );
}
