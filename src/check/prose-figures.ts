// The figures of a paragraph of prose: each number that counts dossiers, with the kind of figure its
// words say ("606 hồ sơ đang giải quyết" is pending, "tiếp nhận mới 35.523" new), and each share
// ("đạt 98,4%") with the count it belongs to and the base its sentence names. Pure.
import type { FigureKind } from './model.js';

export interface Count {
  value: number;
  kind?: FigureKind;
  text: string;
  sentence: number;
  start: number;
}

export interface Share {
  value: number;
  decimals: number;
  text: string;
  sentence: number;
  start: number;
  /** The count the share is of (index in `counts`), when the sentence gives it. */
  count?: number;
  /** The kind of a share given without its count ("trước hạn là 94,5%"). */
  kind?: FigureKind;
  /** The base the sentence names ("… 53,46% tổng số hồ sơ nhận mới"). */
  namedBase?: FigureKind;
}

type Pattern = [FigureKind | 'lateOrOverdue', RegExp];

/** Most specific first: "chưa quá hạn" is not due, "tiếp nhận mới" is new before it is received. */
const PATTERNS: Pattern[] = [
  ['carriedOver', /kỳ trước|chuyển qua|chuyển sang|tồn (?:kỳ )?trước/g],
  ['notDue', /chưa (?:đến|tới) hạn|trong hạn|chưa quá hạn/g],
  ['early', /trước hạn|sớm hạn/g],
  ['onTime', /đúng (?:thời )?hạn|đúng hẹn/g],
  ['lateOrOverdue', /quá hạn|trễ hạn|trễ hẹn|chậm (?:hạn|trễ)|quá hẹn/g],
  ['online', /trực tuyến/g],
  ['postal', /bưu chính/g],
  ['direct', /trực tiếp/g],
  ['pending', /đang (?:được )?(?:giải quyết|xử lý|thụ lý)|chưa giải quyết/g],
  ['resolved', /đã (?:được )?giải quyết|giải quyết xong|đã xử lý|trả kết quả|giải quyết được/g],
  ['new', /(?:tiếp )?nhận mới|mới tiếp nhận|tiếp nhận trong kỳ/g],
  ['received', /tiếp nhận|nhận được|đã nhận/g],
];

interface KindMatch {
  kind: FigureKind | 'lateOrOverdue';
  start: number;
  end: number;
  order: number;
}

function matches(text: string): KindMatch[] {
  const lower = text.toLowerCase();
  const out: KindMatch[] = [];
  PATTERNS.forEach(([kind, re], order) => {
    for (const m of lower.matchAll(re)) out.push({ kind, start: m.index!, end: m.index! + m[0].length, order });
  });
  return out;
}

/** The kind the words nearest the end of `text` name (for words before a number). */
export function kindBefore(text: string): KindMatch['kind'] | undefined {
  const all = matches(text);
  all.sort((a, b) => b.end - a.end || a.order - b.order);
  return all[0]?.kind;
}

/** The kind the words nearest the start of `text` name (for words after a number). */
export function kindAfter(text: string): KindMatch['kind'] | undefined {
  const all = matches(text);
  all.sort((a, b) => a.start - b.start || a.order - b.order);
  return all[0]?.kind;
}

/** Sentences of a paragraph: a full stop, "!" or "?" before a capital, a digit or an opening bracket. */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?…])\s+(?=[\p{Lu}\d(“"])/u);
}

/** Where one clause ends and the next begins: ; : ( ) and a comma not inside a number. */
const CLAUSE_BREAK = /[;:()]|,(?!\d)|\s[-–]\s/g;

const NUMBER = /(?<![\d/.,])(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(\s*%)?(?![\d/])/g;
/** Words before a number that make it something else than a count of dossiers. */
const NOT_A_COUNT_BEFORE = /(?:năm|tháng|ngày|số|mức độ|hạng|khoảng thời gian|giai đoạn|lần thứ|quý)\s*$/i;
/** Units after a number that are not dossiers. */
const OTHER_UNIT =
  /^\s*(?:tthc|thủ tục|biên chế|cán bộ|công chức|viên chức|nhân viên|lượt|điểm|ngày|tháng|năm|quầy|sở|đơn vị|cơ quan|bộ phận|người|cuộc|kế hoạch|báo cáo|quyết định|clip|video|trường hợp|ý kiến|doanh nghiệp|xã|huyện|tỉnh|giờ|phút|máy|chỉ tiêu|nhiệm vụ)\b/i;
const CHANGE_BEFORE = /(?:tăng|giảm)(?:\s+(?:thêm|đi|lên|xuống))?\s*(?:là\s*)?$/i;

/** The counts and shares of a paragraph, in order. */
export function paragraphFigures(paragraph: string): { counts: Count[]; shares: Share[] } {
  const text = paragraph.replace(/\*+/g, '').replace(/\s+/g, ' ');
  const counts: Count[] = [];
  const shares: Share[] = [];
  let parent: 'resolved' | 'pending' | undefined;
  sentences(text).forEach((sentence, si) => {
    const breaks = [0, ...[...sentence.matchAll(CLAUSE_BREAK)].map((m) => m.index! + 1), sentence.length + 1];
    const clauseOf = (pos: number) => breaks.findIndex((b, i) => pos >= b && pos < (breaks[i + 1] ?? Infinity));
    const numbers = [...sentence.matchAll(NUMBER)];
    const firstCountOfSentence = counts.length;
    numbers.forEach((m, i) => {
      const start = m.index!;
      const end = start + m[0].length;
      const clause = clauseOf(start);
      const clauseStart = breaks[clause];
      const clauseEnd = breaks[clause + 1] - 1;
      const prevEnd = i > 0 && clauseOf(numbers[i - 1].index!) === clause ? numbers[i - 1].index! + numbers[i - 1][0].length : clauseStart;
      const nextStart = i + 1 < numbers.length && clauseOf(numbers[i + 1].index!) === clause ? numbers[i + 1].index! : clauseEnd;
      const before = sentence.slice(prevEnd, start);
      const after = sentence.slice(end, nextStart);
      const decimals = m[2];
      if (m[3]) {
        if (CHANGE_BEFORE.test(before) || /so với (?:năm|kỳ|cùng kỳ|tháng|quý)/i.test(after)) return;
        const share: Share = {
          value: Number(`${m[1].replace(/\./g, '')}.${decimals ?? '0'}`),
          decimals: decimals?.length ?? 0,
          text: m[0].replace(/\s+/g, ''),
          sentence: si,
          start,
        };
        if (/tổng số|trên tổng|so với tổng/i.test(after)) {
          const named = kindAfter(after);
          if (named) share.namedBase = named === 'lateOrOverdue' ? 'late' : named;
        }
        // The count in the same clause; else the kind the clause names; else the sentence's last count.
        const inClause = [...counts.keys()].filter((c) => c >= firstCountOfSentence && counts[c].sentence === si && clauseOf(counts[c].start) === clause).pop();
        const own = kindBefore(before);
        if (inClause !== undefined) share.count = inClause;
        else if (own) share.kind = own === 'lateOrOverdue' ? (parent === 'pending' ? 'overdue' : 'late') : own;
        else {
          const last = [...counts.keys()].filter((c) => c >= firstCountOfSentence).pop();
          if (last !== undefined) share.count = last;
        }
        shares.push(share);
        return;
      }
      // "35,591 hồ sơ": a comma before three digits in a count is a thousands separator typed by habit.
      if (decimals !== undefined && !(decimals.length === 3 && /^\s*hồ sơ/i.test(after))) return;
      if (NOT_A_COUNT_BEFORE.test(before) || OTHER_UNIT.test(after) || CHANGE_BEFORE.test(before)) return;
      const value = Number(m[1].replace(/\./g, '') + (decimals ?? ''));
      const dossiers = /^\s*hồ sơ/i.test(after);
      // Else the clause before ("… trực tuyến: 52.789"; "… trực tuyến toàn trình, một phần là 46.252").
      const previousClause = clause > 0 ? sentence.slice(breaks[clause - 1], clauseStart) : '';
      let kind = kindAfter(after) ?? kindBefore(before) ?? kindBefore(previousClause);
      if (!kind && !dossiers) return;
      if (kind === 'lateOrOverdue') kind = parent === 'pending' ? 'overdue' : 'late';
      if (kind === 'resolved' || kind === 'pending') parent = kind;
      counts.push({ value, kind: kind as FigureKind | undefined, text: m[0], sentence: si, start });
    });
  });
  return { counts, shares };
}
