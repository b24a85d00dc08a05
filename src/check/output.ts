// How hcc check says what it found: one line per finding (where; what is written; what it should be;
// why) and a summary, or the same as JSON for scripts.
import { printable } from '../io/printable.js';
import type { CheckResult } from './run.js';
import { errorCount } from './run.js';
import type { Finding } from './model.js';

function line(f: Finding): string {
  const label = f.severity === 'error' ? 'LỖI   ' : 'LƯU Ý ';
  const expected = f.expected !== undefined ? ` → đúng là ${f.expected}` : '';
  const reason = f.reason.charAt(0).toUpperCase() + f.reason.slice(1);
  return printable(`${label}${f.where}: viết "${f.written}"${expected}. ${reason}`);
}

export function summaryLine(result: CheckResult): string {
  const errors = errorCount(result);
  const c = result.checked;
  const looked = [
    c.shares && `${c.shares} tỷ lệ`,
    c.tableRows && `${c.tableRows} dòng bảng`,
    c.agencyFigures && `${c.agencyFigures} số liệu cơ quan trong bài`,
    c.dates && `${c.dates} ngày tháng`,
    c.dataCells && `${c.dataCells} ô so với dữ liệu`,
  ].filter(Boolean);
  const what = looked.length > 0 ? `đã kiểm tra ${looked.join(', ')}` : 'không tìm thấy số liệu nào để kiểm tra';
  return errors === 0 ? `Không thấy sai sót: ${what}.` : `${errors} lỗi: ${what}.`;
}

export function renderFindings(result: CheckResult): string {
  const out = [`hcc check: ${printable(result.file)}`, ...result.findings.map(line), summaryLine(result)];
  return `${out.join('\n')}\n`;
}

export function renderFindingsJson(result: CheckResult): string {
  return `${JSON.stringify(
    { file: result.file, errors: errorCount(result), findings: result.findings, checked: result.checked, summary: summaryLine(result) },
    null,
    2,
  )}\n`;
}
