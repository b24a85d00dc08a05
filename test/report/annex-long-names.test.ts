// No row of a PDF is ever lost or hidden: a 5,000-character agency name and a 300-character word
// without spaces keep their rows and their figures in the report's annex and in the overdue listing,
// wrapped within the page (broken across pages when taller than one). Read back with pdftotext.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHcc, tempDir } from '../helpers/run-hcc.js';

const poppler = spawnSync('pdftotext', ['-v']).error === undefined;
if (!poppler) console.warn('annex-long-names tests skipped: pdftotext (poppler-utils) is not installed');

/** 5,000 characters of numbered words, so that a lost or repeated word shows. */
const NUMBERED = `Trung tâm ${Array.from({ length: 830 }, (_, i) => `t${String(i + 1).padStart(4, '0')}`).join(' ')}`;
const LONG_NAME = `${NUMBERED} ${'ố'.repeat(5000 - NUMBERED.length - 5)} HẾT`;
/** 300 characters without a space. */
const LONG_WORD = 'ĐƯỜNGDÂYNÓNGKHÔNGCÓDẤUCÁCH0123456789'.repeat(9).slice(0, 300);
const HEADER = 'Mã hồ sơ,Đơn vị,Lĩnh vực,Tên thủ tục hành chính,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái';

let dir: string;
let input: string;

beforeAll(() => {
  expect(LONG_NAME.length).toBe(5000);
  expect([...LONG_WORD].length).toBe(300);
  dir = tempDir('hcc-long-names-');
  input = join(dir, 'ho-so.csv');
  const rows: string[] = [];
  let n = 0;
  const add = (agency: string, count: number, resolved: boolean, extra = { code: '', field: 'Hộ tịch', procedure: 'Đăng ký khai sinh' }) => {
    for (let i = 0; i < count; i++) {
      const code = extra.code && i === 0 ? extra.code : `HS${String(++n).padStart(4, '0')}`;
      rows.push(`${code},"${agency}",${extra.field},"${extra.procedure}",05/01/2024,10/01/2024,${resolved ? '09/01/2024,Đã trả kết quả' : ',Đang xử lý'}`);
    }
  };
  add('Sở Tư pháp', 3, true);
  add('Sở Tư pháp', 1, false);
  add(LONG_NAME, 7, true);
  add(LONG_NAME, 2, false);
  add(LONG_WORD, 5, true);
  add(LONG_WORD, 1, false, { code: LONG_WORD, field: LONG_WORD, procedure: LONG_NAME });
  add('Sở Y tế', 11, true);
  add('Ban Quản lý các khu công nghiệp tỉnh', 2, false);
  writeFileSync(input, [HEADER, ...rows].join('\n'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const squash = (s: string) => s.replace(/\s+/g, '');
const cell = (n: number) => (n === 0 ? '-' : n.toLocaleString('de-DE'));

interface AnnexRow {
  stt: number;
  name: string;
  figures: string[];
}

const FIGURES = String.raw`((?:[\d.]+|-)(?:\s+(?:[\d.]+|-)){9})`;
const ROW_START = new RegExp(String.raw`^\s*(\d+)\s{2,}(\S.*?)\s{2,}${FIGURES}\s*$`);
const TOTAL = new RegExp(String.raw`^\s*Tổng số\s{2,}${FIGURES}\s*$`);

/**
 * The annex rows as pdftotext -layout prints them: a row starts with its STT, name and ten figures;
 * the lines under it indented to the name column (and on the following pages, under the repeated
 * header) continue its name; the total row closes the table.
 */
function annexRows(layout: string): { rows: AnnexRow[]; total: string[] | null } {
  const lines = layout.replace(/\f/g, '\n').split('\n');
  const start = lines.findIndex((l) => l.trim() === 'Phụ lục');
  const rows: AnnexRow[] = [];
  let total: string[] | null = null;
  for (const line of lines.slice(start)) {
    const t = TOTAL.exec(line);
    if (t) {
      total = t[1].split(/\s+/);
      break;
    }
    const m = ROW_START.exec(line);
    if (m) rows.push({ stt: Number(m[1]), name: m[2], figures: m[3].split(/\s+/) });
    else if (rows.length > 0 && /^\s{1,12}\S/.test(line)) rows[rows.length - 1].name += ` ${line.trim()}`;
  }
  return { rows, total };
}

interface Word {
  page: number;
  x: number;
  y: number;
  right: number;
  text: string;
}

/** Every word of the PDF with its page and position (pdftotext -bbox). */
function words(pdf: string): { words: Word[]; pageWidth: number } {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const out: Word[] = [];
  let page = 0;
  let pageWidth = 0;
  for (const m of html.matchAll(/<page width="([\d.]+)"|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)) {
    if (m[1]) {
      page++;
      pageWidth = Number(m[1]);
    } else out.push({ page, x: Number(m[2]), y: Number(m[3]), right: Number(m[4]), text: m[5].replace(/&amp;/g, '&').replace(/&quot;/g, '"') });
  }
  return { words: out, pageWidth };
}

describe.skipIf(!poppler)('long names', { timeout: 60_000 }, () => {
  it('the report annex has every row of the table, with its whole name and its figures', () => {
    const out = join(dir, 'report');
    const r = runHcc(['report', '--input', input, '--period', '2024-01', '--out', out, '--format', 'pdf'], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const pdf = join(out, 'bao-cao-2024-01.pdf');
    const json = JSON.parse(runHcc(['table', '--input', input, '--period', '2024-01', '--format', 'json'], { cwd: dir }).stdout);
    const figures = (c: { received: Record<string, number>; resolved: Record<string, number>; pending: Record<string, number> }) =>
      [c.received.total, c.received.new, c.received.carriedOver, c.resolved.total, c.resolved.early, c.resolved.onTime, c.resolved.late, c.pending.total, c.pending.notDue, c.pending.overdue].map(cell);

    const { rows, total } = annexRows(execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }));
    expect(json.rows).toHaveLength(5);
    expect(rows.map((x) => x.stt)).toEqual(json.rows.map((x: { stt: number }) => x.stt));
    rows.forEach((row, i) => {
      expect(squash(row.name), `row ${row.stt}`).toBe(squash(json.rows[i].agency));
      expect(row.figures, `row ${row.stt}`).toEqual(figures(json.rows[i]));
    });
    expect(total).toEqual(figures(json.total));

    // Every numbered word of the long name once, in order; nothing printed beyond the right margin.
    const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const annex = text.slice(text.lastIndexOf('Phụ lục'));
    const numbered = [...annex.matchAll(/t\d{4}/g)].map((m) => m[0]);
    expect(numbered).toEqual(LONG_NAME.match(/t\d{4}/g));
    const { words: all, pageWidth } = words(pdf);
    expect(Math.max(...all.map((w) => w.right))).toBeLessThanOrEqual(pageWidth - 30);
  });

  it('the overdue listing has every dossier, with its whole code, agency, field and procedure', () => {
    const pdf = join(dir, 'qua-han.pdf');
    const r = runHcc(['overdue', '--input', input, '--as-of', '2024-01-31', '--format', 'pdf', '--out', pdf], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const listing = JSON.parse(runHcc(['overdue', '--input', input, '--as-of', '2024-01-31', '--format', 'json'], { cwd: dir }).stdout);
    const expected: { code: string; agency: string; field: string; procedure: string; daysOverdue: number; workdaysOverdue: number }[] = listing.overdue;
    expect(expected).toHaveLength(6);

    const { words: all, pageWidth } = words(pdf);
    expect(Math.max(...all.map((w) => w.right))).toBeLessThanOrEqual(pageWidth - 30);
    // Columns from the first row (a short one): each cell's text starts at its column's left edge.
    const first = all.filter((w) => w.page === 1 && w.text === expected[0].code)[0];
    const line = all.filter((w) => w.page === 1 && Math.abs(w.y - first.y) < 1).sort((a, b) => a.x - b.x);
    const starts = line.filter((w, i) => i === 0 || w.x - line[i - 1].right > 6).map((w) => w.x); // words a space apart are one cell
    const [, code, agency, field, procedure, received] = starts;
    const column = (x: number) => (x < code - 1 ? 'stt' : x < agency - 1 ? 'code' : x < field - 1 ? 'agency' : x < procedure - 1 ? 'field' : x < received - 8 ? 'procedure' : 'rest');

    // Walk the body line by line, left to right; a new row starts where the next STT stands.
    all.sort((a, b) => a.page - b.page || Math.round(a.y) - Math.round(b.y) || a.x - b.x);
    const rows: Record<string, string[]>[] = [];
    const bodyTop = new Map<number, number>();
    for (const w of all) if (w.text === 'STT') bodyTop.set(w.page, w.y + 20);
    for (const w of all) {
      if (w.y <= (bodyTop.get(w.page) ?? Infinity) || /^Trang$/.test(w.text)) continue;
      const col = column(w.x);
      if (col === 'stt') {
        if (w.text !== String(rows.length + 1)) break; // the line under the table
        rows.push({ code: [], agency: [], field: [], procedure: [], rest: [] });
        continue;
      }
      if (rows.length === 0 || /^\d+\/\d+$/.test(w.text)) continue; // "Trang x/y" footer
      rows[rows.length - 1][col].push(w.text);
    }
    expect(rows).toHaveLength(expected.length);
    rows.forEach((row, i) => {
      const x = expected[i];
      expect(squash(row.code.join('')), `row ${i + 1} code`).toBe(squash(x.code));
      expect(squash(row.agency.join('')), `row ${i + 1} agency`).toBe(squash(x.agency));
      expect(squash(row.field.join('')), `row ${i + 1} field`).toBe(squash(x.field));
      expect(squash(row.procedure.join('')), `row ${i + 1} procedure`).toBe(squash(x.procedure));
      expect(row.rest.slice(-2), `row ${i + 1} days`).toEqual([String(x.daysOverdue), String(x.workdaysOverdue)]);
    });
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
