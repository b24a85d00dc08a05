// The CSV tokenizer against csv-parse as the oracle, on random records cut into random chunks.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type StrayQuote } from '../../src/readers/csv-tokenizer.js';
import { mulberry32 } from '../helpers/random.js';

function tokenize(text: string, cuts: number[], delimiter = ','): string[][] {
  const t = new CsvTokenizer(delimiter);
  const out: string[][] = [];
  let from = 0;
  for (const cut of [...cuts, text.length]) {
    t.push(text.slice(from, cut), out);
    from = cut;
  }
  return t.end(out);
}

const PIECES = ['Sở Tư pháp', '', ' ', '12/06/2019 08:30:00', 'a"b', 'x,y', 'dòng\nmới', 'ngoặc "kép"', '\r\n', 'Đã trả kết quả', '000.00.17.H22'];

function field(rand: () => number, delimiter: string): string {
  const v = PIECES[Math.floor(rand() * PIECES.length)];
  const needsQuotes = v.includes(delimiter) || v.includes('\n') || v.includes('\r') || v.startsWith('"');
  const quote = needsQuotes || (v.includes('"') && rand() < 0.5);
  return quote ? `"${v.replace(/"/g, '""')}"` : v;
}

describe('CsvTokenizer', () => {
  it.each([',', ';', '\t'])('gives the same records as csv-parse for random files cut anywhere (delimiter %j)', (delimiter) => {
    const rand = mulberry32(delimiter.charCodeAt(0));
    for (let file = 0; file < 60; file++) {
      const eol = ['\r\n', '\n', '\r'][Math.floor(rand() * 3)];
      const rows = Array.from({ length: 1 + Math.floor(rand() * 20) }, () =>
        Array.from({ length: 1 + Math.floor(rand() * 6) }, () => field(rand, delimiter)).join(delimiter),
      );
      const text = (rand() < 0.3 ? '\uFEFF' : '') + rows.join(eol) + (rand() < 0.5 ? eol : '');
      const expected = parse(text, { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false });
      const cuts = Array.from({ length: Math.floor(rand() * 8) }, () => Math.floor(rand() * text.length)).sort((a, b) => a - b);
      expect(tokenize(text, cuts, delimiter)).toEqual(expected);
      // Every single cut position, for the first files (chunk boundaries are where tokenizers break).
      if (file < 5) for (let c = 0; c <= text.length; c++) expect(tokenize(text, [c], delimiter)).toEqual(expected);
    }
  });

  it('keeps quoted newlines and doubled quotes', () => {
    expect(tokenize('a,"b\nc","say ""hi"""\nd,e,f\n', [4, 9])).toEqual([
      ['a', 'b\nc', 'say "hi"'],
      ['d', 'e', 'f'],
    ]);
  });

  it('reads a last line without a newline, and empty lines as one empty field', () => {
    expect(tokenize('a,b\n\nc,d', [])).toEqual([['a', 'b'], [''], ['c', 'd']]);
  });

  it('ends lines at CRLF, LF and a lone CR, mixed in one file, counting lines for each', () => {
    const t = new CsvTokenizer(',');
    const out: string[][] = [];
    const lines: number[] = [];
    const text = 'h1,h2\r\na,1\nb,2\rc,3\r\nd,"x\ry"\re,5\r';
    // Cut everywhere, including between CR and LF.
    for (let cut = 0; cut <= text.length; cut++) {
      const t2 = new CsvTokenizer(',');
      const o: string[][] = [];
      t2.push(text.slice(0, cut), o);
      t2.push(text.slice(cut), o);
      expect(t2.end(o)).toEqual([['h1', 'h2'], ['a', '1'], ['b', '2'], ['c', '3'], ['d', 'x\ry'], ['e', '5']]);
    }
    t.push(text, out, lines);
    t.end(out, lines);
    expect(lines).toEqual([1, 2, 3, 4, 5, 7]);
  });

  function withIssues(text: string, fields?: number) {
    const t = new CsvTokenizer(',');
    if (fields) t.expectFields(fields);
    const out: string[][] = [];
    const lines: number[] = [];
    const issues = new Map<number, StrayQuote>();
    t.push(text, out, lines, issues);
    t.end(out, lines, issues);
    return { out, lines, issues: Object.fromEntries(issues) };
  }

  it('reads a stray quote that would swallow whole records as text, marks its record, and keeps the others', () => {
    const text = [
      'code,agency,procedure,received_at',
      'A1,X,"stray,2024-01-05',
      'A2,X,p,2024-01-06',
      'A3,X,p,2024-01-07',
      'A4,X,lit",2024-01-08',
      'A5,X,p,2024-01-09',
    ].join('\n');
    const { out, lines, issues } = withIssues(text, 4);
    expect(out).toEqual([
      ['code', 'agency', 'procedure', 'received_at'],
      ['A1', 'X', '"stray', '2024-01-05'],
      ['A2', 'X', 'p', '2024-01-06'],
      ['A3', 'X', 'p', '2024-01-07'],
      ['A4', 'X', 'lit"', '2024-01-08'],
      ['A5', 'X', 'p', '2024-01-09'],
    ]);
    expect(lines).toEqual([1, 2, 3, 4, 5, 6]);
    // Read as CSV quoting, the cell of line 2 would have run to line 5.
    expect(issues).toEqual({ 1: { field: 3, kind: 'swallows', until: 5, swallowed: 3 } });
  });

  it('keeps a quoted cell over several lines when its lines are not records', () => {
    const { out, issues } = withIssues('a,b,c,d\nx,"Số 5, ngõ 3\nphường A, quận B",y,z\n', 4);
    expect(out).toEqual([
      ['a', 'b', 'c', 'd'],
      ['x', 'Số 5, ngõ 3\nphường A, quận B', 'y', 'z'],
    ]);
    expect(issues).toEqual({});
  });

  it('reads a quote that never closes as text, up to the end of its line, whatever the chunks', () => {
    const text = 'h1,h2\nx,y\nz,"open\nw,v\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const t = new CsvTokenizer(',');
      const out: string[][] = [];
      const issues = new Map<number, StrayQuote>();
      t.push(text.slice(0, cut), out, undefined, issues);
      t.push(text.slice(cut), out, undefined, issues);
      t.end(out, undefined, issues);
      expect(out).toEqual([['h1', 'h2'], ['x', 'y'], ['z', '"open'], ['w', 'v']]);
      expect([...issues.entries()]).toEqual([[2, { field: 2, kind: 'unclosed', until: null, swallowed: 1 }]]);
    }
  });

  it('reads text right after a closing quote as part of the field and marks the record', () => {
    const { out, issues } = withIssues('a,"b"c,d\ne,f,g\n');
    expect(out).toEqual([
      ['a', '"b"c', 'd'],
      ['e', 'f', 'g'],
    ]);
    expect(issues).toEqual({ 0: { field: 2, kind: 'text-after', until: null, swallowed: 0 } });
  });

  it('never holds more than about a megabyte for one quoted field', () => {
    const t = new CsvTokenizer(',');
    const out: string[][] = [];
    const issues = new Map<number, StrayQuote>();
    t.push('h1,h2\nx,"' + 'a'.repeat(1 << 19), out, undefined, issues);
    expect(out).toEqual([['h1', 'h2']]);
    t.push('b'.repeat(1 << 20) + '\nnext,row\n', out, undefined, issues);
    expect(out.map((r) => r[0])).toEqual(['h1', 'x', 'next']);
    expect(issues.get(1)?.field).toBe(2);
  });
});
