// File-system errors in the words a clerk can act on, for every message about a file hcc reads or writes.

const REASONS: Record<string, string> = {
  ENOENT: 'không có tệp hoặc thư mục này',
  EACCES: 'không có quyền truy cập',
  EPERM: 'không có quyền truy cập',
  EROFS: 'ổ đĩa hoặc thư mục chỉ cho đọc',
  ENOSPC: 'ổ đĩa đã đầy',
  EDQUOT: 'đã hết dung lượng được cấp trên ổ đĩa',
  EISDIR: 'đó là một thư mục, không phải tệp',
  ENOTDIR: 'một phần của đường dẫn là tệp, không phải thư mục',
  // mkdir of a folder whose name is taken by a file
  EEXIST: 'một phần của đường dẫn là tệp, không phải thư mục',
  ENAMETOOLONG: 'tên tệp hoặc đường dẫn quá dài',
  EMFILE: 'quá nhiều tệp đang mở',
  EIO: 'lỗi đọc/ghi của thiết bị',
  EXDEV: 'không chuyển được tệp sang ổ đĩa khác',
  ELOOP: 'liên kết tượng trưng (symlink) trỏ vòng quanh',
  // opening a FIFO for writing when nothing reads it, or a socket
  ENXIO: 'không có chương trình nào đang đọc ở đầu kia',
  EFBIG: 'tệp quá lớn',
  EBUSY: 'tệp hoặc thiết bị đang bận',
  ETXTBSY: 'tệp đang được dùng',
};

/**
 * A file hcc refuses on its own account (not a regular file, too big): `reason` is already in words,
 * so no system code is printed for it.
 */
export class FileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'FileError';
  }
}

/** "EROFS: ổ đĩa hoặc thư mục chỉ cho đọc"; the system's own words for an error without a known code. */
export function ioReason(e: unknown): string {
  if (e instanceof FileError) return e.reason;
  const err = e as NodeJS.ErrnoException | null | undefined;
  if (!err) return 'không rõ lý do';
  const code = err.code;
  if (code && REASONS[code]) return `${code}: ${REASONS[code]}`;
  return code ? `${code}: ${err.message}` : String(err.message ?? err);
}

/** A system error from a file operation (it has a code and names a path). */
export function isFileSystemError(e: unknown): e is NodeJS.ErrnoException & { path: string } {
  const err = e as NodeJS.ErrnoException | null;
  return Boolean(err && typeof err.code === 'string' && typeof err.path === 'string' && typeof err.syscall === 'string');
}
