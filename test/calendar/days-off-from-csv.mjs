// Builds report-templates/calendar/vn-days-off.json (the calendar hcc ships) from vn-days-off.csv next
// to it (the facts with their sources, see vn-days-off-NOTES.md). Run after editing the CSV:
//   node test/calendar/days-off-from-csv.mjs
// test/calendar/data-file.test.ts checks that the shipped JSON is exactly what this gives.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CALENDAR_DIR = fileURLToPath(new URL('../../report-templates/calendar/', import.meta.url));

/** RFC 4180 rows (quoted fields may hold commas and doubled quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field), rows.push(row), (row = []), (field = '');
    } else field += c;
  }
  if (field !== '' || row.length > 0) row.push(field), rows.push(row);
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

export function daysOffFromCsv(text) {
  const [header, ...rows] = parseCsv(text);
  const col = (name) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`vn-days-off.csv: no column ${name}`);
    return i;
  };
  const [date, kind, name, source] = ['date', 'kind', 'name', 'source'].map(col);
  const entry = (r) => ({ date: r[date], kind: r[kind], name: r[name], source: r[source] });
  const all = rows.map(entry).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const bad = all.find((e) => !/^\d{4}-\d{2}-\d{2}$/.test(e.date) || !['holiday', 'compensatory', 'swapped_workday'].includes(e.kind));
  if (bad) throw new Error(`vn-days-off.csv: bad row ${JSON.stringify(bad)}`);
  const years = all.map((e) => Number(e.date.slice(0, 4)));
  return {
    about:
      'Ngày nghỉ lễ, Tết, nghỉ bù, nghỉ hoán đổi và ngày đi làm bù của cán bộ, công chức, viên chức. Sinh từ vn-days-off.csv (nguồn ở cột source, ghi chú ở vn-days-off-NOTES.md) bằng test/calendar/days-off-from-csv.mjs; không sửa tay.',
    // 2018-12-31 (a swap for Tết Dương lịch 2019) is the only row of its block in the year before: the
    // years covered are those of the holidays themselves.
    firstYear: Math.min(...all.filter((e) => e.kind === 'holiday').map((e) => Number(e.date.slice(0, 4)))),
    lastYear: Math.max(...years),
    daysOff: all.filter((e) => e.kind !== 'swapped_workday').map(({ date, kind, name, source }) => ({ date, kind, name, source })),
    workdays: all.filter((e) => e.kind === 'swapped_workday').map(({ date, name, source }) => ({ date, name, source })),
  };
}

export function renderDaysOffJson(text) {
  return `${JSON.stringify(daysOffFromCsv(text), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const csv = readFileSync(join(CALENDAR_DIR, 'vn-days-off.csv'), 'utf8');
  writeFileSync(join(CALENDAR_DIR, 'vn-days-off.json'), renderDaysOffJson(csv));
  console.log(`wrote ${join(CALENDAR_DIR, 'vn-days-off.json')}`);
}
