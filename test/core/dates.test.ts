import { describe, expect, it } from 'vitest';
import { addDays, formatDayMonthYear, formatLongDate, fromExcelSerial, parseDateText, parseExcelSerial } from '../../src/core/dates.js';

const ok = (text: string) => {
  const r = parseDateText(text);
  if (!r.ok) throw new Error(r.error);
  return r.date;
};
const err = (text: string) => {
  const r = parseDateText(text);
  return r.ok ? null : r.error;
};

describe('parseDateText', () => {
  it('reads every form seen in exports', () => {
    expect(ok('2019-06-30')).toBe('2019-06-30');
    expect(ok('2019-06-30 23:59:59')).toBe('2019-06-30');
    expect(ok('2019-06-30T08:00')).toBe('2019-06-30');
    expect(ok('30/06/2019')).toBe('2019-06-30');
    expect(ok('3/7/2017')).toBe('2017-07-03');
    expect(ok('30/06/2019 16:45:00')).toBe('2019-06-30');
    expect(ok('30-06-2019')).toBe('2019-06-30');
    expect(ok('30-06-2019 08:15')).toBe('2019-06-30');
    expect(ok('20190630235959')).toBe('2019-06-30');
    expect(ok('20190630')).toBe('2019-06-30');
    expect(ok('43646')).toBe('2019-06-30');
    expect(ok('43646.75')).toBe('2019-06-30');
    expect(ok('  ')).toBeNull();
  });
  it('takes the Vietnam calendar day of a time with a zone', () => {
    expect(ok('2019-06-30T16:59:59Z')).toBe('2019-06-30');
    expect(ok('2019-06-30T17:00:00Z')).toBe('2019-07-01');
    expect(ok('2019-06-30T23:30:00+07:00')).toBe('2019-06-30');
    expect(ok('2019-07-01T00:30:00+09:00')).toBe('2019-06-30');
  });
  it('refuses impossible dates instead of rolling them over', () => {
    expect(err('31/06/2019')).toMatch(/tháng 6\/2019 chỉ có 30 ngày/);
    expect(err('29/02/2019')).toMatch(/chỉ có 28 ngày/);
    expect(ok('29/02/2020')).toBe('2020-02-29');
    expect(err('2019-13-01')).toMatch(/không có tháng 13/);
    expect(err('00/01/2019')).not.toBeNull();
    expect(err('30/06/2019 25:00')).toMatch(/giờ/);
    expect(err('hôm qua')).toMatch(/không đọc được/);
  });
});

describe('implausible dates are errors, never a day of 1905', () => {
  it('refuses a bare year and serial numbers outside 1990–2100', () => {
    expect(err('2024')).toMatch(/chỉ có năm "2024", thiếu ngày và tháng/);
    expect(err('1000')).toMatch(/không phải là ngày hợp lý/);
    expect(err('999999')).toMatch(/không phải là ngày hợp lý/);
    expect(err('32873')).toMatch(/không phải là ngày hợp lý/); // 31/12/1989
    expect(ok('32874')).toBe('1990-01-01');
    expect(ok('73415')).toBe('2100-12-31');
    expect(err('73416')).toMatch(/không phải là ngày hợp lý/);
  });
  it('refuses years outside 1990–2100 in any form', () => {
    expect(err('01/01/1989')).toMatch(/năm ngoài khoảng hợp lý 1990–2100/);
    expect(err('1905-07-16')).toMatch(/năm ngoài khoảng hợp lý/);
    expect(err('01/01/2101')).toMatch(/năm ngoài khoảng hợp lý/);
    expect(ok('01/01/1990')).toBe('1990-01-01');
  });
  it('reads serials of workbooks in the 1904 date system', () => {
    const r = parseExcelSerial(45366 - 1462, undefined, true);
    expect(r).toEqual({ ok: true, date: '2024-03-15' });
  });
  it('refuses impossible zone offsets', () => {
    expect(err('2024-03-15T10:00:00+25:00')).toMatch(/múi giờ không hợp lệ "\+25:00"/);
    expect(err('2024-03-15T10:00:00+07:99')).toMatch(/múi giờ không hợp lệ/);
    expect(err('2024-03-15T10:00:00-1500')).toMatch(/múi giờ không hợp lệ/);
    expect(ok('2024-03-15T20:00:00+14:00')).toBe('2024-03-15');
    expect(ok('2024-03-15T20:00:00-12:00')).toBe('2024-03-16');
  });
});

describe('calendar helpers', () => {
  it('adds days across months and leap years', () => {
    expect(addDays('2019-02-28', 1)).toBe('2019-03-01');
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addDays('2019-01-01', -1)).toBe('2018-12-31');
  });
  it('converts Excel serials from the 1899-12-30 epoch', () => {
    expect(fromExcelSerial(1)).toBe('1899-12-31');
    expect(fromExcelSerial(43466)).toBe('2019-01-01');
  });
  it('writes dates the Vietnamese way', () => {
    expect(formatDayMonthYear('2019-06-30')).toBe('30/6/2019');
    expect(formatDayMonthYear('2017-07-03')).toBe('03/7/2017');
    expect(formatLongDate('2019-08-05')).toBe('ngày 05 tháng 8 năm 2019');
    expect(formatLongDate('2020-02-15')).toBe('ngày 15 tháng 02 năm 2020');
  });
});

describe('the fast path for dd/mm/yyyy [HH:mm:ss] agrees with the general one', () => {
  it('accepts, rejects and falls back exactly as before', () => {
    expect(ok('30/06/2019 23:59:59')).toBe('2019-06-30');
    expect(ok('01/01/2020')).toBe('2020-01-01');
    expect(err('31/06/2019 08:00:00')).toMatch(/30 ngày/);
    expect(err('30/06/2019 24:00:00')).toMatch(/giờ/);
    expect(err('30/13/2019')).toMatch(/tháng 13/);
    expect(ok('30/06/2019T08:00:00')).toBe('2019-06-30'); // not the fast form: general path
    expect(ok('3/6/2019 08:00:00')).toBe('2019-06-03');
    expect(err('3a/06/2019')).toMatch(/không đọc được/);
  });
});
