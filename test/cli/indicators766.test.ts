// `hcc table --indicators 766` end to end: a file in, the terminal table, JSON and CSV out, with the
// figures worked out by hand below, the estimate notes in every format, and the calendar periods.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HCC, runHcc, tempDir } from '../helpers/run-hcc.js';

const HEADER = 'Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Kênh,Mức độ hài lòng';
const ROWS = [
  // Sở Tư pháp, March 2024: the set of test/core/indicators766.test.ts.
  'T1,Sở Tư pháp,04/03/2024,10/03/2024,08/03/2024,Đã trả kết quả,Trực tuyến,',
  'T2,Sở Tư pháp,05/03/2024,12/03/2024,12/03/2024,Đã trả kết quả,Trực tiếp,',
  'T3,Sở Tư pháp,06/03/2024,08/03/2024,15/03/2024,Đã trả kết quả,,',
  'T4,Sở Tư pháp,20/02/2024,05/03/2024,04/03/2024,Đã trả kết quả,Trực tuyến,',
  'T5,Sở Tư pháp,25/02/2024,20/03/2024,,Đang xử lý,Trực tiếp,',
  'T6,Sở Tư pháp,25/03/2024,05/04/2024,,Đang xử lý,Trực tuyến,',
  'T7,Sở Tư pháp,20/03/2024,22/03/2024,,Chờ bổ sung,Bưu chính,',
  'T8,Sở Tư pháp,10/01/2024,10/02/2024,28/02/2024,Đã trả kết quả,Trực tuyến,',
  'T9,Sở Tư pháp,28/03/2024,10/04/2024,,Công dân yêu cầu rút hồ sơ,Trực tuyến,',
  'T10,Sở Tư pháp,10/03/2024,20/03/2024,18/03/2024,Đã trả kết quả,Trực tuyến,Hài lòng',
  'T11,Sở Tư pháp,11/03/2024,21/03/2024,21/03/2024,Đã trả kết quả,,Không hài lòng',
  // Sở Y tế, March 2024: received 4 (Y1 carried over), in time Y1 (early) + Y3 (not due) = 2 → 50,00%, 10,00 points;
  // resolved 2 (Y1 early, Y2 late) → 50,00%; pending 2 (Y3 not due, Y4 due 15/03 < 31/03: overdue) → 50,00%;
  // new 3 (Y2–Y4), online 1 (Y2) → 33,33%; no ratings.
  'Y1,Sở Y tế,28/02/2024,06/03/2024,05/03/2024,Đã trả kết quả,Trực tiếp,',
  'Y2,Sở Y tế,01/03/2024,06/03/2024,07/03/2024,Đã trả kết quả,Trực tuyến,',
  'Y3,Sở Y tế,30/03/2024,15/04/2024,,Đang xử lý,Trực tiếp,',
  'Y4,Sở Y tế,01/03/2024,15/03/2024,,Đang xử lý,,',
];
// Total of March 2024: received 9 + 4 = 13; in time 7 + 2 = 9 → 69,230…% → 69,23%; 20 × 9 / 13 = 13,846… → 13,85;
// resolved in time 6 of 8 = 75%; pending in time 3 of 5 = 60%; online 4 of 10 new = 40%; satisfied 1 of 2 = 50%.

let dir: string;
let file: string;

beforeAll(() => {
  expect(existsSync(HCC)).toBe(true);
  dir = tempDir('hcc-766-');
  file = join(dir, 'ho-so.csv');
  writeFileSync(file, [HEADER, ...ROWS].join('\n'));
});

const run = (args: string[]) => runHcc(['table', '--input', file, '--rejects', join(dir, 'rejects.csv'), '--indicators', '766', ...args], { cwd: dir });

describe('hcc table --indicators 766', () => {
  it('gives the hand-computed figures per agency and in total (JSON)', () => {
    const r = run(['--period', '2024-03', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.indicators).toBe('766');
    expect(json.period).toEqual({ from: '2024-03-01', to: '2024-03-31', label: '2024-03' });
    const byName = Object.fromEntries(json.rows.map((row: { agency: string }) => [row.agency, row]));
    expect(byName['Sở Tư pháp']).toMatchObject({ received: 9, progressPct: 77.78, score: 15.56, resolvedInTimePct: 83.33, pendingInTimePct: 66.67, onlinePct: 42.86, satisfiedPct: 50 });
    expect(byName['Sở Y tế']).toMatchObject({ received: 4, resolvedInTime: 1, pendingInTime: 1, progressPct: 50, score: 10, resolvedInTimePct: 50, pendingInTimePct: 50, onlinePct: 33.33, rated: 0, satisfiedPct: null });
    expect(json.total).toMatchObject({ received: 13, resolvedInTime: 6, pendingInTime: 3, progressPct: 69.23, score: 13.85 });
    expect(json.notes[0]).toMatch(/^Ước tính/);
    expect(json.notes).toContain('1 hồ sơ đang chờ bổ sung được tính là trong hạn; Cổng lấy thời điểm yêu cầu bổ sung làm thời điểm kết thúc và tính quá hạn nếu yêu cầu bổ sung quá một lần.');
  });

  it('prints the table for people, in the Vietnamese number style, with the notes under it', () => {
    const r = run(['--period', '2024-03']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Chỉ số tiến độ giải quyết TTHC theo Quyết định 766/QĐ-TTg, từ ngày 01/3/2024 đến ngày 31/3/2024 (2024-03)');
    const tuPhap = r.stdout.split('\n').find((l) => l.includes('Sở Tư pháp'))!;
    expect(tuPhap.split(/\s{2,}/).slice(2)).toEqual(['9', '5', '2', '77,78%', '15,56', '83,33%', '66,67%', '42,86%', '50,00%']);
    const total = r.stdout.split('\n').find((l) => l.includes('Tổng số'))!;
    expect(total).toMatch(/13\s+6\s+3\s+69,23%\s+13,85\s/);
    expect(r.stdout).toMatch(/Ghi chú:\n- Ước tính: /);
  });

  it('writes CSV for scripts: machine names, one row per agency, the total, then the notes', () => {
    const r = run(['--period', '2024-03', '--format', 'csv']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(
      'stt,agency,received,resolved_in_time,pending_in_time,progress_pct,score,resolved_in_time_pct,pending_in_time_pct,online_pct,satisfied_pct',
    );
    expect(lines).toContain('1,Sở Tư pháp,9,5,2,77.78,15.56,83.33,66.67,42.86,50');
    expect(lines).toContain('2,Sở Y tế,4,1,1,50,10,50,50,33.33,');
    expect(lines).toContain(',Tổng số,13,6,3,69.23,13.85,75,60,40,50');
    expect(lines.filter((l) => l.startsWith('ghi_chu,')).length).toBeGreaterThanOrEqual(2);
  });

  it('counts a named period by the calendar even when the config cuts off the Decree 09 way, and says so', () => {
    const config = join(dir, 'hcc.config.json');
    writeFileSync(config, JSON.stringify({ cutoff: 'decree09' }));
    const r = runHcc(['table', '--input', file, '--config', config, '--rejects', join(dir, 'rejects.csv'), '--indicators', '766', '--period', '2024-03', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.period).toMatchObject({ from: '2024-03-01', to: '2024-03-31' });
    expect(json.total.received).toBe(13);
    expect(json.notes.some((n: string) => n.includes('không theo mốc chốt Nghị định 09'))).toBe(true);
    // The ordinary table of the same config keeps the Decree 09 period.
    const plain = JSON.parse(runHcc(['table', '--input', file, '--config', config, '--rejects', join(dir, 'rejects.csv'), '--period', '2024-03', '--format', 'json'], { cwd: dir }).stdout);
    expect(plain.period).toMatchObject({ from: '2024-02-15', to: '2024-03-14' });
  }, 60_000);

  it('says when a period is not one the portal publishes', () => {
    const json = JSON.parse(run(['--period', '2024-H1', '--format', 'json']).stdout);
    expect(json.notes.some((n: string) => n.includes('không phải tháng, quý hoặc năm'))).toBe(true);
  });

  it('refuses the Decree 09 cut-off and --compare, in one Vietnamese line', () => {
    const cut = run(['--period', '2024-03', '--cutoff', 'decree09']);
    expect(cut.status).toBe(2);
    expect(cut.stderr.trim()).toBe('hcc: lỗi: --indicators 766 tính theo kỳ lịch (tháng, quý, năm như Cổng DVC quốc gia): bỏ --cutoff decree09');
    const cmp = run(['--period', '2024-03', '--compare', 'previous']);
    expect(cmp.status).toBe(2);
    expect(cmp.stderr).toContain('--indicators 766 chưa dùng được với --compare');
  }, 60_000);
});
