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

  it.each([
    ['in memory', 1_000_000],
    ['moved to disk after 30,000 codes', 30_000],
  ])('agrees with a Map over many pages of characters, long codes included (%s)', (_, spillAt) => {
    const index = new CodeIndex(spillAt);
    const oracle = new Map<string, number>();
    const rand = mulberry32(7);
    const disagreements: string[] = []; // one expect() per code would take most of the time
    for (let line = 2; line < 100_000; line++) {
      // 5 to 300 characters: several 1 MB pages, and some codes longer than 255 (kept apart).
      const n = Math.floor(rand() * 80_000);
      const code = `HS-${n}-`.padEnd(5 + (n % 296), String.fromCharCode(65 + (n % 26)));
      const expected = oracle.get(code);
      if (expected === undefined) oracle.set(code, line);
      const got = index.seen(code, line);
      if (got !== expected) disagreements.push(`line ${line}: ${got} instead of ${expected}`);
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
    expect(index.size).toBe(oracle.size);
  });
});
