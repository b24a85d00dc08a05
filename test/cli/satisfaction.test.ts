// The satisfaction rate end to end: a "Mức độ hài lòng" column read from a file and from the store,
// printed by `hcc table`, carried in its JSON, stated in the report; apology dates read back from the store.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HCC, runHcc, tempDir } from '../helpers/run-hcc.js';

const HEADER = 'Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Ngày xin lỗi,Mức độ hài lòng';
const ROWS = [
  'S1,Sở Tư pháp,02/01/2024,20/01/2024,10/01/2024,Đã trả kết quả,,Hài lòng',
  'S2,Sở Tư pháp,02/01/2024,20/01/2024,20/01/2024,Đã trả kết quả,,Rất hài lòng',
  'S3,Sở Y tế,02/02/2024,20/02/2024,10/02/2024,Đã trả kết quả,,5',
  'S4,Sở Y tế,02/02/2024,10/02/2024,15/02/2024,Đã trả kết quả,,Không hài lòng', // late, no apology letter
  'S5,Sở Y tế,02/03/2024,10/03/2024,15/03/2024,Đã trả kết quả,14/03/2024,Chưa hài lòng', // late, letter
  'S6,Sở Tư pháp,02/03/2024,20/03/2024,10/03/2024,Đã trả kết quả,,2',
  'S7,Sở Tư pháp,02/04/2024,20/04/2024,10/04/2024,Đã trả kết quả,,Không hài lòng',
  'S8,Sở Tư pháp,02/04/2024,20/04/2024,10/04/2024,Đã trả kết quả,,Bình thường', // neutral: not rated
  'S9,Sở Tư pháp,02/04/2024,20/04/2024,10/04/2024,Đã trả kết quả,,', // no answer
  'S10,Sở Tư pháp,02/05/2024,20/07/2024,,Đang xử lý,,Hài lòng', // pending: not rated
  'S11,Sở Tư pháp,02/05/2024,20/05/2024,10/05/2024,Công dân yêu cầu rút hồ sơ,,Hài lòng', // withdrawn
  'S12,Sở Tư pháp,02/12/2023,20/12/2023,10/12/2023,Đã trả kết quả,,Hài lòng', // resolved before the period
];
// Rated in 2024-H1: S1–S7 (7), satisfied S1–S3 (3): 3/7 = 42.857…% → 42,9%.

let dir: string;
let rated: string;
let unrated: string;

beforeAll(() => {
  expect(existsSync(HCC)).toBe(true);
  dir = tempDir('hcc-sat-');
  rated = join(dir, 'ho-so.csv');
  writeFileSync(rated, [HEADER, ...ROWS].join('\n'));
  unrated = join(dir, 'khong-danh-gia.csv');
  writeFileSync(unrated, [HEADER.replace(',Mức độ hài lòng', ''), ...ROWS.map((r) => r.replace(/,[^,]*$/, ''))].join('\n'));
});

const squash = (s: string) => s.replace(/\s+/g, ' ');
/** The report's text is read back with pdftotext (poppler-utils); without it that test is skipped, and says why. */
const hasPdftotext = !spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error;
if (!hasPdftotext) console.warn('satisfaction.test: report text check skipped: pdftotext is not installed');

describe('satisfaction rate', () => {
  it('hcc table prints the rate of rated dossiers resolved in the period', () => {
    const r = runHcc(['table', '--input', rated, '--period', '2024-H1'], { cwd: dir });
    // The only message: the export has no channel column (the channel shares are then zero).
    expect(r.stderr).toMatch(/^hcc: cảnh báo: tệp ".*ho-so\.csv" không có cột "Kênh thực hiện" \(channel\): [^\n]*\n$/);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Mức độ hài lòng: 42,9% (3/7 lượt đánh giá).');
  });

  it('hcc table --format json carries the counts and the share in every block', () => {
    const r = runHcc(['table', '--input', rated, '--period', '2024-H1', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.total.satisfaction).toEqual({ rated: 7, satisfied: 3 });
    expect(json.total.shares.satisfiedPct).toBe(42.9);
    const byAgency = Object.fromEntries(json.rows.map((row: { agency: string; satisfaction: unknown }) => [row.agency, row.satisfaction]));
    expect(byAgency['Sở Tư pháp']).toEqual({ rated: 4, satisfied: 2 });
    expect(byAgency['Sở Y tế']).toEqual({ rated: 3, satisfied: 1 });
  });

  it('says nothing about satisfaction when the source has no rating column', () => {
    const r = runHcc(['table', '--input', unrated, '--period', '2024-H1'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('hài lòng');
    const j = runHcc(['table', '--input', unrated, '--period', '2024-H1', '--format', 'json'], { cwd: dir });
    const json = JSON.parse(j.stdout);
    expect(json.total.satisfaction).toEqual({ rated: 0, satisfied: 0 });
    expect(json.total.shares.satisfiedPct).toBeNull();
  });

  it('the store gives the same rate, and hcc overdue from the store finds the late dossier without a letter', () => {
    const store = join(dir, 'kho.sqlite');
    const imported = runHcc(['import', rated, '--store', store], { cwd: dir });
    expect(imported.status).toBe(0);
    const r = runHcc(['table', '--store', store, '--period', '2024-H1', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).total.satisfaction).toEqual({ rated: 7, satisfied: 3 });
    const fromFile = runHcc(['overdue', '--input', rated, '--period', '2024-H1', '--format', 'json'], { cwd: dir });
    const fromStore = runHcc(['overdue', '--store', store, '--period', '2024-H1', '--format', 'json'], { cwd: dir });
    expect(fromStore.status).toBe(0);
    const late = (out: string) => (JSON.parse(out).lateWithoutApology as { code: string }[] | null)?.map((x) => x.code);
    expect(late(fromStore.stdout)).toEqual(['S4']);
    expect(late(fromStore.stdout)).toEqual(late(fromFile.stdout));
  });

  it.skipIf(!hasPdftotext)('the report states the rate in section II only when ratings exist', () => {
    const text = (input: string, out: string): string => {
      const r = runHcc(['report', '--input', input, '--period', '2024-H1', '--format', 'pdf', '--out', out], { cwd: dir });
      expect(r.status).toBe(0);
      const pdf = readdirSync(out).find((f) => f.endsWith('.pdf'))!;
      return squash(spawnSync('pdftotext', [join(out, pdf), '-'], { encoding: 'utf8' }).stdout);
    };
    const withRatings = text(rated, join(dir, 'bc-1'));
    expect(withRatings).toContain('có 7 hồ sơ đã giải quyết trong kỳ được tổ chức, cá nhân đánh giá, trong đó 3 hồ sơ được đánh giá hài lòng, đạt tỷ lệ 42,9%');
    expect(text(unrated, join(dir, 'bc-2'))).not.toContain('mức độ hài lòng');
  });
});
