import { describe, expect, it } from 'vitest';
import { looseKey } from '../../src/core/agencies.js';
import { foldAccents } from '../../src/core/text.js';
import { foldKey } from '../../src/readers/text.js';

describe('foldAccents', () => {
  it('drops the diacritics of composed and decomposed text, đ/Đ included, and keeps case and spacing', () => {
    expect(foldAccents('Sở Tư pháp')).toBe('So Tu phap');
    expect(foldAccents('ĐƠN VỊ  đặc biệt')).toBe('DON VI  dac biet');
    expect(foldAccents('Ngày tiếp nhận'.normalize('NFD'))).toBe('Ngay tiep nhan');
    expect(foldAccents('Bưu chính công ích')).toBe('Buu chinh cong ich');
  });

  it('is the folding under the readers\' keys and the filters\' keys', () => {
    expect(foldKey('ĐƠN VỊ')).toBe('donvi');
    expect(looseKey('  SỞ  Tư-Pháp ')).toBe('so tu-phap');
    expect(looseKey('so tu phap')).toBe(looseKey('Sở Tư pháp'));
  });
});
