import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { configTemplate } from '../../src/commands/init.js';
import { EXAMPLE_REPORT_VALUES, examplesLeft } from '../../src/report/examples.js';

const CONFIG_TEMPLATE = configTemplate();
import { fontFiles, parseFonts, parseReportConfig } from '../../src/report/config.js';
import { tempDir } from '../helpers/run-hcc.js';

const P = 'hcc.config.json';

describe('report config', () => {
  it('names the key of a wrong value', () => {
    expect(() => parseReportConfig({ signer: { name: 5 } }, P)).toThrow('hcc.config.json: "report.signer.name" phải là chuỗi');
    expect(() => parseReportConfig({ number: true }, P)).toThrow('"report.number" phải là chuỗi');
    expect(() => parseReportConfig({ recipients: 'Lưu: VT' }, P)).toThrow('"report.recipients" phải là danh sách chuỗi');
    expect(() => parseReportConfig({ signr: {} }, P)).toThrow('khóa "report.signr" không được hỗ trợ');
    expect(() => parseReportConfig({ date: '31/06/2019' }, P)).toThrow('"report.date" không hợp lệ');
    expect(() => parseReportConfig({ date: '05/08/2150' }, P)).toThrow(/^hcc\.config\.json: "report\.date".*ngoài khoảng.*1990–2100/);
    expect(() => parseReportConfig({ sections: { I: 3 } }, P)).toThrow('"report.sections.I"');
    expect(() => parseReportConfig([], P)).toThrow('"report" phải là một đối tượng');
  });

  it('works without a config and says what it left blank', () => {
    const { report, blank } = parseReportConfig(undefined, P);
    expect(report.symbol).toBe('BC-VPUB');
    expect(blank).toEqual(expect.arrayContaining(['report.number', 'report.date', 'report.issuer', 'report.signer.name']));
  });

  it('accepts the section forms and a numeric document number', () => {
    const { report, blank } = parseReportConfig(
      {
        number: 1204,
        date: '05/08/2019',
        province: 'Hà Nam',
        signer: { title: 'CHÁNH VĂN PHÒNG', name: 'Nguyễn Văn A' },
        sections: { I: 'Đoạn một.\n\nĐoạn hai.', IV: { heading: 'PHƯƠNG HƯỚNG', paragraphs: ['x'] } },
      },
      P,
    );
    expect(report.number).toBe('1204');
    expect(report.date).toBe('2019-08-05');
    expect(report.place).toBe('Hà Nam');
    expect(report.signer.title).toEqual(['CHÁNH VĂN PHÒNG']);
    expect(report.sections.I.paragraphs).toEqual(['Đoạn một.', 'Đoạn hai.']);
    expect(report.sections.IV.heading).toBe('PHƯƠNG HƯỚNG');
    expect(blank).not.toContain('report.number');
  });

  it('checks font files and names the key', () => {
    const dir = tempDir();
    const config = join(dir, P);
    const bundled = { normal: 'a.ttf', bold: 'b.ttf', italics: 'c.ttf', bolditalics: 'd.ttf' };
    // The shape is checked when the config is read (parseFonts), the files when a PDF is made (fontFiles).
    const fonts = (value: unknown) => fontFiles(parseFonts(value, dir), bundled, config);
    expect(() => fonts({ normal: 'khong-co.ttf' })).toThrow('"fonts.normal": không tìm thấy tệp phông chữ');
    expect(() => fonts({ regular: 'x.ttf' })).toThrow('khóa "fonts.regular"');
    writeFileSync(join(dir, 'times.ttf'), 'x');
    expect(fonts({ normal: 'times.ttf' }).normal).toBe(join(dir, 'times.ttf'));
  });

  it('the file written by hcc init loads, with every report key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, P), CONFIG_TEMPLATE);
    const loaded = loadConfig(undefined, { cwd: dir });
    expect(loaded.agencies.size).toBe(3);
    const section = loaded.data.report as Record<string, unknown>;
    for (const key of ['province', 'place', 'parentAgency', 'issuingAgency', 'symbol', 'number', 'date', 'title', 'signer', 'recipients', 'legalBasis', 'sections']) {
      expect(section).toHaveProperty(key);
    }
    const { report } = parseReportConfig(section, P);
    expect(report.signer.title).toEqual(['KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG']);
    // Every example value init writes is one the report-time check names (one list for both).
    expect(examplesLeft(loaded.data).map((e) => e.key).sort()).toEqual(['agencies', ...Object.keys(EXAMPLE_REPORT_VALUES)].sort());
    expect(report.signer.name).toBe(EXAMPLE_REPORT_VALUES['report.signer.name']);
  });
});
