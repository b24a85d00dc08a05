// The parts of hcc check one by one: numbers as typed, the roundings a share may have, dates that do
// not exist, the kinds of figure the prose names, and the readers of PDF text and Word XML.
import { describe, expect, it } from 'vitest';
import { checkAnnex, readAnnex } from '../../src/check/annex.js';
import { compareWithData } from '../../src/check/data.js';
import { emptyChecked } from '../../src/check/model.js';
import { haNamTable } from '../helpers/report.js';
import { parseCount, shareHolds } from '../../src/check/numbers.js';
import { checkDates, checkShares } from '../../src/check/prose.js';
import { paragraphFigures } from '../../src/check/prose-figures.js';
import { pdfBlocks, textBlocks } from '../../src/readers/document.js';
import { docxXmlBlocks } from '../../src/readers/docx-text.js';

const text = (t: string) => ({ kind: 'text' as const, text: t, where: 'đoạn 1' });

describe('numbers as typed', () => {
  it('reads Vietnamese counts and the usual slips, and refuses what is no count', () => {
    expect(parseCount('35.591')).toEqual({ value: 35591 });
    expect(parseCount('35,591')).toEqual({ value: 35591, slip: 'comma' });
    expect(parseCount('35 591')).toEqual({ value: 35591, slip: 'space' });
    expect(parseCount('-')).toEqual({ value: 0 });
    expect(parseCount('')).toEqual({ value: 0 });
    expect(parseCount('1,5')).toBeNull();
    expect(parseCount('khoảng 20')).toBeNull();
  });

  it('accepts a share rounded half up or truncated to the decimals written, nothing else', () => {
    // 32.097 / 34.985 = 91,7450…%
    expect(shareHolds({ value: 91.75, decimals: 2 }, 32097, 34985)).toBe(true);
    expect(shareHolds({ value: 91.74, decimals: 2 }, 32097, 34985)).toBe(true);
    expect(shareHolds({ value: 91.7, decimals: 1 }, 32097, 34985)).toBe(true);
    expect(shareHolds({ value: 91.8, decimals: 1 }, 32097, 34985)).toBe(false);
    // 208.018 / 247.472 = 84,06%: "84%"
    expect(shareHolds({ value: 84, decimals: 0 }, 208018, 247472)).toBe(true);
    expect(shareHolds({ value: 98.4, decimals: 1 }, 34985, 35591)).toBe(false);
  });
});

describe('dates', () => {
  it('finds days that do not exist and periods that end before they start', () => {
    const checked = emptyChecked();
    const found = checkDates(text('Báo cáo từ 01/01/2023 đến 29/02/2023; kỳ trước từ 01/7/2022 đến 31/12/2022; ngày 29 tháng 02 năm 2024 có thật; từ 30/6/2019 đến 01/01/2019.'), checked);
    expect(found.map((f) => [f.rule, f.written, f.expected])).toEqual([
      ['date', '29/02/2023', '28/2/2023'],
      ['period', 'từ 30/6/2019 đến 01/01/2019', undefined],
    ]);
    expect(found[0].reason).toContain('không phải năm nhuận');
    expect(checked.dates).toBe(7);
  });
});

describe('the figures of the prose', () => {
  it('names the kind of each count by the words around it', () => {
    const { counts } = paragraphFigures(
      'Trung tâm đã tiếp nhận 1.000 hồ sơ, trong đó kỳ trước chuyển sang 10 hồ sơ, tiếp nhận mới 990 hồ sơ. Đã giải quyết 900 hồ sơ (trước hạn 800 hồ sơ; đúng hạn 90 hồ sơ; quá hạn 10 hồ sơ); 100 hồ sơ đang giải quyết (chưa đến hạn 95 hồ sơ, quá hạn 5 hồ sơ). Có 19 Sở tham gia, tăng 20 hồ sơ so với năm 2022.',
    );
    expect(counts.map((c) => [c.value, c.kind])).toEqual([
      [1000, 'received'],
      [10, 'carriedOver'],
      [990, 'new'],
      [900, 'resolved'],
      [800, 'early'],
      [90, 'onTime'],
      [10, 'late'],
      [100, 'pending'],
      [95, 'notDue'],
      [5, 'overdue'],
    ]);
  });

  it('checks a share on the base its sentence names, and says the base used when it is wrong', () => {
    const checked = emptyChecked();
    const ok = checkShares(text('Tiếp nhận mới 800 hồ sơ; trong đó trực tuyến 200 hồ sơ, đạt 25% tổng số hồ sơ tiếp nhận mới.'), undefined, checked);
    expect(ok).toEqual([]);
    const wrong = checkShares(text('Tiếp nhận 1.000 hồ sơ, tiếp nhận mới 800 hồ sơ; trực tuyến 200 hồ sơ, đạt 20%.'), undefined, checked);
    expect(wrong.map((f) => [f.expected, f.reason.includes('tổng số hồ sơ tiếp nhận (1.000)')])).toEqual([['25,0%', true]]);
    expect(checked.shares).toBe(2);
  });
});

describe('tables', () => {
  it('a tab-separated table with a three-level header: a total that is not the sum is found at its cell', () => {
    const lines = [
      'STT\tTên cơ quan\tSố hồ sơ tiếp nhận\t\t\tKết quả giải quyết',
      '\t\tTổng số\tTrong đó\t\tSố hồ sơ đã giải quyết\t\t\t\tSố hồ sơ đang giải quyết',
      '\t\t\tSố mới\tKỳ trước chuyển\tTổng số\tTrước hạn\tĐúng hạn\tQuá hạn\tTổng số\tChưa đến hạn\tQuá hạn',
      '1\tSở A\t10\t9\t1\t8\t8\t-\t-\t2\t2\t-',
      '2\tSở B\t5\t5\t-\t5\t4\t1\t-\t-\t-\t-',
      '\tTổng số\t16\t14\t1\t13\t12\t1\t-\t2\t2\t-',
    ];
    const [block] = textBlocks(lines.join('\n'));
    const annex = readAnnex(block as never)!;
    expect(annex.rows.map((r) => r.values.received)).toEqual([10, 5]);
    expect(checkAnnex(annex).map((f) => [f.rule, f.where, f.expected])).toEqual([
      ['row-sum', 'dòng 6, cột C', '15'],
      ['row-sum', 'dòng 6, cột C', '15'],
      ['total-sum', 'dòng 6, cột C', '15'],
    ]);
  });

  it("a PDF's text layer: annex rows (an agency without dossiers too) become a table, lines a paragraph", () => {
    const layout = [
      '      Số hồ sơ đã giải quyết là 34.985, bằng 98,3% tổng số',
      'hồ sơ tiếp nhận.',
      '',
      '   1   Sở Giao thông vận tải                  12.906     12.906           -     12.538      11.700        835        3            368      368        -',
      '  14   Ban Quản lý khu Đại học Nam Cao',
      '                     Tổng số                  12.906     12.906           -     12.538      11.700        835        3            368      368        -',
    ].join('\n');
    const blocks = pdfBlocks(layout);
    expect(blocks[0]).toMatchObject({ kind: 'text', text: 'Số hồ sơ đã giải quyết là 34.985, bằng 98,3% tổng số hồ sơ tiếp nhận.', where: 'trang 1, dòng 1' });
    const annex = readAnnex(blocks[1] as never)!;
    expect(annex.rows.map((r) => r.name)).toEqual(['Sở Giao thông vận tải', 'Ban Quản lý khu Đại học Nam Cao']);
    expect(annex.totalRow?.values.resolved).toBe(12538);
    expect(checkAnnex(annex)).toEqual([]);
  });

  it("a PDF's text layer: hcc's own chart pages (after \"BIỂU ĐỒ\") are not read as prose", () => {
    const layout = ['Số hồ sơ đã giải quyết là 34.985, bằng 98,3% tổng số hồ sơ tiếp nhận.', '\f', '                 BIỂU ĐỒ', 'Giải quyết trước hạn: 32.097 (91,7%)'].join('\n');
    const texts = pdfBlocks(layout).map((b) => (b.kind === 'text' ? b.text : ''));
    expect(texts).toEqual(['Số hồ sơ đã giải quyết là 34.985, bằng 98,3% tổng số hồ sơ tiếp nhận.']);
    expect(pdfBlocks(layout.replace('BIỂU ĐỒ', 'BIỂU ĐỒ HÌNH')).some((b) => b.kind === 'text' && b.text.includes('32.097'))).toBe(true);
  });

  it('Word XML: a cell spanning three columns keeps the columns after it in place', () => {
    const xml =
      '<w:document><w:body><w:p><w:r><w:t>Tiêu đề &amp; kỳ</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>';
    const [p, t] = docxXmlBlocks(xml);
    expect(p).toEqual({ kind: 'text', text: 'Tiêu đề & kỳ', where: 'đoạn 1' });
    expect((t as { rows: { text: string; where: string }[][] }).rows[0].map((c) => c.text)).toEqual(['A', '', '', 'B']);
    expect((t as { rows: { text: string; where: string }[][] }).rows[0][3].where).toBe('bảng 1, ô D1');
  });

  it("against the data, Biểu 06's \"trực tiếp, bưu chính\" is every new dossier not received online, as hcc writes it", () => {
    const base = haNamTable();
    // Two new dossiers of unknown channel: neither online, direct nor postal.
    const total = { ...base.total, received: { ...base.total.received, new: base.total.received.new + 2, total: base.total.received.total + 2 } };
    const table = { ...base, total };
    const notOnline = total.received.new - total.received.online;
    expect(notOnline).not.toBe(total.received.direct + total.received.postal);
    const cell = { text: '', where: 'Biểu 06!E30' };
    const row = { name: 'Tổng số', nameWhere: 'Biểu 06!B30', total: true, values: { online: total.received.online, directPostal: notOnline }, cells: { online: cell, directPostal: cell } };
    const annex = { where: 'Biểu 06', rowsAre: 'field' as const, rows: [], totalRow: row, slips: [], unreadable: [] };
    expect(compareWithData(annex, table, emptyChecked())).toEqual([]);
    const typed = { ...row, values: { ...row.values, directPostal: total.received.direct + total.received.postal } };
    expect(compareWithData({ ...annex, totalRow: typed }, table, emptyChecked()).map((f) => f.rule)).toEqual(['data']);
  });
});
