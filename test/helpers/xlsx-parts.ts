// A part of a written .xlsx read as text (the XML itself), for what exceljs does not read back
// faithfully: a formula's cached zero, print titles, page set-up attributes.
import unzipper from 'unzipper';

export async function xlsxPart(file: string | Buffer, path: string): Promise<string> {
  const open = unzipper.Open as unknown as { file(p: string): Promise<Dir>; buffer(b: Buffer): Promise<Dir> };
  const dir = typeof file === 'string' ? await open.file(file) : await open.buffer(file);
  const entry = dir.files.find((f) => f.path === path);
  if (!entry) throw new Error(`${path} not in the workbook: ${dir.files.map((f) => f.path).join(', ')}`);
  return (await entry.buffer()).toString('utf8');
}

interface Dir {
  files: { path: string; buffer(): Promise<Buffer> }[];
}
