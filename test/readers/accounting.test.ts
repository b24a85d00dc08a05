// Property: whatever the content, the line endings and the quoting, every row of a file is accounted
// for (counted + rejected + skipped = the data rows written), and no row is read with text that was
// not in it (each dossier is the row written at its line, never a merge of rows).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runHcc } from '../helpers/run-hcc.js';
import { mulberry32 } from '../helpers/random.js';
import { collect, tempFiles } from '../helpers/read-files.js';

const tmp = tempFiles();
afterAll(() => tmp.cleanup());

const HEADER = ['Mã hồ sơ', 'Đơn vị', 'Thủ tục', 'Ngày tiếp nhận', 'Ghi chú'];
const AGENCIES = ['Sở Y tế', 'Sở Tư pháp', 'Sở Tài nguyên, Môi trường', 'Sở "Xây dựng"', 'UBND huyện Kim Bảng'];
const PROCEDURES = ['Cấp phép', 'Đăng ký kết hôn', 'Cấp "sổ đỏ"', 'Thủ tục A, B', 'Dòng\nmới', 'Dòng\r\nmới', 'Dòng\rcũ'];
const NOTES = ['', ' ', 'ghi chú', 'Số 5, ngõ 3\nphường A', 'có ""ngoặc""'];
const EOLS = ['\r\n', '\n', '\r'];

type Kind = 'ok' | 'stray' | 'bad-date' | 'group' | 'blank';
interface Written {
  kind: Kind;
  line: number;
  code?: string;
  agency?: string;
}

/** A field as a CSV writer would write it (quoted when it must be, sometimes when it need not). */
function field(value: string, rand: () => number): string {
  const must = /[",\r\n]/.test(value);
  return must || rand() < 0.2 ? `"${value.replace(/"/g, '""')}"` : value;
}

function lineBreaks(s: string): number {
  return (s.match(/\r\n|\r|\n/g) ?? []).length;
}

function generate(seed: number): { text: string; written: Written[] } {
  const rand = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  let text = HEADER.map((h) => field(h, rand)).join(',');
  const written: (Written & { offset: number })[] = [];
  const rows = 5 + Math.floor(rand() * 40);
  for (let i = 0; i < rows; i++) {
    const eol = pick(EOLS);
    text += eol;
    const r = rand();
    const kind: Kind = r < 0.6 ? 'ok' : r < 0.72 ? 'stray' : r < 0.82 ? 'bad-date' : r < 0.9 ? 'group' : 'blank';
    const code = `R${seed}-${i}`;
    const agency = pick(AGENCIES);
    let record: string;
    if (kind === 'blank') record = rand() < 0.5 ? '' : ',,,,';
    else if (kind === 'group') record = `${field(`Lĩnh vực: ${pick(PROCEDURES).replace(/[\r\n]/g, ' ')}`, rand)},,,,`;
    else {
      const date = kind === 'bad-date' ? '31/06/2024' : `${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}/0${1 + Math.floor(rand() * 6)}/2024`;
      // A stray quote: a field opened with a quote by an exporter that does not quote.
      const procedure = kind === 'stray' ? `"${pick(['mở', 'Cấp phép', 'a b'])}` : field(pick(PROCEDURES), rand);
      record = [field(code, rand), field(agency, rand), procedure, field(date, rand), field(pick(NOTES), rand)].join(',');
    }
    written.push({ kind, line: 0, code, agency, offset: text.length });
    text += record;
  }
  if (rand() < 0.5) text += pick(EOLS);
  // Lines as a reader counts them: a CR ending an empty record and the LF after it are one CRLF.
  for (const w of written) w.line = 1 + lineBreaks(text.slice(0, w.offset));
  return { text, written };
}

describe('every row is accounted for', () => {
  it('counted + rejected + skipped = data rows, each dossier the row written at its line (300 random files)', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { text, written } = generate(seed);
      const path = tmp.file(`random-${seed}.csv`, text);
      const { dossiers, rejects } = await collect(path);
      const dataRows = written.filter((w) => w.kind !== 'blank');
      const context = `seed ${seed}`;
      expect(dossiers.length + rejects.length, context).toBe(dataRows.length);
      // Each dossier is exactly a row that was written whole, at the line it was written on.
      const byCode = new Map(written.filter((w) => w.code).map((w) => [w.code!, w]));
      for (const d of dossiers) {
        const w = byCode.get(d.code);
        expect(w, `${context}: dossier ${d.code} was never written`).toBeDefined();
        expect([w!.kind, d.line, d.agency], `${context}: ${d.code}`).toEqual(['ok', w!.line, w!.agency]);
      }
      // Every row written whole is counted; every other row is rejected or skipped at its own line, for its reason.
      expect(dossiers.map((d) => d.code).sort(), context).toEqual(dataRows.filter((w) => w.kind === 'ok').map((w) => w.code).sort());
      const expectedKind: Record<Kind, string> = { ok: '', stray: 'stray-quote', 'bad-date': 'bad-date', group: 'group-row', blank: '' };
      expect(
        rejects.map((r) => [r.line, r.kind]),
        context,
      ).toEqual(dataRows.filter((w) => w.kind !== 'ok').map((w) => [w.line, expectedKind[w.kind]]));
    }
  });

  it('the table says the same through the CLI: received + rejected + skipped = data rows', () => {
    for (const seed of [7, 42, 99]) {
      const { text, written } = generate(seed);
      const path = join(tmp.dir, `cli-${seed}.csv`);
      writeFileSync(path, text);
      const r = runHcc(['table', '--input', path, '--period', '2024', '--format', 'json', '--rejects', join(tmp.dir, `rejects-${seed}.csv`)]);
      expect(r.status, r.stderr).toBe(0);
      const json = JSON.parse(r.stdout);
      const dataRows = written.filter((w) => w.kind !== 'blank').length;
      expect(json.total.received.total + json.rejected + json.skipped).toBe(dataRows);
      const byKind = Object.values(json.rejectedByKind as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(byKind).toBe(json.rejected + json.skipped);
    }
  });
});
