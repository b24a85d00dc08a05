// `hcc report` from PostgreSQL, where the monthly chart's months are counted inside the period's own
// statement (and the comparison's inside its own), and from MariaDB, where a month statement runs
// beside it: the workbook's "Biểu đồ" sheet (the agencies, the outcome and the months, --compare
// previous included) is the same as from the file the tables were loaded from, counted month by month.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { runHcc, tempDir } from '../helpers/run-hcc.js';
import { SERVERS, describeEachServer } from './db.js';
import { AGENCY_CONFIG, generate, writeCsv } from './generator.js';

const rows = generate(3000, 20261201);
const REPORT = ['report', '--period', '2019-H1', '--compare', 'previous', '--format', 'xlsx'];
let dir: string;
let expected: unknown[][];

/** Every row of the workbook's chart sheet, as values. */
async function chartSheet(out: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(join(out, 'phu-luc-2019-H1.xlsx')) as never);
  const got: unknown[][] = [];
  wb.getWorksheet('Biểu đồ')!.eachRow((row) => got.push((row.values as unknown[]).slice(1)));
  return got;
}

function config(name: string, source: Record<string, unknown>): string {
  const path = join(dir, `${name}.config.json`);
  writeFileSync(path, JSON.stringify({ agencies: AGENCY_CONFIG, source }));
  return path;
}

beforeAll(async () => {
  dir = tempDir('hcc-report-months-');
  const csv = join(dir, 'ho-so.csv');
  writeCsv(csv, rows);
  const out = join(dir, 'file');
  const run = runHcc([...REPORT, '--input', csv, '--config', config('file', {}), '--out', out, '--rejects', join(dir, 'r.csv')], { cwd: dir });
  expect(run.status, run.stderr).toBe(0);
  expected = await chartSheet(out);
  // The sheet holds the two periods' months, with figures (not an empty chart compared with another);
  // the generated dossiers reach into 2018's last months only.
  const months = expected.filter((r) => /^\d\d\/2019$/.test(String(r[1])));
  expect(months).toHaveLength(6);
  expect(months.every((r) => Number(r[2]) > 0 && Number(r[3]) > 0 && /^\d\d\/2018$/.test(String(r[4])))).toBe(true);
  expect(months.filter((r) => Number(r[5]) > 0 && Number(r[6]) > 0).length).toBeGreaterThan(0);
}, 120_000);

describeEachServer(
  SERVERS.filter((s) => s.name === 'PostgreSQL' || s.name === 'MariaDB'),
  'hcc_months',
  rows,
  (server, table) => {
    it('draws the same chart tables as the file, the comparison period included', async () => {
      const out = join(dir, server.name);
      const cfg = config(server.name, server.source);
      const run = runHcc([...REPORT, '--db', server.url!, '--source-table', table, '--config', cfg, '--out', out, '--rejects', join(dir, 'r.csv')], { cwd: dir });
      expect(run.status, run.stderr).toBe(0);
      expect(await chartSheet(out)).toEqual(expected);
    }, 60_000);
  },
);
