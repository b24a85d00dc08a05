// Warnings about figures that rest on something other than the data: a column the source lacks (the
// rules then assume), a column given twice, dossiers without a due date, agencies not in the list.
// Each has a stable code (JSON, the "Kiểm tra dữ liệu" sheet) and one sentence a clerk can act on.
// Pure data and wording.
import { formatCount } from './format-vi.js';

export type WarningCode =
  | 'missing-column'
  | 'duplicate-column'
  | 'resolved-without-due'
  | 'pending-without-due'
  | 'unlisted-agencies'
  | 'calendar-estimated'
  | 'unread-time-limit';

export interface Warning {
  code: WarningCode;
  /** One Vietnamese sentence: what, what it does to the figures, what to do. */
  message: string;
  /** The canonical field concerned (missing-column, duplicate-column). */
  field?: string;
  /** How many dossiers (resolved-without-due, pending-without-due). */
  count?: number;
  /** Names concerned (unlisted agencies; the columns of a duplicate; the estimated years). */
  names?: string[];
  /** Lines to add to the config's "columns" (header as written → canonical field), when hcc can guess them. */
  columns?: Record<string, string>;
}

/** Warnings that stop a command under --strict: the figures would rest on an assumption for every dossier. */
export function stopsStrict(w: Warning): boolean {
  return w.code === 'missing-column';
}

export function dueDateWarnings(resolvedWithoutDue: number, pendingWithoutDue: number): Warning[] {
  const out: Warning[] = [];
  if (resolvedWithoutDue > 0) {
    out.push({
      code: 'resolved-without-due',
      count: resolvedWithoutDue,
      message: `${formatCount(resolvedWithoutDue)} hồ sơ đã giải quyết không có ngày hẹn trả, được tính là đúng hạn`,
    });
  }
  if (pendingWithoutDue > 0) {
    out.push({
      code: 'pending-without-due',
      count: pendingWithoutDue,
      message: `${formatCount(pendingWithoutDue)} hồ sơ đang giải quyết không có ngày hẹn trả, được tính là chưa đến hạn`,
    });
  }
  return out;
}

export function unlistedAgenciesWarning(names: string[]): Warning[] {
  if (names.length === 0) return [];
  return [
    {
      code: 'unlisted-agencies',
      names,
      message: `${names.length} cơ quan không có trong danh sách "agencies" của tệp cấu hình (xếp cuối bảng): ${names.join('; ')}`,
    },
  ];
}

/**
 * Working days counted in a year the calendar data does not cover (core/calendar.ts estimatedDaysOff):
 * weekends and the fixed-date holidays only, so Tết and Giỗ Tổ are counted as working days.
 */
export function calendarEstimateWarning(years: number[]): Warning[] {
  if (years.length === 0) return [];
  const list = years.join(', ');
  return [
    {
      code: 'calendar-estimated',
      names: years.map(String),
      message: `lịch ngày làm việc năm ${list} chưa có trong dữ liệu của hcc: chỉ tính thứ Bảy, Chủ nhật và các ngày lễ cố định (1/1, 30/4, 1/5, 2/9 và ngày liền kề ước tính, nghỉ bù); thiếu Tết Nguyên đán, Giỗ Tổ Hùng Vương (âm lịch) và ngày hoán đổi. Thêm ngày nghỉ đã công bố vào khóa "calendar" của tệp cấu hình`,
    },
  ];
}

/**
 * Time-limit cells hcc cannot read as a number of working days ("4 giờ", "0,5", a date): those
 * dossiers' limit is unknown (the config's "timeLimits" then serves, if it has the procedure). Only
 * `hcc due-dates` says it: a time limit changes no count. `where` names the first such cell.
 */
export function unreadTimeLimitWarning(count: number, where: string, examples: string[]): Warning {
  return {
    code: 'unread-time-limit',
    field: 'time_limit',
    count,
    names: examples,
    message: `${formatCount(count)} ô thời hạn giải quyết không đọc được là số ngày làm việc (đầu tiên: ${where}; ví dụ ${examples.map((e) => `"${e}"`).join(', ')}): coi như chưa biết thời hạn của các hồ sơ đó (dùng khóa "timeLimits" của tệp cấu hình nếu có); ghi số ngày làm việc, ví dụ "15", "15 ngày làm việc" hoặc "trong ngày"`,
  };
}
