// The example values `hcc init` writes into a new config, kept in one place: init writes them, and
// `hcc report` names any still left unchanged, so a report never goes out signed by "Nguyễn Văn A".
import type { AgencyEntry } from '../core/agencies.js';

/** The example agency list of a config made without --input (the clerk replaces it with their own). */
export const EXAMPLE_AGENCIES: readonly (AgencyEntry | string)[] = [
  { name: 'Sở Giao thông vận tải', aliases: ['Sở GTVT'] },
  { name: 'Văn phòng UBND tỉnh', aliases: ['Văn phòng Ủy ban nhân dân tỉnh'] },
  'Sở Tư pháp',
];

/** Example texts of the "report" section, by key path: obviously placeholders, never a real province's. */
export const EXAMPLE_REPORT_VALUES = {
  'report.province': '(tên tỉnh)',
  'report.place': '(địa danh)',
  'report.parentAgency': 'ỦY BAN NHÂN DÂN TỈNH (TÊN TỈNH)',
  'report.signer.name': 'Nguyễn Văn A',
} as const;

export type ExampleKey = keyof typeof EXAMPLE_REPORT_VALUES | 'agencies';

/** The example values a config document (as parsed, before typing) still holds, each with its value as written. */
export function examplesLeft(data: Record<string, unknown>): { key: ExampleKey; value: string }[] {
  const left: { key: ExampleKey; value: string }[] = [];
  if (isExampleAgencyList(data.agencies)) {
    left.push({ key: 'agencies', value: EXAMPLE_AGENCIES.map((a) => (typeof a === 'string' ? a : a.name)).join(', ') });
  }
  for (const [key, example] of Object.entries(EXAMPLE_REPORT_VALUES) as [keyof typeof EXAMPLE_REPORT_VALUES, string][]) {
    const value = valueAt(data, key.split('.'));
    if (typeof value === 'string' && value.trim() === example) left.push({ key, value: example });
  }
  return left;
}

function valueAt(data: unknown, path: string[]): unknown {
  let v = data;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** True for the example agency list of a new config (not the office's own list yet). */
export function isExampleAgencyList(value: unknown): boolean {
  return Array.isArray(value) && sameJson(value, EXAMPLE_AGENCIES);
}
