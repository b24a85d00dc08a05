// Seeded random dossiers that hit every boundary of the counting rules (src/core/rules.ts): dates on
// from, to, from-1, to+1 of the test periods, no due date, every status, every channel, plus a few
// rows every source must reject (missing values, unknown codes, dates that are no calendar day).
// Same seed, same dossiers.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { Channel, Period } from '../../src/core/types.js';
import { mulberry32 } from '../helpers/random.js';

export const PERIODS: Period[] = [
  { from: '2019-01-01', to: '2019-06-30' },
  { from: '2019-04-01', to: '2019-04-30' },
  { from: '2019-06-15', to: '2019-06-15' },
  { from: '2018-12-15', to: '2019-06-14' },
];

export const AGENCIES = [
  'Sở Giao thông vận tải',
  'Sở GTVT',
  'SỞ GIAO THÔNG VẬN TẢI',
  'Sở Tư pháp',
  'Sở Tư  pháp ',
  'Văn phòng UBND tỉnh',
  'Sở Xây dựng',
  'Ban Quản lý các KCN',
];
export const AGENCY_CONFIG = [
  { name: 'Sở Giao thông vận tải', aliases: ['Sở GTVT', 'SỞ GIAO THÔNG VẬN TẢI'] },
  'Văn phòng UBND tỉnh',
  'Sở Tư pháp',
  'Sở Xây dựng',
];
const FIELDS = ['Đất đai', 'Đường bộ', 'Hộ tịch', 'Xây dựng', null];
const PROCEDURES = ['Cấp giấy phép lái xe', 'Đăng ký khai sinh', 'Cấp phép xây dựng', null];
const LEVELS = ['Tỉnh', 'Huyện', null];
const CHANNELS: (Channel | null)[] = ['direct', 'online', 'postal', null];
const STATUSES = [null, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
/** Rating values as exports write them: labels (satisfied, not), scores, a neutral and a blank (unknown). */
export const RATINGS = ['Hài lòng', 'Rất hài lòng', 'Không hài lòng', 'Chưa hài lòng', 'Bình thường', '5', '2', ' hài lòng ', null];

/** A generated row: a usable dossier, or a row that must be rejected (missing values, unknown codes, impossible dates, resolved before received). */
export interface GenRow {
  code: string;
  agency: string | null;
  field: string | null;
  procedure: string | null;
  level: string | null;
  /** 'unknown': a channel no source understands (a code or word outside every list). */
  channel: Channel | 'unknown' | null;
  received: string | null;
  due: string | null;
  resolved: string | null;
  status: number | null;
  /** Raw rating text (RATINGS), parsed by every source alike. */
  rating: string | null;
  /** Apology letter date, on some late-resolved dossiers. */
  apology: string | null;
}

/** Text dates no source may count: impossible days, zero parts, implausible years, no date at all. */
export const BAD_TEXT_DAYS = ['2019-02-30', '2019-02-29', '2019-04-31', '2019-13-05', '2019-00-10', '2019-06-00', '0000-00-00', '1899-12-31', '2201-01-01', 'chưa rõ'];
/** Real days in years the readers reject as implausible (src/core/dates.ts), which DATE columns hold. */
export const IMPLAUSIBLE_DAYS = ['1899-12-31', '1850-06-01', '2201-01-01', '2999-12-31'];

export function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function generate(count: number, seed = 42): GenRow[] {
  const rnd = mulberry32(seed);
  // Ratings and apologies draw from their own stream: the other fields stay what they were for a seed.
  const extra = mulberry32(seed ^ 0x5a715f);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const boundaries = PERIODS.flatMap((p) => [p.from, p.to, addDays(p.from, -1), addDays(p.to, 1)]);
  const anyDay = (): string => (rnd() < 0.6 ? pick(boundaries) : addDays('2018-11-01', Math.floor(rnd() * 330)));
  const dayOnOrAfter = (start: string): string => {
    const later = boundaries.filter((b) => b >= start);
    return later.length && rnd() < 0.6 ? pick(later) : addDays(start, Math.floor(rnd() * 60));
  };
  const rows: GenRow[] = [];
  for (let i = 0; i < count; i++) {
    const status = pick(STATUSES);
    let received: string | null = anyDay();
    if ((status === 1 || status === 3) && rnd() < 0.4) received = null;
    let resolved: string | null = null;
    if (status === 9 || status === 10 || (rnd() < 0.4 && status !== 1)) resolved = dayOnOrAfter(received ?? '2019-01-01');
    let due: string | null = rnd() < 0.12 ? null : rnd() < 0.5 ? pick(boundaries) : dayOnOrAfter(received ?? '2019-01-01');
    if (resolved && due && rnd() < 0.3) due = pick([resolved, addDays(resolved, 1), addDays(resolved, -1)]);
    const row: GenRow = {
      code: `HS${String(i).padStart(6, '0')}`,
      agency: pick(AGENCIES),
      field: pick(FIELDS),
      procedure: pick(PROCEDURES),
      level: pick(LEVELS),
      channel: pick(CHANNELS),
      received,
      due,
      resolved,
      status,
      rating: extra() < 0.7 ? RATINGS[Math.floor(extra() * RATINGS.length)] : null,
      apology: resolved && due && resolved > due && extra() < 0.5 ? addDays(resolved, -Math.floor(extra() * 3)) : null,
    };
    // About 3% of rows must be rejected by every source.
    const flaw = rnd();
    if (flaw < 0.005) row.agency = null;
    else if (flaw < 0.01 && status !== 1 && status !== 3) row.received = null;
    else if (flaw < 0.015 && row.received) row.resolved = addDays(row.received, -3);
    else if (flaw < 0.02 && (status === 9 || status === 10)) row.resolved = null;
    // Values outside every vocabulary and blank codes: integer columns are mapped without reading
    // their values first (src/sources/sql/describe.ts), so an unknown number must still be rejected there.
    else if (flaw >= 0.02 && flaw < 0.0225) row.status = 12;
    else if (flaw >= 0.0225 && flaw < 0.025) row.code = '  ';
    else if (flaw >= 0.025 && flaw < 0.0275) row.channel = 'unknown';
    // Dates that are no calendar day, where every source's column can hold them: the resolved date is
    // text everywhere (ISO text in PostgreSQL, compact text in MariaDB); the due and apology dates are
    // DATE/DATETIME columns, which hold years the readers find implausible. The value is drawn from
    // `flaw` itself, so the other rows stay what they were for a seed.
    else if (flaw >= 0.0275 && flaw < 0.0325) row.resolved = BAD_TEXT_DAYS[Math.floor(((flaw - 0.0275) / 0.005) * BAD_TEXT_DAYS.length)];
    else if (flaw >= 0.0325 && flaw < 0.034) row.due = IMPLAUSIBLE_DAYS[Math.floor(((flaw - 0.0325) / 0.0015) * IMPLAUSIBLE_DAYS.length)];
    else if (flaw >= 0.034 && flaw < 0.0365) row.apology = IMPLAUSIBLE_DAYS[Math.floor(((flaw - 0.034) / 0.0025) * IMPLAUSIBLE_DAYS.length)];
    rows.push(row);
  }
  return rows;
}

const CSV_HEADER = 'code,agency,field,procedure,level,channel,received_at,due_at,resolved_at,status,rating,apology_at';

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function writeCsv(path: string, rows: GenRow[]): void {
  const fd = openSync(path, 'w');
  try {
    let chunk = `${CSV_HEADER}\n`;
    for (const r of rows) {
      chunk += `${[r.code, r.agency, r.field, r.procedure, r.level, r.channel, r.received, r.due, r.resolved, r.status, r.rating, r.apology].map(csvCell).join(',')}\n`;
      if (chunk.length > 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
}
