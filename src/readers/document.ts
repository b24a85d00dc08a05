// Reads a report for hcc check, whatever it was saved as: plain text (.txt, UTF-8; lines with tabs are
// table rows), Word (.docx: word/document.xml, paragraphs and tables in order), PDF (its text layer,
// by poppler's `pdftotext -layout`), or the annex alone as a workbook (.xlsx) or CSV.
import { execFile } from 'node:child_process';
import { extname } from 'node:path';
import { UserError } from '../errors.js';
import { FileError } from '../io/io-errors.js';
import { checkSmallFile, readSmallFile } from '../io/small-file.js';
import type { Block, ReportDocument, TableBlock, TableCell } from './document-types.js';
import { readDocxBlocks } from './docx-text.js';
import { openError, splitRecords } from './sniff.js';
import { columnLetter } from './text.js';

/** A report or an annex is small; a bigger file is not one. */
const MAX_BYTES = 50 * 1024 * 1024;

export async function readDocument(file: string): Promise<ReportDocument> {
  const ext = extname(file).toLowerCase();
  // A missing file is said as such before any reader (or pdftotext) is tried.
  try {
    checkSmallFile(file, MAX_BYTES);
  } catch (e) {
    if (e instanceof FileError) throw new UserError(`không đọc được "${file}": ${e.reason}`);
    throw openError(file, e);
  }
  switch (ext) {
    case '.txt':
    case '.md':
      return { file, blocks: textBlocks(decodeUtf8(file)) };
    case '.csv':
      return { file, blocks: [csvTable(decodeUtf8(file))] };
    case '.docx':
      return { file, blocks: await readDocxBlocks(file) };
    case '.xlsx':
      return { file, blocks: await xlsxBlocks(file) };
    case '.pdf':
      return { file, blocks: pdfBlocks(await pdfText(file)) };
    default:
      throw new UserError(
        `không đọc được "${file}": hcc check đọc báo cáo dạng .docx, .pdf, .txt và bảng phụ lục dạng .xlsx, .csv`,
      );
  }
}

function decodeUtf8(file: string): string {
  let buf: Buffer;
  try {
    buf = readSmallFile(file, MAX_BYTES);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw openError(file, e);
  }
  const text = buf.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD')) {
    throw new UserError(`tệp "${file}" không phải văn bản UTF-8: lưu lại dạng "Unicode (UTF-8)" rồi kiểm tra lại`);
  }
  return text.normalize('NFC');
}

/** Plain text: one paragraph per line; consecutive lines holding tabs make a table (as copied from Word). */
export function textBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let table: TableBlock | null = null;
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const n = i + 1;
    if (line.includes('\t')) {
      if (!table) {
        table = { kind: 'table', rows: [], where: `dòng ${n}` };
        blocks.push(table);
      }
      table.rows.push(line.split('\t').map((t, c) => ({ text: t.trim(), where: `dòng ${n}, cột ${columnLetter(c)}` })));
      return;
    }
    table = null;
    if (line.trim() !== '') blocks.push({ kind: 'text', text: line.trim(), where: `dòng ${n}` });
  });
  return blocks;
}

function csvTable(text: string): TableBlock {
  const head = text.slice(0, 20_000);
  // The delimiter that gives the most columns on the first lines (Excel writes ";" in some locales).
  const delimiter = [',', ';', '\t'].map((d) => [d, splitRecords(head, d, 10).reduce((m, r) => Math.max(m, r.length), 0)] as const).sort((a, b) => b[1] - a[1])[0][0];
  const records = splitRecords(text, delimiter, Number.MAX_SAFE_INTEGER);
  return {
    kind: 'table',
    where: 'dòng 1',
    rows: records.map((r, i) => r.map((t, c) => ({ text: t.trim(), where: `${columnLetter(c)}${i + 1}` }))),
  };
}

async function xlsxBlocks(file: string): Promise<Block[]> {
  const { default: ExcelJS } = await import('exceljs');
  const { toCell } = await import('./xlsx.js');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code) throw openError(file, e);
    throw new UserError(`tệp "${file}" không đọc được như tệp Excel .xlsx: mở bằng Excel và lưu lại dạng .xlsx`);
  }
  const blocks: Block[] = [];
  wb.eachSheet((ws) => {
    const table: TableBlock = { kind: 'table', rows: [], where: `trang tính ${ws.name}` };
    for (let r = 1; r <= ws.rowCount; r++) {
      const values = ws.getRow(r).values as unknown[];
      const cells: TableCell[] = [];
      for (let c = 1; c < (Array.isArray(values) ? values.length : 0); c++) {
        const v = toCell(values[c]);
        const text = v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
        cells.push({ text: text.trim(), where: `${ws.name}!${columnLetter(c - 1)}${r}` });
      }
      // Titles and notes (merged across the sheet) are prose: their dates are checked too. In the
      // table they keep their text in the first cell only (a merged cell repeats it in every column).
      const distinct = [...new Set(cells.map((x) => x.text).filter(Boolean))];
      const prose = distinct.length === 1 && !/^[\d.,\s-]*$/.test(distinct[0]);
      table.rows.push(prose ? cells.map((x, i) => (i === 0 || x.text !== distinct[0] ? x : { ...x, text: '' })) : cells);
      if (prose) blocks.push({ kind: 'text', text: distinct[0], where: `${ws.name}!A${r}` });
    }
    blocks.push(table);
  });
  return blocks;
}

function pdfText(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') {
          reject(
            new UserError(
              'cần chương trình pdftotext (gói poppler-utils) để đọc PDF: cài bằng "sudo apt-get install poppler-utils" (Windows: tải Poppler), hoặc kiểm tra bản .docx/.txt của báo cáo',
            ),
          );
        } else reject(new UserError(`không đọc được PDF "${file}": ${String(stderr || err.message).trim().split('\n')[0]}`));
        return;
      }
      if (stdout.replace(/\s/g, '') === '') {
        reject(new UserError(`PDF "${file}" không có lớp chữ (bản quét ảnh): cần bản .docx hoặc PDF xuất từ Word`));
        return;
      }
      resolve(stdout.normalize('NFC'));
    });
  });
}

const PDF_NUMBER = /^(\d{1,3}(?:[.,]\d{3})+|\d+|[-–])$/;
/** The numbers of a row of hcc's annex: received … overdue. */
const ANNEX_NUMBERS = 10;

/**
 * The text layer of a PDF, page by page: annex rows (a number, a name, ten numbers; or a number and a
 * name alone for an agency without dossiers) become a table; other lines are joined into paragraphs
 * (a line indented like a first line starts one).
 */
export function pdfBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  // hcc's own "BIỂU ĐỒ" pages are pictures of the annex, drawn from it: their labels are not prose.
  const charts = /^[ \t]*BIỂU ĐỒ[ \t]*$/m.exec(text);
  if (charts) text = text.slice(0, charts.index);
  text.split('\f').forEach((page, p) => {
    let paragraph: { lines: string[]; where: string } | null = null;
    let table: TableBlock | null = null;
    const flush = () => {
      if (paragraph) blocks.push({ kind: 'text', text: paragraph.lines.join(' '), where: paragraph.where });
      paragraph = null;
    };
    page.split('\n').forEach((line, i) => {
      const where = `trang ${p + 1}, dòng ${i + 1}`;
      const tokens = line.trim().split(/\s+/);
      let k = 0;
      while (k < tokens.length && PDF_NUMBER.test(tokens[tokens.length - 1 - k])) k++;
      const emptyRow = table !== null && /^\s*\d{1,3}\s{2,}\S/.test(line) && k === 0;
      if (k >= ANNEX_NUMBERS || emptyRow) {
        flush();
        const numbers = emptyRow ? [] : tokens.slice(tokens.length - ANNEX_NUMBERS);
        const rest = emptyRow ? tokens : tokens.slice(0, tokens.length - ANNEX_NUMBERS);
        const stt = /^\d+$/.test(rest[0] ?? '') && rest.length > 1 ? rest.shift()! : '';
        if (!table) {
          table = { kind: 'table', rows: [], where, annexOrder: true };
          blocks.push(table);
        }
        const texts = [stt, rest.join(' '), ...numbers];
        table.rows.push(texts.map((t, c) => ({ text: t, where: c < 2 ? where : `${where}, cột ${c + 1}` })));
        return;
      }
      if (line.trim() === '' || /^\s*\d{1,3}\s*$/.test(line)) {
        // A blank line ends a paragraph; a lone number is a page number.
        if (line.trim() === '') flush();
        return;
      }
      table = null;
      if (!paragraph || /^\s{3,}/.test(line)) {
        flush();
        paragraph = { lines: [], where };
      }
      paragraph.lines.push(line.trim());
    });
    flush();
  });
  return blocks;
}
