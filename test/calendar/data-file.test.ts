// The shipped calendar (report-templates/calendar/vn-days-off.json) is exactly what its CSV gives.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { CALENDAR_DIR, renderDaysOffJson } from './days-off-from-csv.mjs';

describe('report-templates/calendar/vn-days-off.json', () => {
  const csv = readFileSync(join(CALENDAR_DIR, 'vn-days-off.csv'), 'utf8');
  const shipped = readFileSync(join(CALENDAR_DIR, 'vn-days-off.json'), 'utf8');

  it('is generated from vn-days-off.csv (run node test/calendar/days-off-from-csv.mjs after editing it)', () => {
    expect(shipped).toBe(renderDaysOffJson(csv));
  });

  it('keeps the source of every day and covers 2017–2026', () => {
    const data = JSON.parse(shipped);
    expect([data.firstYear, data.lastYear]).toEqual([2017, 2026]);
    const rows = csv.trim().split('\n').length - 1;
    expect(data.daysOff.length + data.workdays.length).toBe(rows);
    for (const e of [...data.daysOff, ...data.workdays]) expect(e.source.length).toBeGreaterThan(10);
  });
});
