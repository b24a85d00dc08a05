// Duplicate-code detection: exact, before and after the codes move to disk.
import { describe, expect, it } from 'vitest';
import { CodeIndex } from '../../src/readers/code-index.js';
import { mulberry32 } from '../helpers/random.js';

describe('CodeIndex', () => {
  it.each([
    ['in memory', 1_000_000],
    ['moved to disk after 50 codes', 50],
    ['on disk almost from the start', 1],
  ])('agrees with a Map on codes with repeats (%s)', (_, spillAt) => {
    const index = new CodeIndex(spillAt);
    const oracle = new Map<string, number>();
    const rand = mulberry32(spillAt);
    for (let line = 2; line < 3000; line++) {
      const n = Math.floor(rand() * 1200);
      // Mostly Latin-1 codes with leading zeros; a few with Vietnamese letters (beyond Latin-1).
      const code = rand() < 0.05 ? `HS-Đ${n}` : `000.00.17.H22-${String(n).padStart(6, '0')}`;
      const expected = oracle.get(code);
      if (expected === undefined) oracle.set(code, line);
      expect(index.seen(code, line)).toBe(expected);
    }
    expect(index.size).toBe(oracle.size);
  });
});
