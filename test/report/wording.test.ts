import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatCount } from '../../src/core/format-vi.js';
import { compareTables, comparisonPeriod } from '../../src/core/compare.js';
import { parsePeriod } from '../../src/core/periods.js';
import type { Counts, PeriodTable } from '../../src/core/types.js';
import { resolveConditions } from '../../src/report/conditions.js';
import { defaultReportConfig } from '../../src/report/config.js';
import { textInForce } from '../../src/report/dated.js';
import { buildReport, unmatchedNotes } from '../../src/report/document.js';
import { roundAbout, tableFigures, type Figures } from '../../src/report/figures.js';
import { checkPlaceholders, fillText, loadTemplate, type ReportTemplate } from '../../src/report/template.js';
import { balanceTitle, glueRuns, markSymbols, titlePhrases } from '../../src/report/wording.js';
import { haNamTable, pdfText } from '../helpers/report.js';
import { HA_NAM, runHcc, tempDir } from '../helpers/run-hcc.js';

const TEMPLATE = loadTemplate('report-templates/bc-vpub.json') as ReportTemplate;

/** The Hà Nam table with its counts changed by `edit` (the total too) and its period set. */
function tableWith(period: string, edit: (c: Counts) => void = () => {}): PeriodTable {
  const t = haNamTable();
  edit(t.total);
  return { ...t, period: parsePeriod(period) };
}

function prose(table: PeriodTable, report = defaultReportConfig()): string {
  const doc = buildReport(table, TEMPLATE, report);
  return [doc.title, ...doc.blocks.map((b) => b.segments.map((s) => s.text).join(''))].join('\n');
}

describe('conditions in template text', () => {
  const figures: Figures = {
    'resolved.late': { text: '0', present: false, value: 0 },
    'agencies.noneCount': { text: '1', present: true, value: 1 },
  };
  it('chooses the branch by presence or by comparison, and nests', () => {
    expect(resolveConditions('{#if resolved.late}quá hạn{#else}không có hồ sơ quá hạn{/if}.', figures)).toBe('không có hồ sơ quá hạn.');
    expect(resolveConditions('{#if agencies.noneCount = 1}Cơ quan{#else}Các cơ quan{/if}', figures)).toBe('Cơ quan');
    expect(resolveConditions('{#if agencies.noneCount > 1}Các{/if}x', figures)).toBe('x');
    expect(resolveConditions('{#if agencies.noneCount >= 1}a{#if resolved.late}b{#else}c{/if}d{/if}', figures)).toBe('acd');
    expect(resolveConditions('{{#if x}} stays', figures)).toBe('{{#if x}} stays');
  });
  it('is checked when loaded: unknown names and unbalanced tags are refused with where they are', () => {
    expect(() => checkPlaceholders('{#if resolved.lat}a{/if}', 'mau.json: "x"')).toThrow('mau.json: "x": chỗ điền {#if resolved.lat} không có');
    expect(() => checkPlaceholders('{#if resolved.late}a', 'mau.json: "x"')).toThrow('thiếu {/if}');
    expect(() => checkPlaceholders('a{/if}', 'w')).toThrow('{/if} thừa');
    expect(() => checkPlaceholders('{#if resolved.late ~ 2}a{/if}', 'w')).toThrow('không hợp lệ');
    expect(() => checkPlaceholders('{#if resolved.late}{received.totl}{/if}', 'w')).toThrow('{received.totl}');
  });
});

describe('the wording an official writes', () => {
  it('a 2024-H1 report names its period and the next one in the title and section IV, without config text', () => {
    const doc = buildReport(tableWith('2024-H1'), TEMPLATE, { ...defaultReportConfig(), center: 'Trung tâm Phục vụ hành chính công tỉnh' });
    expect(doc.title).toBe(
      'Tình hình, kết quả giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công tỉnh 6 tháng đầu năm 2024 và phương hướng, nhiệm vụ 6 tháng cuối năm 2024',
    );
    // Sections without text are left out (I and III here): IV shows once it has a paragraph, numbered II.
    const withIV = buildReport(tableWith('2024-H2'), TEMPLATE, { ...defaultReportConfig(), sections: { IV: { paragraphs: ['Tiếp tục …'] } } });
    const headings = withIV.blocks.filter((b) => b.kind === 'heading').map((b) => b.segments.map((s) => s.text).join(''));
    expect(headings).toEqual(['I. TÌNH HÌNH, KẾT QUẢ TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH', 'II. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG ĐẦU NĂM 2025']);
  });

  it('zero reads as "không có", not "0 hồ sơ, tỷ lệ 0,0%"', () => {
    const text = prose(
      tableWith('2024-H1', (c) => {
        c.resolved.onTime += c.resolved.late;
        c.resolved.late = 0;
        c.pending.notDue += c.pending.overdue;
        c.pending.overdue = 0;
      }),
    );
    expect(text).toContain('không có hồ sơ quá hạn*'.replace('*', ''));
    expect(text).not.toMatch(/quá hạn 0 hồ sơ|0,0%/);
  });

  it('a share rounding to 0,0% or 100,0% that is not says "dưới 0,1%" / "trên 99,9%"', () => {
    const t = tableWith('2024-H1', (c) => {
      // 3 late of 34.985 resolved: 0,009%.
      c.resolved.onTime += c.resolved.late - 3;
      c.resolved.late = 3;
    });
    const f = tableFigures(t, { rankCount: 7 });
    expect(f['resolved.latePct'].text).toBe('dưới 0,1%');
    expect(f['resolved.latePct'].value).toBe(0);
    const all = tableFigures(
      tableWith('2024-H1', (c) => {
        c.received.total = 100000;
        c.resolved.total = 99990;
      }),
      { rankCount: 7 },
    );
    expect(all['resolved.pct'].text).toBe('trên 99,9%');
    expect(prose(t)).toContain('quá hạn 3 hồ sơ, tỷ lệ dưới 0,1%');
  });

  it('"khoảng" stands only before a rounded number', () => {
    expect([roundAbout(1484), roundAbout(1550), roundAbout(12345), roundAbout(87), roundAbout(0)]).toEqual([1500, 1600, 12000, 87, 0]);
    const text = prose(haNamTable());
    expect(text).toContain('khoảng 1.500 hồ sơ');
    for (const [, n] of text.matchAll(/khoảng ([\d.]+)/g)) expect(roundAbout(Number(n.replace(/\./g, '')))).toBe(Number(n.replace(/\./g, '')));
    expect(text).not.toContain('khoảng 1.484');
  });

  it('the method note leaves the body for the annex footnotes; the ranking sentence has no explanatory parentheses', () => {
    const doc = buildReport(haNamTable(), TEMPLATE, { ...defaultReportConfig(), footnotes: ['Số liệu lấy từ {report.center}.'] });
    const body = doc.blocks.map((b) => b.segments.map((s) => s.text).join('')).join('\n');
    expect(body).not.toContain('được tính trên');
    expect(body).toMatch(/nhiều hồ sơ nhất: Sở Giao thông vận tải \(12\.906 hồ sơ\)/);
    expect(doc.footnotes![0]).toContain('tỷ lệ trước hạn, đúng hạn, quá hạn được tính trên số hồ sơ đã giải quyết');
    expect(doc.footnotes![1]).toBe('Số liệu lấy từ Trung tâm Phục vụ hành chính công.');
    // The base of the satisfaction rate is said only when the report quotes one.
    expect(doc.footnotes![0]).not.toContain('hài lòng');
    const rated = buildReport(
      tableWith('2024-H1', (c) => (c.satisfaction = { rated: 40, satisfied: 39 })),
      TEMPLATE,
      defaultReportConfig(),
    );
    expect(rated.footnotes![0]).toContain('Tỷ lệ hài lòng được tính trên số hồ sơ đã giải quyết có đánh giá.');
    expect(rated.blocks.map((b) => b.segments.map((x) => x.text).join('')).join('\n')).toContain('39 hồ sơ được đánh giá hài lòng, đạt tỷ lệ 97,5%.');
  });

  it('one agency without dossiers is named in the singular', () => {
    const t = haNamTable();
    t.rows = t.rows.filter((r) => r.key !== 'Thanh tra tỉnh' && r.key !== 'Bộ CHQS tỉnh');
    expect(prose(t)).toContain('Cơ quan, đơn vị chưa phát sinh hồ sơ TTHC trong kỳ: Ban Quản lý khu Đại học Nam Cao.');
    expect(prose(haNamTable())).toContain('Các cơ quan, đơn vị chưa phát sinh hồ sơ TTHC trong kỳ: Ban Quản lý');
  });
});

describe('legal basis by period end', () => {
  const cite = (period: string) => {
    const doc = buildReport(tableWith(period), TEMPLATE, defaultReportConfig());
    return doc.blocks[0].segments.map((s) => s.text).join('');
  };
  it('Decree 61/2018 before 20/01/2022, amended by 107/2021 from then, Decree 118/2025 from 1/7/2025', () => {
    expect(cite('2021-H2')).toContain('Nghị định số 61/2018/NĐ-CP ngày 23/4/2018');
    expect(cite('2021-H2')).not.toContain('107/2021');
    expect(cite('2024-H1')).toContain('61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính, được sửa đổi, bổ sung bởi Nghị định số 107/2021/NĐ-CP');
    expect(cite('2025-H1')).toContain('107/2021/NĐ-CP');
    expect(cite('2025-Q3')).toContain('Nghị định số 118/2025/NĐ-CP ngày 09/6/2025');
    expect(cite('2025-Q3')).not.toContain('61/2018');
    expect(textInForce(TEMPLATE.defaults.legalBasis, '2025-06-30')).toContain('61/2018');
    expect(textInForce(TEMPLATE.defaults.legalBasis, '2025-07-01')).toContain('118/2025');
  });
  it('config "report.legalBasis" still overrides it', () => {
    const doc = buildReport(tableWith('2025-Q3'), TEMPLATE, { ...defaultReportConfig(), legalBasis: 'Thực hiện chỉ đạo của UBND tỉnh, {report.issuer} báo cáo:' });
    expect(doc.blocks[0].segments.map((s) => s.text).join('')).toMatch(/^Thực hiện chỉ đạo/);
  });
});

describe('--compare figures', () => {
  it('states the change as seed 004 does, from the comparison period counted alongside', () => {
    const current = tableWith('2023');
    const base = tableWith('2022', (c) => {
      c.received.new -= 5000;
      c.resolved.total += 100;
    });
    base.period = comparisonPeriod(current.period, 'last-year');
    const { comparison } = compareTables(current, base, 'last-year');
    const doc = buildReport(current, TEMPLATE, defaultReportConfig(), [], { comparison });
    const f = doc.figures;
    expect(f['compare.period.name'].text).toBe('năm 2022');
    expect(f['compare.received.new'].text).toBe('30.523');
    // 5.000 / 30.523 = 16,381…%
    expect(f['compare.received.new.change'].text).toBe('tăng 5.000 hồ sơ (tăng 16,38%)');
    expect(f['compare.resolved.total.change'].text).toBe('giảm 100 hồ sơ (giảm 0,29%)');
    expect(prose(current).includes('so với')).toBe(false);
    const text = doc.blocks.map((b) => b.segments.map((s) => s.text).join('')).join('\n');
    expect(text).toContain('Số hồ sơ nhận mới là 35.523, tăng 5.000 hồ sơ (tăng 16,38%) so với năm 2022; số hồ sơ đã giải quyết là 34.985, giảm 100 hồ sơ (giảm 0,29%).');
  });
});

describe('notes', () => {
  it('puts a note on the agency matched by name (case and spaces aside) and lists names that match nothing', () => {
    const doc = buildReport(haNamTable(), TEMPLATE, { ...defaultReportConfig(), notes: { 'sở  y TẾ': 'Thiếu tháng 6', 'Sở Không Có': 'x' } });
    expect(doc.annex.rows.find((r) => r.name === 'Sở Y tế')!.note).toBe('Thiếu tháng 6');
    expect(doc.annex.rows.filter((r) => r.note)).toHaveLength(1);
    expect(unmatchedNotes(doc)).toEqual(['Sở Không Có']);
  });
});

describe('document symbols and title lines', () => {
  it('cuts symbols and citations out as nowrap segments, styles kept', () => {
    const s = markSymbols([{ text: 'Căn cứ Nghị định số 61/2018/NĐ-CP, Thông tư số 01/2018/TT-VPCP và Báo cáo số 1204/BC-VPUB; Quyết định 766/QĐ-TTg.', italics: true }]);
    expect(s.filter((x) => x.nowrap).map((x) => x.text)).toEqual(['61/2018/NĐ-CP', '01/2018/TT-VPCP', '1204/BC-VPUB', '766/QĐ-TTg']);
    expect(s.every((x) => x.italics)).toBe(true);
    expect(s.map((x) => x.text).join('')).toBe('Căn cứ Nghị định số 61/2018/NĐ-CP, Thông tư số 01/2018/TT-VPCP và Báo cáo số 1204/BC-VPUB; Quyết định 766/QĐ-TTg.');
    // Dates and shares are not symbols.
    expect(markSymbols([{ text: 'ngày 23/4/2018, 98,3%' }]).some((x) => x.nowrap)).toBe(false);
  });

  it('joins punctuation to the run it touches, so justification cannot open a gap inside "(trước"', () => {
    const g = glueRuns([{ text: 'bằng 98,3% (' }, { text: 'trước hạn 5', italics: true }, { text: '). Tiếp' }, { text: '61/2018/NĐ-CP', nowrap: true }, { text: ', ngày' }]);
    expect(g.map((x) => x.text)).toEqual(['bằng 98,3% ', '(trước hạn 5).', ' Tiếp', '61/2018/NĐ-CP,', ' ngày']);
    expect(g[3].nowrap).toBe(true);
  });

  it('breaks the title between phrases, lines as even as they can be', () => {
    const title = 'Tình hình, kết quả giải quyết thủ tục hành chính tại Trung tâm Phục vụ hành chính công tỉnh 6 tháng đầu năm 2024 và phương hướng, nhiệm vụ 6 tháng cuối năm 2024';
    expect(titlePhrases(title)).toEqual([
      'Tình hình, kết quả giải quyết thủ tục hành chính',
      'tại Trung tâm Phục vụ hành chính công tỉnh',
      '6 tháng đầu năm 2024',
      'và phương hướng, nhiệm vụ',
      '6 tháng cuối năm 2024',
    ]);
    const lines = balanceTitle(title, 64);
    expect(lines.join(' ')).toBe(title);
    expect(lines.length).toBe(3);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(64);
    // Greedy filling would leave "6 tháng cuối năm 2024" alone; balancing evens the lines out.
    expect(Math.max(...lines.map((l) => l.length)) - Math.min(...lines.map((l) => l.length))).toBeLessThan(25);
    // Every line starts a phrase: no phrase is split.
    for (const l of lines) expect(titlePhrases(title).some((p) => l.startsWith(p))).toBe(true);
    expect(fillText('{period.next|upper}', tableFigures(tableWith('2024-H1'), { rankCount: 7 }))).toBe('6 THÁNG CUỐI NĂM 2024');
  });
});

describe('hcc report: wording from the command line', { timeout: 120_000 }, () => {
  const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0;

  it.skipIf(!hasPoppler)('--period 2019-H1 --compare last-year: the period in words and the change, counted in the same read', () => {
    const dir = tempDir();
    const r = runHcc(['report', '--input', HA_NAM.csv, '--period', '2019-H1', '--compare', 'last-year', '--format', 'pdf', '--out', dir], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    const flat = pdfText(join(dir, 'bao-cao-2019-H1.pdf'), false).replace(/^\s*\d+\s*$/gm, '').replace(/\s+/g, ' ');
    expect(flat).toContain('tại Trung tâm Phục vụ hành chính công 6 tháng đầu năm 2019 và phương hướng, nhiệm vụ 6 tháng cuối năm 2019');
    // The change as `hcc table --compare` computes it for the same periods.
    const json = JSON.parse(runHcc(['table', '--input', HA_NAM.csv, '--period', '2019-H1', '--compare', 'last-year', '--format', 'json'], { cwd: dir }).stdout);
    const now = json.total.received.new as number;
    const then = json.compare.total.received.new as number;
    expect(then).toBeGreaterThan(0);
    const change = json.compare.total.changes.received_new;
    const word = now >= then ? 'tăng' : 'giảm';
    const pct = Math.abs(change.changePct).toFixed(2).replace('.', ',');
    expect(flat).toContain(
      `Số hồ sơ nhận mới là ${formatCount(now)}, ${word} ${formatCount(Math.abs(now - then))} hồ sơ (${word} ${pct}%) so với 6 tháng đầu năm 2018`,
    );
    expect(flat).not.toContain('được tính trên số hồ sơ đã giải quyết; các tỷ lệ được làm tròn đến một chữ số thập phân. Các cơ quan');
  });

  it('report.notes and report.footnotes reach the annex workbook; a name matching no agency is a warning', async () => {
    const dir = tempDir();
    const config = JSON.parse(readFileSync(HA_NAM.config, 'utf8'));
    config.report = { notes: { 'SỞ Y TẾ': 'Thiếu dữ liệu tháng 6 do phần mềm chuyên ngành chưa kết nối với Hệ thống một cửa điện tử', 'Sở Không Có': 'x' }, footnotes: ['Số liệu trích từ phần mềm một cửa điện tử.'] };
    writeFileSync(join(dir, 'hcc.config.json'), JSON.stringify(config));
    const r = runHcc(['report', '--input', HA_NAM.csv, '--period', '2019-H1', '--format', 'xlsx', '--out', dir], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('"report.notes" có tên không khớp cơ quan nào trong Phụ lục: Sở Không Có');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'phu-luc-2019-H1.xlsx'));
    const ws = wb.getWorksheet('Phụ lục')!;
    const cells: string[][] = [];
    ws.eachRow((row) => cells.push((row.values as unknown[]).map((v) => (v == null ? '' : String(v)))));
    const yTe = cells.find((row) => row.includes('Sở Y tế'))!;
    expect(yTe.at(-1)).toBe('Thiếu dữ liệu tháng 6 do phần mềm chuyên ngành chưa kết nối với Hệ thống một cửa điện tử');
    // The narrow "Ghi chú" column wraps a long note: its row grows to show it all, the others do not.
    let yTeRow = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(2).value === 'Sở Y tế') yTeRow = n;
    });
    const tuPhap = (ws.getRow(yTeRow - 1).height ?? 0);
    expect(ws.getRow(yTeRow).height).toBeGreaterThan(2.5 * tuPhap);
    const flat = cells.map((row) => row.join(' ')).join('\n');
    expect(flat).toContain('Số liệu trích từ phần mềm một cửa điện tử.');
    expect(flat).toContain('tỷ lệ trước hạn, đúng hạn, quá hạn được tính trên số hồ sơ đã giải quyết');
    // Each note spans the table and wraps there (a line left to overflow would shrink the printed table).
    let footnoteRow = 0;
    ws.eachRow((row, n) => {
      if (String(row.getCell(1).value) === 'Số liệu trích từ phần mềm một cửa điện tử.') footnoteRow = n;
    });
    expect(footnoteRow).toBeGreaterThan(0);
    const last = ws.getCell(footnoteRow, ws.columnCount);
    expect(last.isMerged && last.master.address).toBe(`A${footnoteRow}`);
    expect(ws.getCell(footnoteRow, 1).alignment?.wrapText).toBe(true);
  });
});
