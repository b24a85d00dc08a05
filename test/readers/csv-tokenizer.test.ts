// The CSV tokenizer against csv-parse as the oracle, on random records cut into random chunks.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, CsvTokenizer } from '../../src/readers/csv-tokenizer.js';
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
      const eol = rand() < 0.5 ? '\r\n' : '\n';
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

  it('reports an unclosed quote with the line of its record', () => {
    expect(() => tokenize('h1,h2\nx,y\nz,"open\nstill open\n', [])).toThrow(CsvSyntaxError);
    try {
      tokenize('h1,h2\nx,y\nz,"open\n', []);
    } catch (e) {
      expect((e as CsvSyntaxError).code).toBe('CSV_QUOTE_NOT_CLOSED');
      expect((e as CsvSyntaxError).line).toBe(3);
    }
  });

  it('refuses text right after a closing quote', () => {
    expect(() => tokenize('a,"b"c\n', [])).toThrow(/CSV_INVALID_CLOSING_QUOTE/);
  });
});
