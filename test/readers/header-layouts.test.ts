// Headers as list exports really write them: two levels with merged cells (XLSX) or a parent row with
// blanks (CSV), the common variants of each column name, a column given twice; and what hcc says
// when a column that changes the figures is missing.
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readDossierFile, type ReadInfo } from '../../src/readers/index.js';
import { collect, csv, tempFiles } from '../helpers/read-files.js';

const tmp = tempFiles();
afterAll(() => tmp.cleanup());

async function readWithInfo(path: string) {
  const info: ReadInfo = {};
  const dossiers: { code: string; receivedOn: string | null; dueOn?: string | null; resolvedOn?: string | null; line?: number }[] = [];
  const rejects: { line: number; kind: string }[] = [];
  for await (const item of readDossierFile(path, {}, info)) {
    if ('dossier' in item) dossiers.push({ ...item.dossier, line: item.line });
    else rejects.push(item.reject);
  }
  return { info, dossiers, rejects };
}

describe('two-level headers', () => {
  it('reads an XLSX header whose group labels are merged cells over their columns', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['DANH SÁCH HỒ SƠ TIẾP NHẬN']); // 1
    ws.mergeCells('A1:H1');
    ws.addRow(['STT', 'Thông tin hồ sơ', null, null, 'Ngày', null, null, 'Trạng thái']); // 2
    ws.addRow([null, 'Mã hồ sơ', 'Lĩnh vực', 'Đơn vị giải quyết', 'Tiếp nhận', 'Hẹn trả', 'Có kết quả', null]); // 3
    ws.mergeCells('A2:A3');
    ws.mergeCells('B2:D2');
    ws.mergeCells('E2:G2');
    ws.mergeCells('H2:H3');
    ws.addRow([1, 'X1', 'Hộ tịch', 'Sở Tư pháp', '02/01/2024', '10/01/2024', '05/01/2024', 'Đã trả kết quả']); // 4
    ws.addRow([2, 'X2', 'Hộ tịch', 'Sở Tư pháp', '02/01/2024', '10/01/2024', null, 'Đang xử lý']); // 5
    const path = `${tmp.dir}/two-level.xlsx`;
    await wb.xlsx.writeFile(path);
    const { info, dossiers, rejects } = await readWithInfo(path);
    expect(rejects).toEqual([]);
    expect(dossiers.map((d) => [d.code, d.receivedOn, d.dueOn, d.resolvedOn, d.line])).toEqual([
      ['X1', '2024-01-02', '2024-01-10', '2024-01-05', 4],
      ['X2', '2024-01-02', '2024-01-10', null, 5],
    ]);
    expect(info.header?.line).toBe(2);
    expect(info.header?.match.depth).toBe(2);
    const served = Object.fromEntries(info.header!.match.columns.filter((c) => c.field).map((c) => [c.text, c.field]));
    expect(served).toEqual({
      'Thông tin hồ sơ / Mã hồ sơ': 'code',
      'Thông tin hồ sơ / Lĩnh vực': 'field',
      'Thông tin hồ sơ / Đơn vị giải quyết': 'agency',
      'Ngày / Tiếp nhận': 'received_at',
      'Ngày / Hẹn trả': 'due_at',
      'Ngày / Có kết quả': 'resolved_at',
      'Trạng thái': 'status',
    });
    // Only the channel is missing.
    expect(info.header?.warnings.map((w) => [w.code, w.field])).toEqual([['missing-column', 'channel']]);
  });

  it('reads a CSV two-level header (the parent row with blanks), a complete first level included', async () => {
    // "Mã hồ sơ | Đơn vị | Ngày tiếp nhận" are complete on the first row; "Ngày" adds the due and resolved dates.
    const path = tmp.file(
      'two-level.csv',
      csv(
        'STT,Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ngày,,Trạng thái,Kênh thực hiện',
        ',,,,Hẹn trả,Có kết quả,,',
        '1,C1,Sở Y tế,02/01/2024,10/01/2024,12/01/2024,Đã trả kết quả,2',
        'STT,Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ngày,,Trạng thái,Kênh thực hiện',
        ',,,,Hẹn trả,Có kết quả,,',
        '2,C2,Sở Y tế,03/01/2024,10/01/2024,,Đang xử lý,1',
      ),
    );
    const { info, dossiers, rejects } = await readWithInfo(path);
    expect(dossiers.map((d) => [d.code, d.dueOn, d.resolvedOn])).toEqual([
      ['C1', '2024-01-10', '2024-01-12'],
      ['C2', '2024-01-10', null],
    ]);
    // The header printed again (both of its rows) is listed as skipped, not rejected.
    expect(rejects).toEqual([
      expect.objectContaining({ line: 4, kind: 'repeated-header' }),
      expect.objectContaining({ line: 5, kind: 'repeated-header' }),
    ]);
    expect(info.header?.warnings).toEqual([]);
  });

  it('does not take the first data row for a second header level', async () => {
    const path = tmp.file('one-level.csv', csv('Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả', 'D1,Sở Y tế,02/01/2024,10/01/2024'));
    const { dossiers } = await readWithInfo(path);
    expect(dossiers.map((d) => d.code)).toEqual(['D1']);
  });
});

describe('column names', () => {
  it.each(['Hạn trả kết quả', 'Ngày hẹn trả kết quả', 'Hạn giải quyết', 'Thời hạn trả kết quả', 'Hạn xử lý'])('takes "%s" for the due date', async (header) => {
    const path = tmp.file(`due-${header}.csv`, csv(`Mã hồ sơ,Đơn vị,Ngày tiếp nhận,${header}`, 'D1,Sở Y tế,02/01/2024,10/01/2024'));
    const { dossiers, info } = await readWithInfo(path);
    expect(dossiers[0].dueOn).toBe('2024-01-10');
    expect(info.header?.warnings.some((w) => w.field === 'due_at')).toBe(false);
  });

  it('never takes "Thời hạn giải quyết" (a number of working days) for the due date', async () => {
    const path = tmp.file('limit.csv', csv('Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Thời hạn giải quyết', 'D1,Sở Y tế,02/01/2024,15'));
    const { dossiers, info } = await readWithInfo(path);
    expect(dossiers[0].dueOn).toBeNull();
    expect(info.header?.warnings.find((w) => w.field === 'due_at')?.message).toContain('không có cột "Ngày hẹn trả"');
  });

  it('says which of two columns with the same header is used', async () => {
    const path = tmp.file('dup.csv', csv('Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày tiếp nhận', 'D1,Sở Y tế,02/01/2024,10/01/2024,03/01/2024'));
    const { dossiers, info } = await readWithInfo(path);
    expect(dossiers[0].receivedOn).toBe('2024-01-02');
    const w = info.header?.warnings.find((x) => x.code === 'duplicate-column');
    expect(w?.field).toBe('received_at');
    expect(w?.message).toContain('"Ngày tiếp nhận" (cột C), "Ngày tiếp nhận" (cột E); dùng cột C');
  });

  it('names the unused column most like a missing field, with the "columns" line to add', async () => {
    const path = tmp.file('unknown-due.csv', csv('STT,Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả hồ sơ (dự kiến),Người nộp,Kênh', '1,D1,Sở Y tế,02/01/2024,10/01/2024,Nguyễn Văn A,1'));
    const { info } = await readWithInfo(path);
    const due = info.header?.warnings.find((w) => w.field === 'due_at');
    expect(due?.code).toBe('missing-column');
    expect(due?.columns).toEqual({ 'Ngày hẹn trả hồ sơ (dự kiến)': 'due_at' });
    expect(due?.message).toContain('"columns": { "Ngày hẹn trả hồ sơ (dự kiến)": "due_at" }');
    // "Kênh" is a name of the channel column; "STT" is the row number, never offered.
    expect(info.header?.warnings.some((w) => w.field === 'channel')).toBe(false);
    expect(info.header?.warnings.map((w) => w.message).join(' ')).not.toContain('"STT"');
  });

  it('reads the config mapping over any guess', async () => {
    const path = tmp.file('mapped.csv', csv('Số biên nhận,Phòng ban,Ngày nhận,Hạn chót', 'S1,Sở Y tế,02/01/2024,10/01/2024'));
    const { dossiers } = await collect(path, { columns: { 'Hạn chót': 'due_at', 'Phòng ban': 'agency' } });
    expect(dossiers.map((d) => [d.code, d.agency, d.dueOn])).toEqual([['S1', 'Sở Y tế', '2024-01-10']]);
  });
});
