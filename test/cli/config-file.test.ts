// hcc.config.json as clerks' editors write it, read once at the start of every command: what loads,
// and the one line naming file:line:column and the key when something is wrong.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { configTemplate } from '../../src/commands/init.js';

const CONFIG_TEMPLATE = configTemplate();
import { HA_NAM, runHcc, tempDir } from '../helpers/run-hcc.js';

const dir = tempDir('hcc-config-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function config(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** `hcc table` on the Hà Nam data with this config: exit code and stderr. */
function table(path: string) {
  return runHcc(['table', '--input', HA_NAM.csv, '--config', path, '--period', '2019-H1', '--format', 'csv'], { cwd: dir });
}

const JSONC = `// Cấu hình của Văn phòng
{
  /* danh sách cơ quan */
  "agencies": [
    { "name": "Sở Y tế", "aliases": ["SYT",], },
    "Sở Tư pháp",
  ],
  "cutoff": "decree09", // theo Nghị định 09
  "report": { "province": "Hà Nam", },
}
`;

describe('what a clerk\'s editor writes', () => {
  it('loads comments, trailing commas and a UTF-8 BOM', () => {
    const path = config('bom.json', `\uFEFF${JSONC}`);
    const loaded = loadConfig(path);
    expect(loaded.agencies.names).toEqual(['Sở Y tế', 'Sở Tư pháp']);
    expect(loaded.agencies.indexOf('syt')).toBe(0);
    expect(loaded.cutoff).toBe('decree09');
    expect(loaded.report.report.place).toBe('Hà Nam');
    expect(table(path).status).toBe(0);
  });

  it('loads UTF-16 as Notepad saves it ("Unicode"), little- and big-endian', () => {
    const le = config('utf16le.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSONC, 'utf16le')]));
    expect(loadConfig(le).agencies.names).toEqual(['Sở Y tế', 'Sở Tư pháp']);
    const be = config('utf16be.json', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(JSONC, 'utf16le').swap16()]));
    expect(loadConfig(be).report.report.province).toBe('Hà Nam');
  });

  it('reads back what hcc init writes, unchanged, and the same with its fonts block switched on', () => {
    const path = config('init.json', CONFIG_TEMPLATE);
    const loaded = loadConfig(path);
    expect(loaded.agencies.names).toEqual(['Sở Giao thông vận tải', 'Văn phòng UBND tỉnh', 'Sở Tư pháp']);
    expect(loaded.report.report.issuingAgency).toBe('VĂN PHÒNG');
    expect(loaded.report.report.signer.title).toEqual(['KT. CHÁNH VĂN PHÒNG', 'PHÓ CHÁNH VĂN PHÒNG']);
    expect(loaded.report.report.recipients.at(-1)).toBe('Lưu: VT.');
    expect(Object.keys(loaded.report.report.sections)).toEqual(['I', 'III', 'IV', 'V']);
    // The template says: remove the // of the fonts lines.
    const lines = CONFIG_TEMPLATE.split('\n');
    const from = lines.findIndex((l) => l.includes('// , "fonts"'));
    const withFonts = lines.map((l, i) => (i >= from && i <= from + 5 ? l.replace('// ', '') : l)).join('\n');
    const fonts = loadConfig(config('init-fonts.json', withFonts)).fonts;
    expect(Object.keys(fonts)).toEqual(['normal', 'bold', 'italics', 'bolditalics']);
    expect(fonts.bolditalics).toMatch(/timesbi\.ttf$/);
  });
});

describe('one line naming file:line:column and the key', () => {
  it('a value of the wrong type', () => {
    const path = config('type.json', '{\n  "report": {\n    "signer": { "name": 42 }\n  }\n}\n');
    const r = table(path);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`hcc: lỗi: ${path}:3:17: "report.signer.name" phải là chuỗi\n`);
  });

  it('an unknown key, with the key it most likely meant', () => {
    const path = config('unknown.json', '{\n  "agencies": [],\n  "reprot": {}\n}\n');
    const r = table(path);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^hcc: lỗi: ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:3:3: khóa "reprot" không được hỗ trợ; có phải "report"\\? \\(các khóa: agencies, columns, store, source, report, fonts, rules, cutoff, calendar, timeLimits\\)\\n$`));
  });

  it('a typo in "source" or "fonts" stops hcc table on a file, before any database or PDF is used', () => {
    const source = config('source.json', '{ "source": { "tabel": "ho_so" } }');
    const r1 = table(source);
    expect(r1.status).toBe(1);
    expect(r1.stderr).toContain(`${source}:1:15: khóa "source.tabel" không được hỗ trợ; có phải "table"?`);
    const fonts = config('fonts.json', '{\n  "fonts": { "regular": "times.ttf" }\n}');
    const r2 = table(fonts);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toContain(`${fonts}:2:14: khóa "fonts.regular" không được hỗ trợ`);
    const channel = config('channel.json', '{ "source": { "channel": { "1": "onlin" } } }');
    expect(table(channel).stderr).toContain('"source.channel.1" phải là "direct" hoặc "online" hoặc "postal"; có phải "online"?');
  });

  it('a JSON syntax error, in Vietnamese', () => {
    const path = config('syntax.json', '{\n  "agencies": [\n    "Sở Y tế"\n    "Sở Tư pháp"\n  ]\n}\n');
    const r = table(path);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`hcc: lỗi: ${path}:4:5: không đọc được tệp JSON: thiếu dấu phẩy "," giữa hai mục (gần ""Sở Tư pháp""): sửa chỗ đó rồi chạy lại\n`);
  });

  it('a canonical field misspelt in "columns"', () => {
    const path = config('columns.json', '{ "columns": { "Hạn xử lý": "due" } }');
    const r = table(path);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${path}:1:16: "columns.Hạn xử lý" = "due" không phải trường chuẩn; có phải "due_at"?`);
  });
});
