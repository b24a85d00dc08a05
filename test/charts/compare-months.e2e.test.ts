// The monthly chart with --compare: the comparison period's months drawn as dashed lines beside the
// report's columns (the counting itself is checked against the file in test/sources/differential).
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { pdfText } from '../helpers/report.js';
import { runHcc, tempDir } from '../helpers/run-hcc.js';

const SLUG = '2017-07-03_2019-06-30';

it('hcc report --demo --compare last-year: the monthly chart has the comparison period in its legend and lines', () => {
  const out = tempDir('hcc-compare-months-');
  const r = runHcc(['report', '--demo', '--compare', 'last-year', '--out', out]);
  expect(r.status, r.stderr).toBe(0);
  const text = pdfText(join(out, `bao-cao-${SLUG}.pdf`), false);
  const chart = text.slice(text.indexOf('Biểu đồ 3.'));
  expect(chart).toContain('Tiếp nhận mới (kỳ so sánh)');
  expect(chart).toContain('Đã giải quyết (kỳ so sánh)');
  const bare = tempDir('hcc-compare-none-');
  expect(runHcc(['report', '--demo', '--out', bare]).status).toBe(0);
  expect(pdfText(join(bare, `bao-cao-${SLUG}.pdf`), false)).not.toContain('(kỳ so sánh)');
}, 180_000);
