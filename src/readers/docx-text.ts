// The text of a Word document (.docx) for hcc check: word/document.xml read in order, body paragraphs
// as paragraphs, tables as rows of cells (a cell spanning columns keeps the columns after it in place).
import { UserError } from '../errors.js';
import type { Block, TableBlock, TableCell } from './document-types.js';
import { openError } from './sniff.js';
import { columnLetter as letter } from './text.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? _;
  });
}


export async function readDocxBlocks(file: string): Promise<Block[]> {
  const { default: unzipper } = await import('unzipper');
  let xml: string;
  try {
    const zip = await unzipper.Open.file(file);
    const entry = zip.files.find((f) => f.path === 'word/document.xml');
    if (!entry) throw new UserError(`tệp "${file}" không phải văn bản Word .docx (thiếu word/document.xml): mở bằng Word và lưu lại dạng .docx`);
    xml = (await entry.buffer()).toString('utf8');
  } catch (e) {
    if (e instanceof UserError) throw e;
    if ((e as NodeJS.ErrnoException)?.code) throw openError(file, e);
    throw new UserError(`tệp "${file}" không đọc được như văn bản Word .docx: mở bằng Word và lưu lại dạng .docx`);
  }
  return docxXmlBlocks(xml);
}

interface OpenTable {
  block: TableBlock;
  /** The table's number in the document (1, 2, …), as findings name it. */
  number: number;
  row: TableCell[] | null;
  cell: string[] | null;
  span: number;
}

/** The blocks of a document.xml: pure, so a test can give it any XML. */
export function docxXmlBlocks(xml: string): Block[] {
  const blocks: Block[] = [];
  const tables: OpenTable[] = [];
  let tableCount = 0;
  let paragraphCount = 0;
  let paragraph: string | null = null;
  let inText = false;
  const tag = /<(\/?)(w:p|w:tbl|w:tr|w:tc|w:t|w:tab|w:br|w:cr|w:gridSpan)\b([^>]*?)(\/?)>|<[^>]*>|([^<]+)/g;
  for (const m of xml.matchAll(tag)) {
    const [, close, name, attrs, selfClose, text] = m;
    if (text !== undefined) {
      if (inText && paragraph !== null) paragraph += decodeXml(text);
      continue;
    }
    if (!name) continue;
    const table = tables[tables.length - 1];
    if (name === 'w:t') inText = !close && !selfClose;
    else if ((name === 'w:tab' || name === 'w:br' || name === 'w:cr') && paragraph !== null) paragraph += name === 'w:tab' ? '\t' : ' ';
    else if (name === 'w:p') {
      if (!close && !selfClose) paragraph = '';
      else if (close && paragraph !== null) {
        const t = paragraph.replace(/\s+/g, ' ').trim();
        if (table?.cell) table.cell.push(t);
        else if (t !== '') blocks.push({ kind: 'text', text: t, where: `đoạn ${++paragraphCount}` });
        paragraph = null;
      }
    } else if (name === 'w:tbl') {
      if (!close) {
        const block: TableBlock = { kind: 'table', rows: [], where: `bảng ${++tableCount}` };
        tables.push({ block, number: tableCount, row: null, cell: null, span: 1 });
        blocks.push(block);
      } else tables.pop();
    } else if (table && name === 'w:tr') {
      if (!close) table.row = [];
      else if (table.row) {
        table.block.rows.push(table.row);
        table.row = null;
      }
    } else if (table && name === 'w:tc') {
      if (!close) {
        table.cell = [];
        table.span = 1;
      } else if (table.row && table.cell) {
        const r = table.block.rows.length + 1;
        const n = table.number;
        const text = table.cell.filter(Boolean).join(' ');
        table.row.push({ text, where: `bảng ${n}, ô ${letter(table.row.length)}${r}` });
        for (let s = 1; s < table.span; s++) table.row.push({ text: '', where: `bảng ${n}, ô ${letter(table.row.length)}${r}` });
        table.cell = null;
      }
    } else if (table && name === 'w:gridSpan') {
      const v = /w:val="(\d+)"/.exec(attrs);
      if (v) table.span = Number(v[1]);
    }
  }
  return blocks;
}
