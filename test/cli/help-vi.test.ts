// `--help` entirely in Vietnamese, commander's own headings and extras included, for the program and
// every command; and commander's error messages in Vietnamese too.
import { describe, expect, it } from 'vitest';
import { runHcc } from '../helpers/run-hcc.js';

const COMMANDS = ['table', 'report', 'init', 'export', 'overdue', 'import', 'inspect', 'check', 'calendar', 'due-dates'];
/** What commander writes in English unless told otherwise. */
const ENGLISH = /\b(Usage|Options|Commands|Arguments|default|choices|preset|display help|\[options\]|\[command\])\b|\berror:/;

describe('help in Vietnamese', { timeout: 60_000 }, () => {
  it('hcc --help: headings, usage line and the command list', () => {
    const r = runHcc(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(ENGLISH);
    expect(r.stdout).toMatch(/^Cách dùng: hcc \[tùy chọn\] \[lệnh\]$/m);
    expect(r.stdout).toMatch(/^Tùy chọn:$/m);
    expect(r.stdout).toMatch(/^Lệnh:$/m);
    expect(r.stdout).toMatch(/^ {2}report \[tùy chọn\] /m);
    expect(r.stdout).toContain('in số phiên bản');
    for (const c of COMMANDS) expect(r.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
  });

  it.each(COMMANDS)('hcc %s --help', (command) => {
    const r = runHcc([command, '--help']);
    expect(r.status).toBe(0);
    const english = ENGLISH.exec(r.stdout);
    expect(english?.[0], `"${english?.[0]}" in hcc ${command} --help`).toBeUndefined();
    expect(r.stdout).toMatch(new RegExp(`^Cách dùng: hcc ${command} \\[tùy chọn\\]`, 'm'));
    expect(r.stdout).toMatch(/^Tùy chọn:$/m);
    expect(r.stdout).toContain('xem hướng dẫn');
  });

  it('says "mặc định" and "lựa chọn" where commander would say default and choices', () => {
    const overdue = runHcc(['overdue', '--help']).stdout.replace(/\s+/g, ' ');
    expect(overdue).toContain('(lựa chọn: "calendar", "decree09")');
    expect(overdue).toMatch(/\(lựa chọn: [^)]*"xlsx"[^)]*, mặc định: "table"\)/);
    expect(runHcc(['import', '--help']).stdout).toMatch(/^Tham số:$/m);
  });
});

describe('commander errors in Vietnamese', { timeout: 60_000 }, () => {
  it.each([
    [['report', '--bogus'], "hcc report: lỗi: không có tùy chọn '--bogus'"],
    [['report', '--cutoff', 'x'], "hcc report: lỗi: tùy chọn '--cutoff <rule>': giá trị 'x' không hợp lệ, dùng một trong: calendar, decree09"],
    [['report', '--input'], "hcc report: lỗi: tùy chọn '-i, --input <file>' cần một giá trị"],
    [['tabel'], "hcc: lỗi: không có lệnh 'tabel'\n(có phải table?)"],
    [['import'], "hcc import: lỗi: thiếu tham số bắt buộc 'files'"],
    [['inspect', 'a.csv', 'b.csv'], 'hcc inspect: lỗi: thừa tham số (cần 1, nhận 2)'],
  ])('%j', (args, message) => {
    const r = runHcc(args);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(message);
  });
});
