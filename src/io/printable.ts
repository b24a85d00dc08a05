// Text from the data (names, codes, file names, values quoted in messages) on its way to a terminal:
// no character of it may act on the terminal. Control characters (C0, DEL, C1: ESC starts every
// escape sequence, U+009B is a CSI on its own) and the bidirectional controls that reorder what a
// reader sees ("Trojan Source") are shown escaped, \u001B or \u202E (the same spelling JSON uses, so
// a JSON document on the screen stays valid), and a clerk sees that something odd is in the data
// instead of a cleared screen or a changed window title. Tabs and line breaks become spaces, so a
// message stays one line.

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
const UNSAFE_TEST = new RegExp(UNSAFE.source);

export interface PrintableOptions {
  /** Keep line feeds and tabs (a whole document printed to a terminal); carriage returns are still escaped. */
  lines?: boolean;
}

function escaped(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `text` with nothing a terminal would obey: controls and bidi overrides escaped, breaks as spaces. */
export function printable(text: string, options: PrintableOptions = {}): string {
  if (!UNSAFE_TEST.test(text)) return text; // the usual case: no copy
  return text.replace(UNSAFE, (c) => {
    if (c === '\n' || c === '\t') return options.lines ? c : ' ';
    if (c === '\u2028' || c === '\u2029') return options.lines ? '\n' : ' ';
    if (c === '\r' && !options.lines) return ' ';
    return escaped(c);
  });
}

/**
 * Writes a document (CSV, JSON, a list of paths) to stdout: exact bytes into a file or a pipe, and
 * through printable() when stdout is a terminal, where the data's own escape sequences would act.
 */
export function writeStdout(text: string): void {
  process.stdout.write(process.stdout.isTTY ? printable(text, { lines: true }) : text);
}
