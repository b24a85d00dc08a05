// `hcc calendar YEAR` end to end: the shipped days, the config's additions marked, the estimate warned.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runHcc, tempDir } from '../helpers/run-hcc.js';

describe('hcc calendar', () => {
  it('prints the days off of 2025, the Saturday worked and the working days', () => {
    const r = runHcc(['calendar', '2025']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('27/1/2025  Thứ Hai  Tết Nguyên đán Ất Tỵ');
    expect(r.stdout).toContain('26/4/2025  Thứ Bảy  Đi làm bù');
    expect(r.stdout).toContain('Số ngày làm việc trong năm: 250');
  });

  it('marks the config additions and says nothing is estimated once a year is announced there', () => {
    const dir = tempDir('hcc-calendar-');
    const config = join(dir, 'hcc.config.json');
    writeFileSync(config, `{ // lịch 2027 đã công bố (một phần)
      "calendar": { "daysOff": [{ "date": "2027-02-08", "name": "Tết Nguyên đán Đinh Mùi" }], "workdays": ["2027-02-20"] } }`);
    const r = runHcc(['calendar', '2027', '--config', config, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const json = JSON.parse(r.stdout);
    expect(json.estimated).toBe(false);
    expect(json.daysOff).toEqual([{ date: '2027-02-08', weekday: 'Thứ Hai', name: 'Tết Nguyên đán Đinh Mùi', kind: 'holiday', origin: 'config' }]);
    expect(json.workdays.map((d: { date: string; origin: string }) => [d.date, d.origin])).toEqual([['2027-02-20', 'config']]);
  });

  it('estimates a year beyond the data and warns', () => {
    const r = runHcc(['calendar', '2028', '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/cảnh báo: lịch ngày làm việc năm 2028 chưa có trong dữ liệu.*thiếu Tết Nguyên đán/);
    const json = JSON.parse(r.stdout);
    expect(json.estimated).toBe(true);
    // 2028: Sat 1/1 → nghỉ bù Mon 3/1; Sun 30/4 and Mon 1/5 → nghỉ bù Tue 2/5; Sat 2/9 with Fri 1/9 → nghỉ bù Mon 4/9.
    expect(json.daysOff.map((d: { date: string }) => d.date)).toEqual(['2028-01-01', '2028-01-03', '2028-04-30', '2028-05-01', '2028-05-02', '2028-09-01', '2028-09-02', '2028-09-04']);
  });

  it('rejects a bad year and a bad config date with their place', () => {
    expect(runHcc(['calendar', 'abc']).status).toBe(2);
    const dir = tempDir('hcc-calendar-');
    const config = join(dir, 'hcc.config.json');
    writeFileSync(config, '{\n  "calendar": { "daysOff": ["31/02/2027"] }\n}\n');
    const r = runHcc(['calendar', '2027', '--config', config]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/hcc.config.json:2:\d+: "calendar.daysOff\[0\]" = "31\/02\/2027" không phải ngày hợp lệ/);
  });
});
