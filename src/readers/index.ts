// File readers: one entry point that looks at the content (not the extension) and streams dossiers.
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { detectDelimiter, readCsv } from './csv.js';
import { HeaderMatcher } from './headers.js';
import type { HeaderFound } from './under-header.js';
import { openInput, sniff, type Input, type TextEncoding } from './sniff.js';
import type { ReadItem, ReadOptions } from './types.js';

export type { ReadItem, ReadOptions, CanonicalField } from './types.js';
export { CANONICAL_FIELDS } from './types.js';
export { parseChannel, parseRating, parseStatus } from './codes.js';

/** What the reader found out about a file while reading it (for warnings and `hcc inspect`). */
export interface ReadInfo {
  format?: { kind: 'csv'; encoding: TextEncoding; delimiter: string } | { kind: 'xlsx'; sheet: string; date1904: boolean };
  header?: HeaderFound;
}

/**
 * Streams the dossiers of one export file (CSV in UTF-8/UTF-16/Windows-1258, or XLSX; a path, `-` for
 * standard input, or a FIFO): one `{dossier, line}` per usable row, one `{reject}` per row not
 * counted (1-based line of the file). Whole-file problems (missing, empty, HTML or old .xls, no
 * header, missing required column) throw a UserError with one Vietnamese line naming the file and
 * what to do. `info`, when given, is filled in as the file is read.
 */
export async function* readDossierFile(path: string, options: ReadOptions = {}, info: ReadInfo = {}): AsyncGenerator<ReadItem> {
  const matcher = new HeaderMatcher(options.columns);
  const onHeader = (h: HeaderFound) => {
    info.header = h;
  };
  const format = await detectFormat(path, matcher);
  if (format.kind === 'xlsx') {
    // exceljs takes a third of a second to load: only pay for it when the file is a workbook.
    const { readXlsx } = await import('./xlsx.js');
    // A workbook is read through its zip directory, at the end of the file: a pipe is saved first.
    const spooled = format.input.regular ? null : await spool(format.input);
    try {
      yield* readXlsx(spooled ?? path, matcher, { onHeader, onRow: options.onRow, onFormat: (f) => (info.format = f), shownPath: path });
    } finally {
      if (spooled) rmSync(join(spooled, '..'), { recursive: true, force: true });
    }
  } else {
    info.format = { kind: 'csv', encoding: format.encoding, delimiter: format.delimiter };
    yield* readCsv(format.input, format.encoding, format.delimiter, format.fields, matcher, { onHeader, onRow: options.onRow });
  }
}

/**
 * What the file is, from its first megabyte. Not part of the generator above: its frame lives as long
 * as the file streams, and would keep that megabyte and its decoded text (about 3 MB) to the end.
 */
async function detectFormat(
  path: string,
  matcher: HeaderMatcher,
): Promise<{ kind: 'xlsx'; input: Input } | { kind: 'csv'; input: Input; encoding: TextEncoding; delimiter: string; fields: number }> {
  const input = await openInput(path);
  const kind = sniff(path, input.head, input.whole);
  if (kind.kind === 'xlsx') return { kind: 'xlsx', input };
  const { delimiter, fields } = detectDelimiter(kind.text, matcher);
  // A regular file is read again from its start: drop the head now.
  return { kind: 'csv', input: input.regular ? { ...input, head: Buffer.alloc(0) } : input, encoding: kind.encoding, delimiter, fields };
}

/** Saves a piped workbook to a temporary file (removed after reading). */
async function spool(input: Input): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'hcc-input-'));
  const file = join(dir, 'input.xlsx');
  await pipeline(
    (async function* () {
      yield input.head;
      if (input.rest) yield* input.rest as AsyncIterable<Buffer>;
    })(),
    createWriteStream(file),
  );
  return file;
}
