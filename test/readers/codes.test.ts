import { describe, expect, it } from 'vitest';
import { CodeIndex } from '../../src/readers/code-index.js';
import { parseChannel, parseRating, parseStatus } from '../../src/readers/codes.js';
import { HeaderMatcher } from '../../src/readers/headers.js';
import { foldKey } from '../../src/readers/text.js';

describe('parseStatus', () => {
  it('reads codes 1–10 and refuses other numbers', () => {
    for (let n = 1; n <= 10; n++) expect(parseStatus(String(n))).toBe(n);
    expect(parseStatus('09')).toBe(9);
    expect(parseStatus('10.0')).toBe(10);
    expect(parseStatus('0')).toBeUndefined();
    expect(parseStatus('11')).toBeUndefined();
  });

  it('reads the national labels whatever the accents and case', () => {
    expect(parseStatus('Đã xử lý xong')).toBe(9);
    expect(parseStatus('DA GIAI QUYET')).toBe(9);
    expect(parseStatus('hoàn thành')).toBe(9);
    expect(parseStatus('Đã trả kết quả')).toBe(10);
    expect(parseStatus('Yêu cầu bổ sung giấy tờ'.normalize('NFD'))).toBe(5);
  });

  it('reads OpenCPS words', () => {
    const words: Record<string, number> = {
      new: 1,
      receiving: 2,
      denied: 3,
      processing: 4,
      waiting: 5,
      paying: 6,
      cancelled: 7,
      done: 9,
      releasing: 9,
      released: 10,
      ended: 10,
    };
    for (const [w, code] of Object.entries(words)) expect(parseStatus(w)).toBe(code);
    expect(parseStatus('DONE')).toBe(9);
  });

  it('empty is null, unknown is undefined', () => {
    expect(parseStatus('  ')).toBeNull();
    expect(parseStatus('đã xong')).toBeUndefined();
  });
});

describe('parseChannel and parseRating', () => {
  it('reads channel codes and labels', () => {
    expect(parseChannel('1')).toBe('direct');
    expect(parseChannel('2.0')).toBe('online');
    expect(parseChannel('3')).toBe('postal');
    expect(parseChannel('4')).toBeUndefined();
    expect(parseChannel('Dịch vụ bưu chính công ích')).toBe('postal');
    expect(parseChannel('')).toBeNull();
    expect(parseChannel('email')).toBeUndefined();
  });

  it('reads ratings', () => {
    expect(parseRating('Rất hài lòng')).toBe(true);
    expect(parseRating('không hài lòng')).toBe(false);
    expect(parseRating('4,5')).toBe(true);
    expect(parseRating('Bình thường')).toBeNull();
  });
});

describe('header keys', () => {
  it('folds accents, đ, case, spaces and punctuation', () => {
    expect(foldKey(' Ngày  tiếp-nhận ')).toBe('ngaytiepnhan');
    expect(foldKey('ĐƠN VỊ')).toBe('donvi');
    expect(foldKey('received_at')).toBe('receivedat');
  });

  it('maps aliases and refuses a config naming an unknown field', () => {
    const m = new HeaderMatcher();
    expect(m.lookup('Số hồ sơ')?.[0]).toBe('code');
    expect(m.lookup('Cơ quan giải quyết')?.[0]).toBe('agency');
    expect(m.lookup('Ngày kết thúc xử lý')?.[0]).toBe('resolved_at');
    expect(m.lookup('MaTTHC')).toBeUndefined();
    expect(m.lookup('Mức độ')).toBeUndefined();
    expect(() => new HeaderMatcher({ X: 'nonsense' as never })).toThrow(/cấu hình "columns"/);
  });
});

describe('CodeIndex', () => {
  it('returns the first line of a repeated code across growth and rehashing', () => {
    const index = new CodeIndex();
    const n = 200_000;
    let repeated = 0;
    for (let i = 0; i < n; i++) if (index.seen(`000.00.${i % 97}.H${i}`, i + 2) !== undefined) repeated++;
    expect(repeated).toBe(0);
    expect(index.size).toBe(n);
    expect(index.seen('000.00.5.H5', 999_999)).toBe(7);
    expect(index.seen(`000.00.${(n - 1) % 97}.H${n - 1}`, 1)).toBe(n + 1);
    expect(index.seen('000.00.5.H5x', 3)).toBeUndefined();
  });

  it('handles Latin-1 and wider characters alike', () => {
    const index = new CodeIndex();
    expect(index.seen('HS-é1', 2)).toBeUndefined();
    expect(index.seen('HS-ộ1', 3)).toBeUndefined();
    expect(index.seen('HS-é1', 4)).toBe(2);
    expect(index.seen('HS-ộ1', 5)).toBe(3);
    expect(index.seen('', 6)).toBeUndefined();
    expect(index.seen('', 7)).toBe(6);
  });
});
