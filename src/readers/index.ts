// File readers: one entry point that looks at the content (not the extension) and streams dossiers.
import { detectDelimiter, readCsv } from './csv.js';
import { HeaderMatcher } from './headers.js';
import { readHead, sniff, type TextEncoding } from './sniff.js';
import type { ReadItem, ReadOptions } from './types.js';

export type { ReadItem, ReadOptions, CanonicalField } from './types.js';
export { CANONICAL_FIELDS } from './types.js';
export { parseChannel, parseRating, parseStatus } from './codes.js';

/**
 * Streams the dossiers of one export file (CSV in UTF-8/UTF-16/Windows-1258, or XLSX): one
 * `{dossier, line}` per usable row, one `{reject}` per unusable row (1-based line of the file).
 * Whole-file problems (missing, empty, HTML or old .xls, no header, missing required column, CSV
 * syntax) throw a UserError with one Vietnamese line naming the file and what to do.
 */
export async function* readDossierFile(path: string, options: ReadOptions = {}): AsyncGenerator<ReadItem> {
  const matcher = new HeaderMatcher(options.columns);
  const format = await detectFormat(path, matcher);
  if (format.kind === 'xlsx') {
    // exceljs takes a third of a second to load: only pay for it when the file is a workbook.
    const { readXlsx } = await import('./xlsx.js');
    yield* readXlsx(path, matcher);
  }
  else yield* readCsv(path, format.encoding, format.delimiter, matcher);
}

/**
 * What the file is, from its first megabyte. Not part of the generator above: its frame lives as long
 * as the file streams, and would keep that megabyte and its decoded text (about 3 MB) to the end.
 */
async function detectFormat(
  path: string,
  matcher: HeaderMatcher,
): Promise<{ kind: 'xlsx' } | { kind: 'csv'; encoding: TextEncoding; delimiter: string }> {
  const { head, size } = await readHead(path);
  const kind = sniff(path, head, size);
  if (kind.kind === 'xlsx') return kind;
  return { kind: 'csv', encoding: kind.encoding, delimiter: detectDelimiter(kind.text, matcher) };
}
