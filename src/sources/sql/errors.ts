// Database driver errors turned into one Vietnamese line naming what is wrong and where.
import { UserError, maskUrl } from '../../errors.js';

export interface ErrorPlace {
  /** The database, for messages (password already masked). */
  where: string;
  table?: string;
  /** Date columns read as text, named when a value turns out not to be a date. */
  dateColumns?: string[];
  /**
   * hcc had already talked to the server on this source: a connection lost now was cut during a
   * query (killed, server restarted, network gone), not refused by a server that is not running.
   */
  connected?: boolean;
}

/** The server (or its administrator) ended hcc's connection: pg admin/crash shutdown, connection failures, MariaDB KILL. */
const CUT_CODES = new Set(['57P01', '57P02', '08000', '08003', '08006', 'ER_SERVER_SHUTDOWN', 'ER_ABORTING_CONNECTION', 'ER_NEW_ABORTING_CONNECTION']);
/** mysql2 knows MySQL's error names, not MariaDB's: 1927 ER_CONNECTION_KILLED. */
const CUT_ERRNOS = new Set([1053, 1152, 1184, 1927]);
/** A lost connection, which means "cut" once hcc had a connection and "unreachable" before. */
const LOST_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT']);
const LOST_MESSAGE = /Connection terminated|connection is in closed state|not queryable|socket hang up|connection lost/i;
/** The server stopped the query itself: pg_cancel_backend, statement_timeout, KILL QUERY, max_statement_time. */
const CANCEL_CODES = new Set(['57014', 'ER_QUERY_INTERRUPTED', 'ER_QUERY_TIMEOUT']);
const CANCEL_ERRNOS = new Set([1317, 1969, 3024]);

function userError(message: string, cause: unknown): UserError {
  return new UserError(message, undefined, { cause });
}

interface DriverError {
  code?: string;
  errno?: number;
  message?: string;
  address?: string;
  port?: number;
  hostname?: string;
  column?: string;
  sqlMessage?: string;
  errors?: DriverError[];
}

/** A UserError for errors a user can act on; anything else is returned unchanged (a bug: --debug shows it). */
export function translateDbError(e: unknown, place: ErrorPlace): unknown {
  if (e instanceof UserError) return e;
  const err = (e ?? {}) as DriverError;
  // AggregateError of pg when localhost resolves to several addresses.
  const first = err.errors?.[0] ?? err;
  let code = String(first.code ?? err.code ?? '');
  const full = maskUrl(String(err.sqlMessage ?? err.message ?? ''));
  // knex puts the whole SQL in front of the driver's words: keep the words, on one line.
  const message = (full.includes(' - ') ? full.slice(full.lastIndexOf(' - ') + 3) : full).split('\n')[0];
  const where = place.where;
  const table = place.table ? `"${place.table}"` : 'nguồn';
  const errno = Number(first.errno ?? err.errno);
  const lost = LOST_CODES.has(code) || (!code && LOST_MESSAGE.test(full));
  if (CUT_CODES.has(code) || CUT_ERRNOS.has(errno) || (lost && place.connected)) {
    return userError(
      `kết nối tới CSDL ${where} bị ngắt giữa chừng khi đang đọc bảng ${table} (người quản trị đã ngắt, máy chủ khởi động lại hoặc mạng bị gián đoạn): chạy lại lệnh; nếu vẫn bị, báo người quản trị CSDL`,
      e,
    );
  }
  if (CANCEL_CODES.has(code) || CANCEL_ERRNOS.has(errno)) {
    return userError(
      `CSDL ${where} đã dừng truy vấn đọc bảng ${table} giữa chừng (người quản trị hủy truy vấn, hoặc truy vấn vượt giới hạn thời gian của máy chủ): chạy lại lệnh; nếu vẫn bị, báo người quản trị CSDL`,
      e,
    );
  }
  if (lost) code = 'ECONNREFUSED'; // before any answer: as unreachable
  switch (code) {
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ETIMEDOUT':
      return userError(`không kết nối được máy chủ CSDL ${where}: máy chủ không chạy, sai địa chỉ/cổng hoặc bị tường lửa chặn`, e);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return userError(`không tìm thấy máy chủ CSDL ${where}: kiểm tra tên máy trong địa chỉ`, e);
    case '28P01': // pg invalid_password
    case 'ER_ACCESS_DENIED_ERROR':
    case 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR':
    case 'ER_DBACCESS_DENIED_ERROR':
      return userError(`CSDL ${where} từ chối đăng nhập: sai tên người dùng hoặc mật khẩu (hoặc người dùng không có quyền vào CSDL này)`, e);
    case '28000': // pg invalid_authorization_specification (role or pg_hba)
      return userError(`CSDL ${where} từ chối đăng nhập: ${message}`, e);
    case '3D000': // pg invalid_catalog_name
    case 'ER_BAD_DB_ERROR':
      return userError(`không có cơ sở dữ liệu này trên máy chủ ${where}: kiểm tra tên CSDL ở cuối địa chỉ`, e);
    case '42P01': // pg undefined_table
    case 'ER_NO_SUCH_TABLE':
      return userError(`không có bảng ${table} trong CSDL ${where}`, e);
    case '42703': // pg undefined_column
    case 'ER_BAD_FIELD_ERROR':
      return userError(`bảng ${table} trong CSDL ${where}: thiếu cột (${message})`, e);
    case '42501': // pg insufficient_privilege
    case 'ER_TABLEACCESS_DENIED_ERROR':
    case 'ER_COLUMNACCESS_DENIED_ERROR':
      return userError(`người dùng không có quyền đọc bảng ${table} trong CSDL ${where}: cần quyền SELECT`, e);
    case '22007': // pg invalid_datetime_format
    case '22008': // pg datetime_field_overflow
    case 'ER_TRUNCATED_WRONG_VALUE':
      return userError(
        `bảng ${table} trong CSDL ${where}: có giá trị không đọc được là ngày (${message})${place.dateColumns?.length ? `; kiểm tra các cột ngày: ${place.dateColumns.join(', ')}` : ''}`,
        e,
      );
    case '57P03': // cannot_connect_now (starting up)
      return userError(`máy chủ CSDL ${where} đang khởi động, chưa nhận kết nối: thử lại sau ít phút`, e);
    case 'SQLITE_CANTOPEN':
      return userError(`không mở được tệp SQLite ${where}: ${message}`, e);
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return userError(`tệp SQLite ${where} đã hỏng hoặc không phải CSDL SQLite (${code}): lấy lại tệp từ bản sao lưu`, e);
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return userError(`tệp SQLite ${where} đang được ghi (một lệnh hcc import hoặc chương trình khác đang giữ khoá): chờ ghi xong rồi chạy lại`, e);
  }
  if (/Timeout acquiring a connection/i.test(message) || /timeout expired/i.test(message)) {
    return userError(`không kết nối được máy chủ CSDL ${where}: quá thời gian chờ (máy chủ không trả lời)`, e);
  }
  if (code) {
    // Any other error the database itself reported: its own words, without the SQL knex puts in front.
    return userError(`CSDL ${where} báo lỗi khi đọc bảng ${table}: ${message} (mã ${code})`, e);
  }
  return e;
}
