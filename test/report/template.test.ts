import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { layoutColumns } from '../../src/report/columns.js';
import { fillRich, fillText, loadTemplate } from '../../src/report/template.js';
import type { Figures } from '../../src/report/figures.js';
import { ROOT, tempDir } from '../helpers/run-hcc.js';

const BUNDLED = join(ROOT, 'report-templates/bc-vpub.json');
/** Index a paragraph pushed onto section II of the bundled template gets (the template's wording may change). */
const NEXT_II = JSON.parse(readFileSync(BUNDLED, 'utf8')).sections[1].paragraphs.length;
const FORM = join(ROOT, 'report-templates/bieu-06.json');

function withChange(file: string, change: (t: any) => void): string {
  const t = JSON.parse(readFileSync(file, 'utf8'));
  change(t);
  const out = join(tempDir('hcc-tpl-'), 'mau.json');
  writeFileSync(out, JSON.stringify(t));
  return out;
}

describe('templates', () => {
  it('loads the bundled report and form templates', () => {
    const report = loadTemplate(BUNDLED);
    expect(report.kind).toBe('report');
    const form = loadTemplate(FORM);
    expect(form.kind).toBe('form');
    if (form.kind !== 'form') return;
    expect(form.groupBy).toBe('field');
    const layout = layoutColumns(form.columns);
    expect(layout.leaves).toHaveLength(13);
    expect(layout.headerRows).toBe(3);
  });

  it('rejects an unknown placeholder at load time, naming the file and the placeholder', () => {
    const file = withChange(BUNDLED, (t) => t.sections[1].paragraphs.push('Tổng cộng {received.totl} hồ sơ.'));
    expect(() => loadTemplate(file)).toThrow(file);
    expect(() => loadTemplate(file)).toThrow('{received.totl}');
  });

  it('rejects an unknown modifier, an unknown "when" and an unknown column value', () => {
    expect(() => loadTemplate(withChange(BUNDLED, (t) => (t.closing = '{report.title|shout}')))).toThrow('{report.title|shout}');
    expect(() => loadTemplate(withChange(BUNDLED, (t) => t.sections[1].paragraphs.push({ when: 'agencies.many', text: 'x' })))).toThrow(
      `"sections[1].paragraphs[${NEXT_II}].when" = "agencies.many"`,
    );
    expect(() => loadTemplate(withChange(FORM, (t) => (t.columns[2].children[0].value = 'received.all')))).toThrow('"received.all"');
  });

  it('lays out the three-level header of the Hà Nam annex (report No. 1204/BC-VPUB)', () => {
    const report = loadTemplate(BUNDLED);
    if (report.kind !== 'report') throw new Error('kind');
    const layout = layoutColumns(report.annex.columns);
    expect(layout.headerRows).toBe(3);
    expect(layout.leaves.map((l) => l.value)).toEqual([
      'stt',
      'name',
      'received.total',
      'received.new',
      'received.carriedOver',
      'resolved.total',
      'resolved.early',
      'resolved.onTime',
      'resolved.late',
      'pending.total',
      'pending.notDue',
      'pending.overdue',
      'note',
    ]);
    const cell = (text: string, row: number) => layout.cells.find((c) => c.text === text && c.row === row)!;
    expect(cell('STT', 0)).toMatchObject({ rowSpan: 3, colSpan: 1 });
    expect(cell('Số hồ sơ tiếp nhận', 0)).toMatchObject({ col: 2, colSpan: 3, rowSpan: 1 });
    expect(cell('Tổng số', 1)).toMatchObject({ col: 2, rowSpan: 2 });
    expect(cell('Kết quả giải quyết', 0)).toMatchObject({ col: 5, colSpan: 7 });
    expect(cell('Ghi chú', 0)).toMatchObject({ col: 12, rowSpan: 3 });
  });

  it('refuses a key the format does not have, at every level, naming it; comments are free', () => {
    expect(() => loadTemplate(withChange(BUNDLED, (t) => (t.closng = 'x')))).toThrow('khóa "closng" không được hỗ trợ');
    // "fromConfig" was read and never used; a template that still has it is told so.
    expect(() => loadTemplate(withChange(BUNDLED, (t) => (t.sections[0].fromConfig = true)))).toThrow('khóa "sections[0].fromConfig" không được hỗ trợ (các khóa: id, heading, paragraphs)');
    expect(() => loadTemplate(withChange(BUNDLED, (t) => (t.annex.columns[0].widht = 5)))).toThrow('"annex.columns[0].widht"');
    expect(() => loadTemplate(withChange(BUNDLED, (t) => t.sections[1].paragraphs.push({ text: 'x', whenn: 'agencies.none' })))).toThrow(
      `"sections[1].paragraphs[${NEXT_II}].whenn"`,
    );
    expect(() => loadTemplate(withChange(FORM, (t) => (t.sheet = 'x')))).toThrow('khóa "sheet" không được hỗ trợ');
    expect(loadTemplate(withChange(FORM, (t) => ((t['// ghi chú'] = 'x'), (t.$schema = 'x')))).kind).toBe('form');
  });

  it('fills placeholders and marks; values are never read as marks', () => {
    const figures: Figures = {
      'received.total': { text: '35.591', present: true },
      'report.issuer': { text: 'Văn phòng *UBND*', present: true },
      'agencies.none': { text: 'A; B', rich: [{ text: 'A' }, { text: '; ' }, { text: 'B', italics: true }], present: true },
    };
    expect(fillRich('Tổng **{received.total}** hồ sơ', figures)).toEqual([
      { text: 'Tổng ' },
      { text: '35.591', bold: true },
      { text: ' hồ sơ' },
    ]);
    expect(fillText('{report.issuer} {{x}} \\*', figures)).toBe('Văn phòng *UBND* {x} *');
    expect(fillText('{report.issuer|upper}', figures)).toBe('VĂN PHÒNG *UBND*');
    expect(fillText('{report.issuer|lower}', figures)).toBe('văn phòng *UBND*');
    expect(fillText('{report.issuer|lower}', { 'report.issuer': { text: 'UBND tỉnh', present: true } })).toBe('UBND tỉnh');
    expect(fillRich('*{agencies.none}*', figures)).toEqual([{ text: 'A; B', italics: true }]);
  });
});

describe('README', () => {
  it('documents every placeholder name', async () => {
    const { FIGURE_NAMES } = await import('../../src/report/figures.js');
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## The report (hcc report)'), readme.indexOf('## Input files'));
    for (const name of FIGURE_NAMES) expect(section, name).toContain(`\`${name}\``);
  });
});
