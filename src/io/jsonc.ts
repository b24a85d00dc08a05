// Reading the JSON files a clerk edits (hcc.config.json, report templates): the one place JSON with
// comments is read. Accepts what their editors write — a UTF-8 BOM, UTF-16 from Notepad, // and /* */
// comments, trailing commas — and keeps where every value is, so a message can say file:line:column.
import { parseTree, printParseErrorCode, findNodeAtLocation, getNodeValue, type Node, type ParseError } from 'jsonc-parser';
import { UserError } from '../errors.js';
import { FileError, ioReason } from './io-errors.js';
import { readSmallFile } from './small-file.js';

/** A key path inside a document: ["report", "signer", "name"], ["agencies", 3]. */
export type KeyPath = (string | number)[];

export interface JsonDoc {
  file: string;
  /** The parsed value (objects are plain objects). */
  value: unknown;
  /** "file:line:column" of the value at `path` (of its key, for an object member), or of the nearest parent there is. */
  at(path: KeyPath): string;
}

/** Where each syntax error is explained, in the words of a clerk's editor. */
const SYNTAX: Record<string, string> = {
  InvalidSymbol: 'ký tự không hợp lệ (chuỗi phải nằm trong ngoặc kép "…")',
  InvalidNumberFormat: 'số viết sai',
  PropertyNameExpected: 'thiếu tên khóa trong ngoặc kép',
  ValueExpected: 'thiếu giá trị',
  ColonExpected: 'thiếu dấu hai chấm ":" sau tên khóa',
  CommaExpected: 'thiếu dấu phẩy "," giữa hai mục',
  CloseBraceExpected: 'thiếu dấu "}" đóng',
  CloseBracketExpected: 'thiếu dấu "]" đóng',
  EndOfFileExpected: 'còn chữ sau dấu "}" cuối cùng',
  InvalidCommentToken: 'chú thích viết sai',
  UnexpectedEndOfComment: 'chú thích /* … */ không đóng',
  UnexpectedEndOfString: 'chuỗi không có dấu ngoặc kép đóng',
  UnexpectedEndOfNumber: 'số bị cắt ngang',
  InvalidUnicode: 'mã \\u viết sai',
  InvalidEscapeCharacter: 'dấu \\ viết sai (đường dẫn Windows: viết \\\\ hoặc /)',
  InvalidCharacter: 'ký tự điều khiển trong chuỗi',
};

/** Text of a file as Notepad, VS Code or Excel saved it: UTF-8 with or without BOM, or UTF-16 with BOM. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Line and column (1-based) of an offset. */
function position(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Parses JSON-with-comments text; a syntax error is one line naming file:line:column and what is wrong. */
export function parseJsonc(file: string, text: string): JsonDoc {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: false });
  const place = (offset: number) => {
    const p = position(text, offset);
    return `${file}:${p.line}:${p.column}`;
  };
  if (errors.length > 0 || !root) {
    const e = errors[0];
    const code = e ? printParseErrorCode(e.error) : 'ValueExpected';
    const near = e ? text.slice(e.offset, e.offset + Math.min(e.length || 1, 20)) : '';
    throw new UserError(
      `${place(e?.offset ?? 0)}: không đọc được tệp JSON: ${SYNTAX[code] ?? code}${near.trim() ? ` (gần "${near.trim()}")` : ''}: sửa chỗ đó rồi chạy lại`,
    );
  }
  return {
    file,
    // Plain objects (the parser's have no prototype).
    value: JSON.parse(JSON.stringify(getNodeValue(root))) as unknown,
    at(path: KeyPath): string {
      for (let n = path.length; n >= 0; n--) {
        const node: Node | undefined = findNodeAtLocation(root, path.slice(0, n));
        if (!node) continue;
        // An object member: point at its key, where the eye finds it.
        const key = node.parent?.type === 'property' ? node.parent.children?.[0] : undefined;
        return place((key ?? node).offset);
      }
      return place(0);
    },
  };
}

/** Reads and parses a JSON-with-comments file of at most `maxBytes`; errors are one line naming the file. */
export function readJsonc(file: string, maxBytes: number): JsonDoc {
  let bytes: Buffer;
  try {
    bytes = readSmallFile(file, maxBytes);
  } catch (e) {
    if (e instanceof UserError) throw e;
    throw new UserError(`không đọc được tệp ${file}: ${e instanceof FileError ? e.reason : ioReason(e)}`, undefined, { cause: e });
  }
  return parseJsonc(file, decodeText(bytes));
}

/**
 * `text` with the value of the top-level member `key` replaced by `valueText`, every comment and
 * every other member kept as written; a missing member is added first after the opening brace.
 * Null when the text is not an object.
 */
export function replaceTopValue(text: string, key: string, valueText: string): string | null {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root || root.type !== 'object') return null;
  const node = findNodeAtLocation(root, [key]);
  if (node) return text.slice(0, node.offset) + valueText + text.slice(node.offset + node.length);
  const open = root.offset + 1;
  return `${text.slice(0, open)}\n  ${JSON.stringify(key)}: ${valueText},${text.slice(open)}`;
}
