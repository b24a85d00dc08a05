// Value vocabularies of exports (status, channel, rating, time limit). Pure, so the SQL sources can reuse them.
import type { Channel, StatusCode } from '../core/types.js';
import { foldAccents } from '../core/text.js';
import { foldKey } from './text.js';

/** The spellings exports use for each national status code (TrangThaiHoSo), the national name first (statusName). */
const STATUS_SPELLINGS: Record<StatusCode, string[]> = {
  1: ['Mới đăng ký', 'Mới', 'Đăng ký mới', 'Chờ tiếp nhận', 'Hồ sơ mới', 'new', 'collecting', 'draft'],
  2: ['Được tiếp nhận', 'Đã tiếp nhận', 'Tiếp nhận', 'Mới tiếp nhận', 'receiving', 'received'],
  3: [
    'Không được tiếp nhận',
    'Từ chối tiếp nhận',
    'Không tiếp nhận',
    'Từ chối',
    'Bị từ chối',
    'denied',
    'rejected',
  ],
  4: [
    'Đang xử lý',
    'Đang giải quyết',
    'Đang thụ lý',
    'Chuyển xử lý',
    'processing',
    'procesing',
    'handover',
    'interoperating',
    'inprogress',
  ],
  5: [
    'Yêu cầu bổ sung giấy tờ',
    'Yêu cầu bổ sung',
    'Chờ bổ sung',
    'Bổ sung hồ sơ',
    'Chờ bổ sung hồ sơ',
    'Đang bổ sung',
    'waiting',
    'correcting',
  ],
  6: [
    'Yêu cầu thực hiện nghĩa vụ tài chính',
    'Chờ nộp phí',
    'Chờ thanh toán',
    'Chờ thực hiện nghĩa vụ tài chính',
    'Nghĩa vụ tài chính',
    'paying',
  ],
  7: [
    'Công dân yêu cầu rút hồ sơ',
    'Rút hồ sơ',
    'Đã rút',
    'Đã rút hồ sơ',
    'Đã hủy',
    'Hủy',
    'Hủy hồ sơ',
    'cancelled',
    'canceled',
    'cancelling',
    'withdrawn',
  ],
  8: ['Dừng xử lý', 'Tạm dừng', 'Tạm dừng xử lý', 'Dừng', 'stopped', 'suspended', 'paused'],
  9: [
    'Đã xử lý xong',
    'Đã giải quyết',
    'Hoàn thành',
    'Đã hoàn thành',
    'Đã có kết quả',
    'Chờ trả kết quả',
    'Có kết quả',
    'done',
    'releasing',
    'posting',
    'resolved',
    'finished',
    'completed',
  ],
  10: ['Đã trả kết quả', 'Đã trả', 'Trả kết quả', 'released', 'ended', 'returned', 'closed'],
};

/** The national name of a status code ("10 Đã trả kết quả"). */
export function statusName(code: StatusCode): string {
  return STATUS_SPELLINGS[code][0];
}

const STATUS_BY_KEY = new Map<string, StatusCode>();
for (const [code, labels] of Object.entries(STATUS_SPELLINGS)) {
  for (const label of labels) STATUS_BY_KEY.set(foldKey(label), Number(code) as StatusCode);
}

/**
 * Status from a code (1–10, also "09" or "9.0" from a re-saved sheet), a Vietnamese label (accents and
 * case ignored) or an OpenCPS English word. Empty → null; unrecognised → undefined (the caller rejects).
 */
export function parseStatus(text: string): StatusCode | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (/^\d+(?:\.0+)?$/.test(t)) {
    const n = Number(t);
    return n >= 1 && n <= 10 ? (n as StatusCode) : undefined;
  }
  return STATUS_BY_KEY.get(foldKey(t));
}

/** The spellings exports use for each channel (hcc prints core's CHANNEL_LABELS). */
const CHANNEL_SPELLINGS: Record<Channel, string[]> = {
  direct: ['direct', 'Trực tiếp', 'Nộp trực tiếp', 'Tại quầy', 'Tại bộ phận một cửa', 'offline'],
  online: [
    'online',
    'Trực tuyến',
    'Nộp trực tuyến',
    'Qua mạng',
    'Dịch vụ công trực tuyến',
    'DVCTT',
    'Cổng dịch vụ công',
    'internet',
  ],
  postal: [
    'postal',
    'Bưu chính',
    'Bưu chính công ích',
    'Qua bưu chính',
    'Qua bưu chính công ích',
    'Dịch vụ bưu chính công ích',
    'BCCI',
    'Qua bưu điện',
    'Bưu điện',
    'post',
  ],
};
const CHANNEL_BY_KEY = new Map<string, Channel>();
for (const [channel, labels] of Object.entries(CHANNEL_SPELLINGS)) {
  for (const label of labels) CHANNEL_BY_KEY.set(foldKey(label), channel as Channel);
}
const CHANNEL_BY_CODE: Record<string, Channel> = { '1': 'direct', '2': 'online', '3': 'postal' };

/** Channel from KenhThucHien codes (1 direct, 2 online, 3 postal) or labels. Empty → null; unrecognised → undefined. */
export function parseChannel(text: string): Channel | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (/^\d+(?:\.0+)?$/.test(t)) return CHANNEL_BY_CODE[String(Number(t))];
  return CHANNEL_BY_KEY.get(foldKey(t));
}

const SATISFIED = new Set(
  ['hài lòng', 'rất hài lòng', 'yes', 'có', 'true', 'x', 'đạt', 'satisfied', 'tốt', 'rất tốt'].map(foldKey),
);
const NOT_SATISFIED = new Set(
  ['không hài lòng', 'rất không hài lòng', 'chưa hài lòng', 'no', 'không', 'false', 'not satisfied', 'kém'].map(
    foldKey,
  ),
);

/**
 * Satisfaction from a label or a score: "hài lòng"/"rất hài lòng"/yes/1 or a score ≥ 4 (of 5) → true;
 * "không hài lòng"/0 or a score ≤ 2 → false. Empty, neutral ("bình thường", 3) or unknown → null:
 * a rating never decides whether a dossier is counted.
 */
export function parseRating(text: string): boolean | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^\d+(?:[.,]\d+)?$/.test(t)) {
    const n = Number(t.replace(',', '.'));
    if (n === 1) return true; // a yes/no flag column
    if (n === 0) return false;
    if (n >= 4 && n <= 5) return true;
    if (n <= 2) return false;
    return null;
  }
  const key = foldKey(t);
  if (SATISFIED.has(key)) return true;
  if (NOT_SATISFIED.has(key)) return false;
  return null;
}

/** Above this a time limit is no number of working days but something else (a code, a date serial). */
export const MAX_TIME_LIMIT = 999;

/**
 * A procedure's time limit in working days: "15", "15 ngày", "15 ngày làm việc", "15 ngày làm việc kể
 * từ ngày nhận đủ hồ sơ", "trong 15 ngày", "trong ngày" (0). Empty → null (unknown); anything else (hours, "0,5",
 * a date) → undefined, not understood: the limit is then unknown too, and said in a warning, since a
 * time limit never decides whether a dossier is counted.
 */
export function parseTimeLimit(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (/^\d+(?:\.0+)?$/.test(t)) {
    const n = Number(t);
    return n <= MAX_TIME_LIMIT ? n : undefined;
  }
  const words = foldAccents(t).toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  if (/^trong ngay(?: lam viec)?(?: ke tu .*)?$/.test(words)) return 0;
  const m = /^(?:trong )?(\d+) ngay(?: lam viec)?(?: ke tu .*)?$/.exec(words);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n <= MAX_TIME_LIMIT ? n : undefined;
}
