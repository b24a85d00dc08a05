// The procedure's time limit from the data itself ("Thời hạn giải quyết", issue 13): read from a CSV
// or XLSX column, kept by `hcc import` in the store (migration 003, an older store still opens), and
// read from a PostgreSQL, MariaDB or SQLite table; `hcc due-dates` gives the same answer from each.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Knex } from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTimeLimit } from '../../src/readers/codes.js';
import { HeaderMatcher } from '../../src/readers/headers.js';
import { runHcc, tempDir } from '../helpers/run-hcc.js';
import { MYSQL_URL, PG_URL, adminKnex, skipReason, tableName } from './db.js';

describe('reading a time limit', () => {
  it('takes whole working days, "trong ngày" as 0, blank as unknown, anything else as unreadable', () => {
    const cases: [string, number | null | undefined][] = [
      ['15', 15],
      ['15.0', 15],
      ['015', 15],
      [' 15 ngày ', 15],
      ['15 ngày làm việc', 15],
      ['15 NGÀY LÀM VIỆC', 15],
      ['05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', 5],
      ['Trong 10 ngày làm việc', 10],
      ['trong ngày', 0],
      ['Trong ngày làm việc', 0],
      ['0', 0],
      ['', null],
      ['   ', null],
      ['4 giờ', undefined],
      ['0,5', undefined],
      ['nửa ngày', undefined],
      ['24/04/2025', undefined],
      ['1000', undefined],
      ['-3', undefined],
    ];
    for (const [text, expected] of cases) expect([text, parseTimeLimit(text)]).toEqual([text, expected]);
  });

  it('"Thời hạn giải quyết" is the time limit, "Hạn giải quyết" the due date, in one header', () => {
    const m = new HeaderMatcher().match(['Mã hồ sơ', 'Đơn vị', 'Ngày tiếp nhận', 'Hạn giải quyết', 'Thời hạn giải quyết (ngày)']);
    expect(m.index).toEqual({ code: 0, agency: 1, received_at: 2, due_at: 3, time_limit: 4 });
    for (const header of ['Thời hạn giải quyết', 'Số ngày giải quyết', 'Thời gian giải quyết', 'Thời hạn xử lý', 'ThoiHanGiaiQuyet', 'time_limit']) {
      expect([header, new HeaderMatcher().lookup(header)?.[0]]).toEqual([header, 'time_limit']);
    }
    for (const header of ['Hạn giải quyết', 'Hạn xử lý', 'Thời hạn trả kết quả']) {
      expect([header, new HeaderMatcher().lookup(header)?.[0]]).toEqual([header, 'due_at']);
    }
  });
});

// Thu 24/4/2025 + N working days: Fri 25 (1), Sat 26 worked (2), Mon 28 (3), Tue 29 (4), 30/4 and
// 1/5 off, Fri 2/5 (5). Mon 5/5 + 10: 6…9, 12…16, 19/5.
const DATA: { code: string; agency: string; procedure: string; received: string; due: string | null; status: string; limit: string | null; limitNumber: number | null }[] = [
  // limit 3 from the column: lawful 28/4, due 29/4 → 1 working day beyond
  { code: 'K1', agency: 'Sở Tư pháp', procedure: 'Đăng ký khai sinh', received: '2025-04-24', due: '2025-04-29', status: 'Đang xử lý', limit: '3 ngày làm việc', limitNumber: 3 },
  // limit 5 from the column wins over the config's 3: lawful 2/5, due 29/4 → fine
  { code: 'K2', agency: 'Sở Tư pháp', procedure: 'Đăng ký khai sinh', received: '2025-04-24', due: '2025-04-29', status: 'Đang xử lý', limit: '5', limitNumber: 5 },
  // blank: the config's 3 → lawful 28/4, no due date
  { code: 'K3', agency: 'Sở Tư pháp', procedure: 'Đăng ký khai sinh', received: '2025-04-24', due: null, status: 'Đang xử lý', limit: null, limitNumber: null },
  // "trong ngày": lawful 24/4, due 25/4 → 1 beyond
  { code: 'T0', agency: 'Sở Tư pháp', procedure: 'Chứng thực bản sao', received: '2025-04-24', due: '2025-04-25', status: 'Đang xử lý', limit: 'Trong ngày', limitNumber: 0 },
  // unreadable, and no limit in the config: unknown
  { code: 'B1', agency: 'Sở Y tế', procedure: 'Cấp chứng chỉ hành nghề dược', received: '2025-04-24', due: '2025-05-13', status: 'Đang xử lý', limit: '4 giờ', limitNumber: null },
  // 10 days: lawful 19/5, due 20/5 → 1 beyond
  { code: 'L1', agency: 'Sở Y tế', procedure: 'Cấp phép hoạt động', received: '2025-05-05', due: '2025-05-20', status: 'Đã trả kết quả', limit: '10 ngày', limitNumber: 10 },
  // withdrawn: not checked
  { code: 'W1', agency: 'Sở Y tế', procedure: 'Cấp phép hoạt động', received: '2025-05-05', due: null, status: 'Công dân yêu cầu rút hồ sơ', limit: '10', limitNumber: 10 },
];
const HEADER = 'Mã hồ sơ,Đơn vị,Tên thủ tục hành chính,Ngày tiếp nhận,Hạn giải quyết,Ngày có kết quả,Trạng thái,Thời hạn giải quyết (ngày)';
const dmy = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');
const csvRow = (d: (typeof DATA)[number]) =>
  [d.code, d.agency, d.procedure, dmy(d.received), dmy(d.due), d.status === 'Đã trả kết quả' ? dmy('2025-05-20') : '', d.status, d.limit ?? ''].join(',');

let dir: string;
const CONFIG = '{ "timeLimits": { "Đăng ký khai sinh": 3 } }';

beforeAll(async () => {
  dir = tempDir('hcc-time-limit-');
  writeFileSync(join(dir, 'hcc.config.json'), CONFIG);
  writeFileSync(join(dir, 'ho-so.csv'), [HEADER, ...DATA.map(csvRow)].join('\n'));
  // The workbook: numbers as number cells, dates as date cells.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Hồ sơ');
  ws.addRow(HEADER.split(','));
  for (const d of DATA) {
    const date = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);
    const limit = d.limit !== null && /^\d+$/.test(d.limit) ? Number(d.limit) : d.limit;
    ws.addRow([d.code, d.agency, d.procedure, date(d.received), date(d.due), d.status === 'Đã trả kết quả' ? date('2025-05-20') : null, d.status, limit]);
  }
  await wb.xlsx.writeFile(join(dir, 'ho-so.xlsx'));
});

/** What `hcc due-dates --format json` prints, which must be the same from every source. */
function dueDates(args: string[]): { json: Record<string, unknown>; stderr: string } {
  const r = runHcc(['due-dates', ...args, '--format', 'json'], { cwd: dir });
  expect(r.status, r.stderr).toBe(0);
  return { json: JSON.parse(r.stdout), stderr: r.stderr };
}

const EXPECTED_ISSUES = [
  ['K1', 3, 'column', '2025-04-28', '2025-04-29', 1],
  ['T0', 0, 'column', '2025-04-24', '2025-04-25', 1],
  ['L1', 10, 'column', '2025-05-19', '2025-05-20', 1],
  ['K3', 3, 'config', '2025-04-28', null, null],
];

describe('hcc due-dates with the time-limit column', () => {
  let fromCsv: { json: Record<string, unknown>; stderr: string };

  beforeAll(() => {
    fromCsv = dueDates(['--input', 'ho-so.csv']);
  });

  it('from a CSV file: the column wins over the config, an unreadable cell is unknown and said once', () => {
    const j = fromCsv.json as { checked: number; limitFrom: unknown; unknownLimit: number; issues: Record<string, unknown>[] };
    expect(j.issues.map((x) => [x.code, x.timeLimit, x.timeLimitSource, x.lawfulDueOn, x.dueOn, x.workdaysBeyond])).toEqual(EXPECTED_ISSUES);
    expect([j.checked, j.limitFrom, j.unknownLimit]).toEqual([5, { column: 4, config: 1 }, 1]);
    const warned = fromCsv.stderr.split('\n').filter((l) => l.includes('thời hạn giải quyết không đọc được'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toContain('1 ô');
    expect(warned[0]).toContain('dòng 6, cột "Thời hạn giải quyết (ngày)"');
    expect(warned[0]).toContain('"4 giờ"');
  });

  it('the text table and the CSV say where each limit came from', () => {
    const text = runHcc(['due-dates', '--input', 'ho-so.csv'], { cwd: dir }).stdout;
    expect(text).toContain('3 ngày LV (cấu hình)');
    expect(text).toContain('lấy từ cột thời hạn của dữ liệu: 4 hồ sơ; từ khóa "timeLimits" của tệp cấu hình: 1 hồ sơ');
    const csv = runHcc(['due-dates', '--input', 'ho-so.csv', '--format', 'csv'], { cwd: dir }).stdout.trim().split('\n');
    expect(csv[0]).toBe('code,agency,procedure,received_at,time_limit,time_limit_source,lawful_due_at,due_at,workdays_beyond');
    expect(csv[1]).toBe('K1,Sở Tư pháp,Đăng ký khai sinh,2025-04-24,3,column,2025-04-28,2025-04-29,1');
    expect(csv[4]).toBe('K3,Sở Tư pháp,Đăng ký khai sinh,2025-04-24,3,config,2025-04-28,,');
  });

  it('the workbook adds where each limit came from, and the workbook and the PDF say how many came from each', async () => {
    const out = join(dir, 'hen-tra.xlsx');
    expect(runHcc(['due-dates', '--input', 'ho-so.csv', '--format', 'xlsx', '--out', out], { cwd: dir }).status).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    const headerRow = [...Array(10).keys()].map((i) => i + 1).find((r) => ws.getRow(r).getCell(1).value === 'STT')!;
    expect((ws.getRow(headerRow).values as unknown[]).slice(-2)).toEqual(['Số ngày làm việc vượt', 'Nguồn thời hạn']);
    const rows = EXPECTED_ISSUES.map((_, i) => ws.getRow(headerRow + 1 + i));
    expect(rows.map((r) => [r.getCell(2).value, r.getCell(6).value, r.getCell(10).value])).toEqual(
      EXPECTED_ISSUES.map(([code, limit, source]) => [code, limit, source === 'column' ? 'cột dữ liệu' : 'tệp cấu hình']),
    );
    const above = [...Array(headerRow - 1).keys()].map((i) => String(ws.getRow(i + 1).getCell(1).value));
    expect(above.find((t) => t.startsWith('Đã kiểm tra'))).toContain('lấy từ cột thời hạn của dữ liệu: 4 hồ sơ; từ khóa "timeLimits" của tệp cấu hình: 1 hồ sơ');
    const pdf = join(dir, 'hen-tra.pdf');
    expect(runHcc(['due-dates', '--input', 'ho-so.csv', '--format', 'pdf', '--out', pdf], { cwd: dir }).status).toBe(0);
    const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    if (text.error) console.warn('time-limit.test: no pdftotext here, so the PDF summary is not read back');
    else expect(text.stdout.replace(/\s+/g, ' ')).toContain('lấy từ cột thời hạn của dữ liệu: 4 hồ sơ');
  });

  it('a bad time limit changes no count: hcc table is the same without the column, and says nothing of it', () => {
    const without = tempDir('hcc-time-limit-without-');
    writeFileSync(join(without, 'ho-so.csv'), [HEADER.replace(/,[^,]+$/, ''), ...DATA.map((d) => csvRow(d).replace(/,[^,]*$/, ''))].join('\n'));
    const withColumn = runHcc(['table', '--input', 'ho-so.csv', '--period', '2025-Q2', '--format', 'json'], { cwd: dir });
    const withoutColumn = runHcc(['table', '--input', 'ho-so.csv', '--period', '2025-Q2', '--format', 'json'], { cwd: without });
    expect(withColumn.status).toBe(0);
    expect(JSON.parse(withColumn.stdout)).toEqual(JSON.parse(withoutColumn.stdout));
    expect(JSON.parse(withColumn.stdout).rejected ?? 0).toBe(0);
    expect(withColumn.stderr).not.toContain('thời hạn');
  });

  it('from an XLSX workbook (number cells), the same', () => {
    const x = dueDates(['--input', 'ho-so.xlsx']);
    expect(x.json).toEqual(fromCsv.json);
    expect(x.stderr).toContain('1 ô thời hạn giải quyết không đọc được');
  });

  it('from the store: hcc import keeps the limit (and says the unreadable cell), the same', () => {
    const imported = runHcc(['import', 'ho-so.csv', '--store', 'tl.sqlite'], { cwd: dir });
    expect(imported.status).toBe(0);
    expect(imported.stderr).toContain('1 ô thời hạn giải quyết không đọc được');
    const db = new Database(join(dir, 'tl.sqlite'), { readonly: true });
    expect(db.prepare('SELECT code, time_limit FROM dossiers ORDER BY code').all()).toEqual(
      [...DATA].sort((a, b) => (a.code < b.code ? -1 : 1)).map((d) => ({ code: d.code, time_limit: d.limitNumber })),
    );
    db.close();
    expect(dueDates(['--store', 'tl.sqlite']).json).toEqual(fromCsv.json);
  });

  it('a store made before the column still opens: upgraded, its limits unknown until imported again', () => {
    expect(runHcc(['import', 'ho-so.csv', '--store', 'old.sqlite'], { cwd: dir }).status).toBe(0);
    // Back to the schema of migrations 001–002.
    const db = new Database(join(dir, 'old.sqlite'));
    db.exec("ALTER TABLE dossiers DROP COLUMN time_limit; DELETE FROM hcc_migrations WHERE name = '003_time_limit'");
    db.close();
    const old = dueDates(['--store', 'old.sqlite']).json as { limitFrom: unknown; unknownLimit: number };
    expect([old.limitFrom, old.unknownLimit]).toEqual([{ column: 0, config: 3 }, 3]);
    const reopened = new Database(join(dir, 'old.sqlite'), { readonly: true });
    expect(reopened.prepare("SELECT count(*) AS n FROM hcc_migrations WHERE name = '003_time_limit'").get()).toEqual({ n: 1 });
    reopened.close();
    const again = runHcc(['import', 'ho-so.csv', '--store', 'old.sqlite'], { cwd: dir });
    expect(again.stdout).toContain('0 mới, 5 cập nhật, 2 không đổi'); // K3 and B1 have no (readable) limit: unchanged
    expect(dueDates(['--store', 'old.sqlite']).json).toEqual(fromCsv.json);
  });

  it('from a SQLite table whose column is "so_ngay_giai_quyet" (text), the same', async () => {
    const path = join(dir, 'external.sqlite');
    const db = new Database(path);
    db.exec('CREATE TABLE ho_so (code text, agency text, procedure text, received_at text, due_at text, resolved_at text, status text, so_ngay_giai_quyet text)');
    const insert = db.prepare('INSERT INTO ho_so VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const d of DATA) insert.run(d.code, d.agency, d.procedure, d.received, d.due, d.status === 'Đã trả kết quả' ? '2025-05-20' : null, d.status, d.limit);
    db.close();
    const r = dueDates(['--db', `sqlite:${path}`, '--source-table', 'ho_so']);
    expect(r.json).toEqual(fromCsv.json);
    expect(r.stderr).toContain('1 ô thời hạn giải quyết không đọc được');
    expect(r.stderr).toContain('cột "so_ngay_giai_quyet"');
  });

  /** A table of DATA with the time limit as text (`thoi_han_giai_quyet`) or as an integer (`time_limit`). */
  async function load(knex: Knex, table: string, integer: boolean): Promise<void> {
    await knex.schema.dropTableIfExists(table);
    await knex.schema.createTable(table, (t) => {
      t.string('code', 40);
      t.string('agency', 200);
      t.string('procedure', 200);
      t.date('received_at');
      t.date('due_at');
      t.date('resolved_at');
      t.string('status', 100);
      if (integer) t.integer('time_limit');
      else t.string('thoi_han_giai_quyet', 100);
    });
    await knex(table).insert(
      DATA.map((d) => ({
        code: d.code,
        agency: d.agency,
        procedure: d.procedure,
        received_at: d.received,
        due_at: d.due,
        resolved_at: d.status === 'Đã trả kết quả' ? '2025-05-20' : null,
        status: d.status,
        ...(integer ? { time_limit: d.limitNumber } : { thoi_han_giai_quyet: d.limit }),
      })),
    );
  }

  for (const [name, url, variable, integer] of [
    ['PostgreSQL', PG_URL, 'HCC_TEST_PG_URL', false],
    ['MariaDB', MYSQL_URL, 'HCC_TEST_MYSQL_URL', true],
    ['PostgreSQL (integer column)', PG_URL, 'HCC_TEST_PG_URL', true],
    ['MariaDB (text column)', MYSQL_URL, 'HCC_TEST_MYSQL_URL', false],
  ] as const) {
    const skip = skipReason(name, url, variable);
    describe.skipIf(skip !== null)(`from ${name}`, () => {
      let knex: Knex;
      const table = tableName('tl');
      beforeAll(async () => {
        knex = adminKnex(url!);
        await load(knex, table, integer);
      });
      afterAll(async () => {
        await knex?.schema.dropTableIfExists(table);
        await knex?.destroy();
      });
      it('the same answer as the file', () => {
        const r = dueDates(['--db', url!, '--source-table', table]);
        expect(r.json).toEqual(fromCsv.json);
        // An integer column cannot hold "4 giờ" (NULL there): nothing to say.
        if (!integer) expect(r.stderr).toContain('1 ô thời hạn giải quyết không đọc được');
      });
    });
  }
});
