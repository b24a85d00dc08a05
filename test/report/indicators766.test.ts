// The optional Decision 766 part of the report ("report": {"indicators766": true}): a paragraph in
// section II and the workbook sheet "Chỉ số 766", with the figures `hcc table --indicators 766` gives
// for the calendar period, even when the report itself uses the Decree 09 cut-off.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../helpers/report.js';
import { HA_NAM, runHcc, tempDir } from '../helpers/run-hcc.js';

let dir: string;
let withFigures: string;
let without: string;

/** The Hà Nam config (agencies) with the Decree 09 cut-off and, when asked, the 766 figures. */
function config(name: string, indicators: boolean): string {
  const text = readFileSync(HA_NAM.config, 'utf8').replace(/^\s*\/\/.*$/gm, '');
  const cfg = JSON.parse(text);
  cfg.cutoff = 'decree09';
  cfg.report = { ...(cfg.report ?? {}), number: '12', date: '2019-07-20', ...(indicators ? { indicators766: true } : {}) };
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(cfg));
  return file;
}

function report(cfg: string, out: string) {
  const r = runHcc(['report', '--input', HA_NAM.csv, '--config', cfg, '--period', '2019-Q2', '--format', 'pdf,xlsx', '--out', out, '--rejects', join(dir, 'rejects.csv')], { cwd: dir });
  expect(r.status, r.stderr).toBe(0);
  return Object.fromEntries(readdirSync(out).map((f) => [f.endsWith('.pdf') ? 'pdf' : 'xlsx', join(out, f)]));
}

async function sheetNames(file: string): Promise<{ wb: ExcelJS.Workbook; names: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { wb, names: wb.worksheets.map((w) => w.name) };
}

beforeAll(() => {
  dir = tempDir('hcc-766-report-');
  withFigures = config('with.json', true);
  without = config('without.json', false);
});

describe('report with "indicators766": true', () => {
  it('quotes the calendar-quarter figures in section II and adds the sheet "Chỉ số 766"', async () => {
    const files = report(withFigures, join(dir, 'with'));
    // The oracle: the table command over the calendar quarter (the report's own period is 15/3–14/6).
    const json = JSON.parse(
      runHcc(['table', '--input', HA_NAM.csv, '--config', withFigures, '--period', '2019-Q2', '--indicators', '766', '--format', 'json', '--rejects', join(dir, 'r.csv')], { cwd: dir }).stdout,
    );
    expect(json.period).toMatchObject({ from: '2019-04-01', to: '2019-06-30' });
    const vi = (n: number) => n.toFixed(2).replace('.', ',');
    const text = pdfText(files.pdf, false).replace(/\s+/g, ' ');
    expect(text).toContain('Trong kỳ báo cáo (từ 15/3/2019 đến 14/6/2019)'); // the report keeps its Decree 09 period
    expect(text).toContain('kỳ từ ngày 01/4/2019 đến ngày 30/6/2019');
    expect(text).toContain(`đạt tỷ lệ ${vi(json.total.progressPct)}%, tương ứng ${vi(json.total.score)}/20 điểm`);

    const { wb, names } = await sheetNames(files.xlsx);
    expect(names).toEqual(['Phụ lục', 'Chỉ số 766', 'Biểu đồ', 'Kiểm tra dữ liệu']);
    const ws = wb.getWorksheet('Chỉ số 766')!;
    expect(String(ws.getCell('A1').value)).toBe('CHỈ SỐ TIẾN ĐỘ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH THEO QUYẾT ĐỊNH SỐ 766/QĐ-TTg TỪ NGÀY 01/4/2019 ĐẾN NGÀY 30/6/2019');
    let totalRow = -1;
    for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(r, 2).value === 'Tổng số') totalRow = r;
    expect(totalRow).toBeGreaterThan(0);
    // Counts as numbers, the ratio as a fraction shown with a percent format, the score as a number.
    expect(ws.getCell(totalRow, 3).value).toBe(json.total.received);
    expect(ws.getCell(totalRow, 6).value).toBeCloseTo(json.total.progressPct / 100, 6);
    expect(ws.getCell(totalRow, 6).numFmt).toBe('[$-42A]0.00%');
    expect(ws.getCell(totalRow, 7).value).toBe(json.total.score);
    const below: string[] = [];
    for (let r = totalRow + 1; r <= ws.rowCount; r++) below.push(String(ws.getCell(r, 1).value ?? ''));
    expect(below.join('\n')).toContain('- Ước tính:');
    expect(below.join('\n')).toContain('không theo mốc chốt Nghị định 09');
  }, 120_000);

  it('leaves both out when the config does not ask for them', async () => {
    const files = report(without, join(dir, 'without'));
    expect(pdfText(files.pdf, false)).not.toContain('766');
    expect((await sheetNames(files.xlsx)).names).toEqual(['Phụ lục', 'Biểu đồ', 'Kiểm tra dữ liệu']);
  }, 120_000);

  it('refuses a value that is not true or false, naming the key', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "report": { "indicators766": "yes" }\n}\n');
    const r = runHcc(['report', '--input', HA_NAM.csv, '--config', bad, '--period', '2019-Q2', '--out', join(dir, 'bad')], { cwd: dir });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/bad\.json:2:\d+.*report\.indicators766.*true hoặc false/);
  });
});
