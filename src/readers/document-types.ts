// A report read for hcc check: blocks of prose and tables in the order of the file, each paragraph and
// cell knowing where it stands, so a finding can say where to look.

/** A paragraph of prose, with where it is ("dòng 88", "đoạn 12", "trang 2, dòng 14"). */
export interface TextBlock {
  kind: 'text';
  text: string;
  where: string;
}

export interface TableCell {
  text: string;
  /** "Phụ lục!D8", "dòng 143, cột D", "bảng 1, ô D8", "trang 3, dòng 12, cột 4". */
  where: string;
}

/** A table as written: rows of cells, the header rows included. */
export interface TableBlock {
  kind: 'table';
  rows: TableCell[][];
  where: string;
  /**
   * Rows cut from a PDF's text layer, without a readable header: the numbers are taken in the order
   * of hcc's annex (received, new, carried over, resolved, early, on time, late, pending, not due, overdue).
   */
  annexOrder?: boolean;
}

export type Block = TextBlock | TableBlock;

export interface ReportDocument {
  file: string;
  blocks: Block[];
}

