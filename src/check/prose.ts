// The checks of the prose: every share recomputed on the base its kind of figure must have (and, when
// it does not hold, the base the writer seems to have used), shares of one whole adding up to more
// than 100,1%, an agency's figure in the text against its row in the annex, impossible dates and
// periods that end before they start. Pure.
import { daysInMonth } from '../core/dates.js';
import { foldKey } from '../readers/text.js';
import type { Annex, AnnexRow } from './annex.js';
import { KIND_LABELS, type CheckedCounts, type FigureKind, type Finding, type TextBlock } from './model.js';
import { formatCount, shareHolds, shareText } from './numbers.js';
import { paragraphFigures, sentences, type Count, type Share } from './prose-figures.js';

/** The base each kind of share must have. */
const BASE_OF: Record<FigureKind, FigureKind> = {
  received: 'received',
  new: 'received',
  carriedOver: 'received',
  resolved: 'received',
  pending: 'received',
  early: 'resolved',
  onTime: 'resolved',
  late: 'resolved',
  notDue: 'pending',
  overdue: 'pending',
  online: 'new',
  direct: 'new',
  postal: 'new',
  directPostal: 'new',
};

/** Kinds that share one whole without overlap (channels may overlap: online and returned by post). */
const PARTITIONS: FigureKind[][] = [
  ['resolved', 'pending'],
  ['new', 'carriedOver'],
  ['early', 'onTime', 'late'],
  ['notDue', 'overdue'],
];

const PERCENT_LIMIT = 100.1;

function percentText(v: number): string {
  return `${String(Math.round(v * 100) / 100).replace('.', ',')}%`;
}

/** The value of a kind the paragraph states (the last one before `before`, else the first), or the annex total's. */
function baseValue(kind: FigureKind, counts: Count[], share: Share, annex?: Annex): number | undefined {
  const stated = counts.filter((c) => c.kind === kind);
  const earlier = stated.filter((c) => c.sentence < share.sentence || (c.sentence === share.sentence && c.start < share.start));
  return (earlier.pop() ?? stated[0])?.value ?? annex?.totalRow?.values[kind];
}

export function checkShares(block: TextBlock, annex: Annex | undefined, checked: CheckedCounts): Finding[] {
  const findings: Finding[] = [];
  const { counts, shares } = paragraphFigures(block.text);
  const flagged = new Set<Share>();
  const kindOf = (s: Share) => (s.count !== undefined ? counts[s.count].kind : s.kind);
  for (const share of shares) {
    const count = share.count !== undefined ? counts[share.count] : undefined;
    if (!count?.kind) continue;
    const baseKind = share.namedBase ?? BASE_OF[count.kind];
    const base = baseValue(baseKind, counts, share, annex);
    if (base === undefined || base === 0) continue;
    checked.shares++;
    if (shareHolds(share, count.value, base)) continue;
    flagged.add(share);
    // Which figure the writer divided by: any other figure of the paragraph or of the annex total that gives the share written.
    const candidates = new Map<number, FigureKind>();
    for (const c of counts) if (c.kind && c.value !== base && c !== count) candidates.set(c.value, candidates.get(c.value) ?? c.kind);
    for (const [k, v] of Object.entries(annex?.totalRow?.values ?? {}) as [FigureKind, number][]) if (v !== base && !candidates.has(v)) candidates.set(v, k);
    const used = [...candidates].find(([v]) => v > 0 && shareHolds(share, count.value, v));
    findings.push({
      severity: 'error',
      rule: 'share',
      where: block.where,
      written: `${formatCount(count.value)} hồ sơ … ${share.text}`,
      expected: shareText(count.value, base, share.decimals),
      reason:
        `${KIND_LABELS[count.kind]} ${formatCount(count.value)} / ${KIND_LABELS[baseKind]} ${formatCount(base)} = ${shareText(count.value, base, 2)}` +
        (used ? `; có vẻ đã chia cho ${KIND_LABELS[used[1]]} (${formatCount(used[0])})` : ''),
    });
  }
  for (const part of PARTITIONS) {
    const members = shares.filter((s) => {
      const k = kindOf(s);
      return k && part.includes(k) && (!s.namedBase || s.namedBase === BASE_OF[k]);
    });
    if (members.length < 2 || new Set(members.map(kindOf)).size !== members.length) continue;
    const sum = members.reduce((s, m) => s + m.value, 0);
    if (sum <= PERCENT_LIMIT || members.some((m) => flagged.has(m))) continue;
    findings.push({
      severity: 'error',
      rule: 'share-sum',
      where: block.where,
      written: `${members.map((m) => m.text).join(' + ')} = ${percentText(sum)}`,
      expected: '≤ 100%',
      reason: `các tỷ lệ ${members.map((m) => KIND_LABELS[kindOf(m)!].replace(/^số hồ sơ /, '')).join(', ')} là các phần của cùng một tổng (${KIND_LABELS[BASE_OF[kindOf(members[0])!]]}) mà cộng lại vượt 100%`,
    });
  }
  return findings;
}

/** A name as matched against the text: folded, without the leading "Sở". */
function nameKey(name: string): string {
  return foldKey(name).replace(/^so(?=[a-z])/, '');
}

/** "Ban quản lý các KCN (2.297 hồ sơ)" in a sentence about dossiers received, against the annex row. */
export function checkAgencyFigures(block: TextBlock, annex: Annex, checked: CheckedCounts): Finding[] {
  const findings: Finding[] = [];
  const rows = annex.rows.filter((r) => nameKey(r.name).length >= 3).map((r) => [nameKey(r.name), r] as [string, AnnexRow]);
  rows.sort((a, b) => b[0].length - a[0].length);
  for (const sentence of sentences(block.text.replace(/\*+/g, '').replace(/\s+/g, ' '))) {
    if (!/tiếp nhận|giao dịch|tần suất/i.test(sentence) || /kiểm tra/i.test(sentence)) continue;
    for (const m of sentence.matchAll(/\(\s*(\d{1,3}(?:\.\d{3})+|\d+)\s*hồ sơ\s*\)/gi)) {
      const before = foldKey(sentence.slice(Math.max(0, m.index! - 120), m.index!));
      const hit = rows.find(([key]) => before.endsWith(key));
      if (!hit) continue;
      const row = hit[1];
      const written = Number(m[1].replace(/\./g, ''));
      checked.agencyFigures++;
      const { received, new: fresh } = row.values;
      if (written === received || written === fresh) continue;
      const table =
        received === undefined ? 'bảng không ghi hồ sơ nào' : `bảng ghi tổng số tiếp nhận ${formatCount(received)}${fresh !== undefined ? `, tiếp nhận mới ${formatCount(fresh)}` : ''} (${row.cells.received?.where ?? row.nameWhere})`;
      findings.push({
        severity: 'error',
        rule: 'agency-figure',
        where: block.where,
        written: `${row.name}: ${formatCount(written)} hồ sơ`,
        expected: received === undefined ? undefined : formatCount(received),
        reason: `số trong bài khác số của cùng cơ quan trong bảng phụ lục: ${table}`,
      });
    }
  }
  return findings;
}

interface DateHit {
  day: number;
  month: number;
  year: number;
  text: string;
  index: number;
}

function datesIn(text: string): DateHit[] {
  const out: DateHit[] = [];
  for (const m of text.matchAll(/(?<![\d/])(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})(?![\d/])/g)) {
    out.push({ day: Number(m[1]), month: Number(m[2]), year: Number(m[3]), text: m[0], index: m.index! });
  }
  for (const m of text.matchAll(/ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})/gi)) {
    out.push({ day: Number(m[1]), month: Number(m[2]), year: Number(m[3]), text: m[0], index: m.index! });
  }
  return out.sort((a, b) => a.index - b.index);
}

function validDate(d: DateHit): boolean {
  return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysInMonth(d.year, d.month);
}

const ordinal = (d: DateHit) => d.year * 10000 + d.month * 100 + d.day;

/** Dates that do not exist (31/6/2019, 29/02/2023) and periods that end before they start. */
export function checkDates(block: TextBlock, checked: CheckedCounts): Finding[] {
  const findings: Finding[] = [];
  const text = block.text.replace(/\*+/g, '');
  const dates = datesIn(text);
  for (const d of dates) {
    checked.dates++;
    if (validDate(d)) continue;
    const periodEnd = /đến(?:\s+ngày)?\s*$/i.test(text.slice(Math.max(0, d.index - 12), d.index));
    let reason: string;
    let expected: string | undefined;
    if (d.month < 1 || d.month > 12) reason = `không có tháng ${d.month}`;
    else {
      const last = daysInMonth(d.year, d.month);
      reason =
        d.month === 2 && d.day === 29
          ? `năm ${d.year} không phải năm nhuận: tháng 2 chỉ có 28 ngày`
          : `tháng ${d.month} năm ${d.year} chỉ có ${last} ngày`;
      expected = `${last}/${d.month}/${d.year}`;
    }
    findings.push({
      severity: 'error',
      rule: 'date',
      where: block.where,
      written: d.text,
      expected,
      reason: `ngày không có thật: ${reason}${periodEnd ? ' (ngày cuối kỳ báo cáo thường là ngày cuối tháng)' : ''}`,
    });
  }
  for (const m of text.matchAll(/từ\s+(?:ngày\s+)?(\d{1,2}\/\d{1,2}\/\d{4})\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?(\d{1,2}\/\d{1,2}\/\d{4})/gi)) {
    const [from, to] = [datesIn(m[1])[0], datesIn(m[2])[0]];
    if (!from || !to || !validDate(from) || !validDate(to) || ordinal(to) >= ordinal(from)) continue;
    findings.push({ severity: 'error', rule: 'period', where: block.where, written: m[0], reason: 'kỳ báo cáo kết thúc trước ngày bắt đầu' });
  }
  return findings;
}
