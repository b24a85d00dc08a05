// `hcc overdue --format pdf` end to end: the file read back with pdftotext/pdffonts (poppler-utils).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HCC, runHcc, tempDir } from '../helpers/run-hcc.js';

const poppler = spawnSync('pdftotext', ['-v']).error === undefined;
if (!poppler) console.warn('hcc overdue pdf tests skipped: pdftotext (poppler-utils) is not installed');

const HEADER = 'Mã hồ sơ,Đơn vị,Lĩnh vực,Tên thủ tục hành chính,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Ngày xin lỗi';
const pad = (n: number) => String(n).padStart(2, '0');

let dir: string;
let input: string;

beforeAll(() => {
  expect(existsSync(HCC)).toBe(true);
  dir = tempDir('hcc-overdue-pdf-');
  input = join(dir, 'ho-so.csv');
  const rows: string[] = [];
  // 150 overdue at 30/6/2024 (due 1–150 days before), long procedure names that wrap.
  for (let i = 1; i <= 150; i++) {
    const due = new Date(Date.UTC(2024, 5, 30 - i));
    const dueText = `${pad(due.getUTCDate())}/${pad(due.getUTCMonth() + 1)}/${due.getUTCFullYear()}`;
    rows.push(`QH-${String(i).padStart(4, '0')},Sở Tư pháp,Hộ tịch,Đăng ký khai sinh có yếu tố nước ngoài kết hợp nhận cha mẹ con số ${i},01/01/2024,${dueText},,Đang xử lý,`);
  }
  rows.push('Y-1,Sở Y tế,Dược,Cấp chứng chỉ hành nghề dược,01/06/2024,10/06/2024,15/06/2024,Đã trả kết quả,'); // late, no letter
  rows.push('Y-2,Sở Y tế,Dược,Cấp chứng chỉ hành nghề dược,01/06/2024,10/06/2024,15/06/2024,Đã trả kết quả,14/06/2024'); // late, letter
  writeFileSync(input, [HEADER, ...rows].join('\n'));
});

const text = (pdf: string, ...pages: string[]) => execFileSync('pdftotext', ['-layout', ...pages, pdf, '-'], { encoding: 'utf8' });

describe.skipIf(!poppler)('hcc overdue --format pdf', () => {
  it('writes an A4 landscape listing: title, day, filters, header on every page, rows, both lists, page numbers, embedded Liberation Serif', () => {
    const out = join(dir, 'qua-han.pdf');
    const r = runHcc(['overdue', '--input', input, '--as-of', '2024-06-30', '--field', 'ho tich', '--field', 'Dược', '--format', 'pdf', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`đã ghi ${out} (150 hồ sơ quá hạn tại 2024-06-30)`);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]); // atomic: no temporary file left

    const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(1);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts/); // A4 landscape
    expect(execFileSync('pdffonts', [out], { encoding: 'utf8' })).toMatch(/LiberationSerif.*yes\s+yes\s+yes/);

    const first = text(out, '-f', '1', '-l', '1');
    expect(first).toContain('DANH SÁCH HỒ SƠ QUÁ HẠN');
    expect(first).toContain('đến ngày 30/6/2024');
    expect(first).toContain('Lĩnh vực: ho tich, Dược');
    expect(first).toContain('Hồ sơ đang giải quyết quá hạn tại ngày 30/6/2024: 150 hồ sơ');
    expect(first).toMatch(/STT\s+Mã hồ sơ\s+Cơ quan\s+Lĩnh vực\s+Thủ tục hành chính/);
    // Most overdue first: row 1 is 150 days overdue.
    expect(first).toMatch(/1\s+QH-0150\s+Sở Tư pháp\s+Hộ tịch\s+Đăng ký khai sinh có yếu tố nước ngoài/);
    expect(first).toContain(`Trang 1/${pages}`);

    const last = text(out, '-f', String(pages), '-l', String(pages));
    expect(last).toMatch(/STT\s+Mã hồ sơ\s+Cơ quan/); // the header repeats on a continued page
    expect(last).toContain(`Trang ${pages}/${pages}`);
    const all = text(out);
    expect(all).toMatch(/150\s+QH-0001/);
    expect(all).toContain('chưa có văn bản xin lỗi: 1/2 hồ sơ');
    expect(all).toMatch(/1\s+Y-1\s+Sở Y tế\s+Dược\s+Cấp chứng chỉ hành nghề dược\s+01\/6\/2024\s+10\/6\/2024\s+15\/6\/2024\s+5/);
    expect(all).not.toContain('Y-2');
  });

  it('needs --out, like xlsx', () => {
    const r = runHcc(['overdue', '--input', input, '--as-of', '2024-06-30', '--format', 'pdf']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('hcc: lỗi: định dạng pdf cần --out TỆP.pdf');
    expect(r.stdout).toBe('');
  });
});
