// The monthly chart with --compare: the comparison period's months drawn as dashed lines beside the
// report's columns, named under the chart, and listed beside the report's months in the workbook's
// "Biểu đồ" table (the counting itself is checked against the file in test/sources/differential).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { pdfText } from '../helpers/report.js';
import { runHcc, tempDir } from '../helpers/run-hcc.js';

const SLUG = '2017-07-03_2019-06-30';
/** `--compare last-year` of the demo's 03/7/2017–30/6/2019: the same days a year earlier. */
const COMPARED = 'kỳ từ ngày 03/7/2016 đến ngày 30/6/2018';

let out: string;
beforeAll(() => {
  out = tempDir('hcc-compare-months-');
  const r = runHcc(['report', '--demo', '--compare', 'last-year', '--out', out]);
  expect(r.status, r.stderr).toBe(0);
}, 180_000);

it('hcc report --demo --compare last-year: the monthly chart has the comparison period in its legend, lines and note', () => {
  const text = pdfText(join(out, `bao-cao-${SLUG}.pdf`), false);
  const chart = text.slice(text.indexOf('Biểu đồ 3.')).replace(/\s+/g, ' ');
  expect(chart).toContain('Tiếp nhận mới (kỳ so sánh)');
  expect(chart).toContain('Đã giải quyết (kỳ so sánh)');
  expect(chart).toContain(`Đường nét đứt: số liệu của kỳ so sánh (${COMPARED}), mỗi tháng đặt ở vị trí tháng tương ứng của kỳ báo cáo.`);
  const bare = tempDir('hcc-compare-none-');
  expect(runHcc(['report', '--demo', '--out', bare]).status).toBe(0);
  const plain = pdfText(join(bare, `bao-cao-${SLUG}.pdf`), false);
  expect(plain).not.toContain('(kỳ so sánh)');
  expect(plain).not.toContain('Đường nét đứt');
}, 180_000);

it("lists the comparison period's months beside the report's in the workbook's chart table", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(out, `phu-luc-${SLUG}.xlsx`)) as never);
  const ws = wb.getWorksheet('Biểu đồ')!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const at = rows.findIndex((r) => String(r[0]).startsWith('Biểu đồ 3.'));
  expect(rows[at + 1]).toEqual(['STT', 'Tháng', 'Tiếp nhận mới', 'Đã giải quyết', 'Tháng (kỳ so sánh)', 'Tiếp nhận mới (kỳ so sánh)', 'Đã giải quyết (kỳ so sánh)']);
  const months = rows.slice(at + 2, at + 2 + 24);
  expect(months.map((r) => r[1])).toEqual(months.map((_, i) => `${String(((6 + i) % 12) + 1).padStart(2, '0')}/${2017 + Math.floor((6 + i) / 12)}`));
  expect(months.map((r) => r[4])).toEqual(months.map((_, i) => `${String(((6 + i) % 12) + 1).padStart(2, '0')}/${2016 + Math.floor((6 + i) / 12)}`));
  // The two periods share 08/2017–06/2018 as whole months (07/2017 is cut to 03/7 in the report's):
  // counted through either period, a month has the same figures.
  for (let i = 13; i < 24; i++) {
    expect([months[i][5], months[i][6]], String(months[i][4])).toEqual([months[i - 12][2], months[i - 12][3]]);
    expect(Number(months[i][5])).toBeGreaterThan(0);
  }
  expect(rows[at + 2 + 24][0]).toBe(`Kỳ so sánh: ${COMPARED}.`);
});
