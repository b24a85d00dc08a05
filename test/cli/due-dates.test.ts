// `hcc due-dates`: recorded due dates against the time limit counted in working days from the day
// after receipt, around the swapped Saturday 26/4/2025 and Tết 2025.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AgencyList } from '../../src/core/agencies.js';
import { DueDateChecker, lawfulDueDate } from '../../src/core/due-dates.js';
import { configFrom } from '../../src/config.js';
import { loadCalendar } from '../../src/pipeline/calendar.js';
import { runHcc, tempDir } from '../helpers/run-hcc.js';

const HEADER = 'Mã hồ sơ,Đơn vị,Lĩnh vực,Tên thủ tục hành chính,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái';
const ROWS = [
  'K1,Sở Tư pháp,Hộ tịch,Đăng ký khai sinh,24/04/2025,29/04/2025,,Đang xử lý', // lawful 28/4: 1 working day beyond
  'K2,Sở Tư pháp,Hộ tịch,Đăng ký khai sinh,24/04/2025,05/05/2025,,Đang xử lý', // 2 beyond (29/4, 5/5)
  'K3,Sở Tư pháp,Hộ tịch,Đăng ký khai sinh,24/04/2025,,,Đang xử lý', // no due date
  'K4,Sở Tư pháp,Hộ tịch,Đăng ký khai sinh,26/04/2025,05/05/2025,,Đang xử lý', // Saturday worked: lawful 5/5, fine
  'K5,Sở Tư pháp,Hộ tịch,Đăng ký khai sinh,24/04/2025,28/04/2025,,Công dân yêu cầu rút hồ sơ', // withdrawn: not checked
  'L1,Sở Tư pháp,Lý lịch tư pháp,Cấp phiếu lý lịch tư pháp,24/01/2025,14/02/2025,,Đang xử lý', // across Tết: lawful 14/2
  'L2,Sở Tư pháp,Lý lịch tư pháp,Cấp phiếu lý lịch tư pháp,24/01/2025,17/02/2025,,Đang xử lý', // 1 beyond
  'X1,Sở Y tế,Dược,Cấp chứng chỉ hành nghề dược,24/01/2025,13/02/2025,,Đang xử lý', // no known limit
];
let dir: string;

beforeAll(() => {
  dir = tempDir('hcc-due-dates-');
  writeFileSync(join(dir, 'ho-so.csv'), [HEADER, ...ROWS].join('\n'));
  writeFileSync(join(dir, 'hcc.config.json'), '{ "timeLimits": { "Đăng ký khai sinh": 3, "cấp phiếu  lý lịch tư pháp": 10 } }');
});

describe('the latest lawful due date', () => {
  const cal = loadCalendar(configFrom({}));
  it('counts N working days from the day after receipt', () => {
    // Thu 24/4/2025 + 3: Fri 25 (1), Sat 26 worked (2), Mon 28 (3).
    expect(lawfulDueDate(cal, '2025-04-24', 3)).toBe('2025-04-28');
    // Fri 24/1/2025 + 10: Tết 27–31/1 and the weekend skipped; 3/2 … 14/2 are the 10 working days.
    expect(lawfulDueDate(cal, '2025-01-24', 10)).toBe('2025-02-14');
    // Received on a Sunday, 1 day: Monday; "trong ngày" (0) on a Sunday: Monday too.
    expect(lawfulDueDate(cal, '2025-03-09', 1)).toBe('2025-03-10');
    expect(lawfulDueDate(cal, '2025-03-09', 0)).toBe('2025-03-10');
    expect(lawfulDueDate(cal, '2025-03-10', 0)).toBe('2025-03-10');
  });

  it('a period keeps only the dossiers received in it', () => {
    const checker = new DueDateChecker({ 'Đăng ký khai sinh': 3 }, cal, new AgencyList([]), { from: '2025-04-25', to: '2025-04-30' });
    checker.add({ code: 'a', agency: 'X', procedure: 'Đăng ký khai sinh', receivedOn: '2025-04-24', dueOn: null });
    checker.add({ code: 'b', agency: 'X', procedure: 'ĐĂNG KÝ KHAI SINH', receivedOn: '2025-04-25', dueOn: null });
    const r = checker.result();
    expect([r.checked, r.issues.map((x) => x.code)]).toEqual([1, ['b']]);
  });
});

describe('hcc due-dates', () => {
  it('lists the appointments beyond the time limit and those without one, most beyond first', () => {
    const r = runHcc(['due-dates', '--input', 'ho-so.csv', '--format', 'json'], { cwd: dir });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.checked).toBe(6);
    expect(json.issues.map((x: { code: string; lawfulDueOn: string; workdaysBeyond: number | null }) => [x.code, x.lawfulDueOn, x.workdaysBeyond])).toEqual([
      ['K2', '2025-04-28', 2],
      ['L2', '2025-02-14', 1],
      ['K1', '2025-04-28', 1],
      ['K3', '2025-04-28', null],
    ]);
    expect(json.unknownLimit).toBe(1);
    expect(json.unknownProcedures).toEqual([{ procedure: 'Cấp chứng chỉ hành nghề dược', count: 1 }]);
  });

  it('as CSV and on the terminal, with the procedures whose limit is unknown', () => {
    const csv = runHcc(['due-dates', '--input', 'ho-so.csv', '--format', 'csv', '--period', '2025-04'], { cwd: dir }).stdout.trim().split('\n');
    expect(csv).toEqual([
      'code,agency,procedure,received_at,time_limit,time_limit_source,lawful_due_at,due_at,workdays_beyond',
      'K2,Sở Tư pháp,Đăng ký khai sinh,2025-04-24,3,config,2025-04-28,2025-05-05,2',
      'K1,Sở Tư pháp,Đăng ký khai sinh,2025-04-24,3,config,2025-04-28,2025-04-29,1',
      'K3,Sở Tư pháp,Đăng ký khai sinh,2025-04-24,3,config,2025-04-28,,',
    ]);
    const text = runHcc(['due-dates', '--input', 'ho-so.csv'], { cwd: dir }).stdout;
    expect(text).toContain('4/6 hồ sơ đã kiểm tra');
    expect(text).toContain('khóa "timeLimits" của tệp cấu hình');
    expect(text).not.toContain('(cấu hình)'); // every limit from the config: nothing to tell apart
    expect(text).toContain('Cấp chứng chỉ hành nghề dược (1)');
  });
});
