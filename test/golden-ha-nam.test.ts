// Acceptance test: the bundled Hà Nam dataset, counted by the real `hcc table` executable for
// 03/7/2017 – 30/6/2019, reproduces the annex of report No. 1204/BC-VPUB cell by cell.
//
// The expectations come from fixtures/ha-nam/annex-2017-07-03_2019-06-30.csv (a copy of the
// annex) and, for the dossiers counted apart (withdrawn, stopped, not received), from the dossier
// CSV itself, read here with a small independent parser, never from the program's output.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameKey } from '../src/core/agencies.js';
import { HCC, ROOT, tempDir } from './helpers/run-hcc.js';

const DIR = join(ROOT, 'fixtures/ha-nam');
const CSV = join(DIR, 'ho-so-2017-2019.csv');
const CONFIG = join(DIR, 'hcc.config.json');
const ANNEX = join(DIR, 'annex-2017-07-03_2019-06-30.csv');
const GENERATOR = join(DIR, 'generate.mjs');
const FROM = '2017-07-03';
const TO = '2019-06-30';

// ---------------------------------------------------------------------------------------------
// Small CSV helpers (RFC 4180 quoting, one record per line: the fixture has no line breaks in cells)
// ---------------------------------------------------------------------------------------------
function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l !== '');
}

/** "dd/MM/yyyy HH:mm:ss" → "yyyy-mm-dd" (Vietnam local day); empty → null. */
function day(text: string): string | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})(?: \d{2}:\d{2}:\d{2})?$/.exec(text.trim());
  if (!m) {
    if (text.trim() === '') return null;
    throw new Error(`unexpected date "${text}"`);
  }
  return `${m[3]}-${m[2]}-${m[1]}`;
}

interface AnnexRow {
  stt: number;
  agency: string;
  cells: number[];
}
const CELLS = [
  'received_total',
  'received_new',
  'received_carried_over',
  'resolved_total',
  'resolved_early',
  'resolved_on_time',
  'resolved_late',
  'pending_total',
  'pending_not_due',
  'pending_overdue',
] as const;

function readAnnex(): AnnexRow[] {
  const [header, ...rows] = readLines(ANNEX).map(splitCsvLine);
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`annex has no column ${name}`);
    return i;
  };
  return rows.map((r) => ({
    stt: Number(r[col('stt')]),
    agency: r[col('agency')],
    cells: CELLS.map((c) => Number(r[col(c)])),
  }));
}

interface JsonCounts {
  received: { total: number; new: number; carriedOver: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  pending: { total: number; notDue: number; overdue: number };
}
interface Excluded {
  withdrawn: number;
  stopped: number;
  notReceived: number;
}
interface TableJson {
  period: { from: string; to: string };
  rows: (JsonCounts & { stt: number; agency: string; excluded: Excluded })[];
  total: JsonCounts;
  excluded: Excluded;
  rejected: number;
  warnings: { code: string; message: string }[];
}

function cellsOf(c: JsonCounts): number[] {
  return [
    c.received.total,
    c.received.new,
    c.received.carriedOver,
    c.resolved.total,
    c.resolved.early,
    c.resolved.onTime,
    c.resolved.late,
    c.pending.total,
    c.pending.notDue,
    c.pending.overdue,
  ];
}

// ---------------------------------------------------------------------------------------------
// What the generator planted, read back from the dossier CSV
// ---------------------------------------------------------------------------------------------
const EXCLUDED_STATUS: Record<string, keyof Excluded> = {
  'Công dân yêu cầu rút hồ sơ': 'withdrawn',
  'Dừng xử lý': 'stopped',
  'Không được tiếp nhận': 'notReceived',
};

interface Planted {
  excluded: Excluded;
  excludedByAgency: Map<number, Excluded>;
  rows: number;
  receivedAfterPeriod: number;
  finishedBeforePeriod: number;
}

function readPlanted(): Planted {
  const lines = readLines(CSV);
  const headerAt = lines.findIndex((l) => l.startsWith('STT,'));
  expect(headerAt).toBeGreaterThan(0); // title rows above the header
  const header = splitCsvLine(lines[headerAt]);
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`no column ${name}`);
    return i;
  };
  const [cAgency, cReceived, cResolved, cStatus] = [
    col('Đơn vị giải quyết'),
    col('Ngày tiếp nhận'),
    col('Ngày có kết quả'),
    col('Trạng thái'),
  ];

  const config = JSON.parse(readFileSync(CONFIG, 'utf8')) as { agencies: { name: string; aliases?: string[] }[] };
  const agencyIndex = new Map<string, number>();
  config.agencies.forEach((a, i) => {
    for (const s of [a.name, ...(a.aliases ?? [])]) agencyIndex.set(nameKey(s), i);
  });

  const planted: Planted = {
    excluded: { withdrawn: 0, stopped: 0, notReceived: 0 },
    excludedByAgency: new Map(),
    rows: 0,
    receivedAfterPeriod: 0,
    finishedBeforePeriod: 0,
  };
  for (const line of lines.slice(headerAt + 1)) {
    const r = splitCsvLine(line);
    planted.rows++;
    const received = day(r[cReceived]);
    const resolved = day(r[cResolved]);
    if (received === null) throw new Error(`no received date: ${line}`);
    if (received > TO) planted.receivedAfterPeriod++;
    if (resolved !== null && resolved < FROM) planted.finishedBeforePeriod++;
    const kind = EXCLUDED_STATUS[r[cStatus]];
    // In the period: received by its last day and not finished before its first day.
    if (!kind || received > TO || (resolved !== null && resolved < FROM)) continue;
    planted.excluded[kind]++;
    const index = agencyIndex.get(nameKey(r[cAgency]));
    if (index === undefined) throw new Error(`spelling not in hcc.config.json: "${r[cAgency]}"`);
    const e = planted.excludedByAgency.get(index) ?? { withdrawn: 0, stopped: 0, notReceived: 0 };
    e[kind]++;
    planted.excludedByAgency.set(index, e);
  }
  return planted;
}

// ---------------------------------------------------------------------------------------------

describe('golden: Hà Nam 03/7/2017 – 30/6/2019 (report No. 1204/BC-VPUB)', () => {
  const annex = readAnnex();
  let table: TableJson;
  let stderr = '';

  beforeAll(() => {
    const run = spawnSync(
      process.execPath,
      [HCC, 'table', '--input', CSV, '--config', CONFIG, '--from', FROM, '--to', TO, '--format', 'json'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 },
    );
    stderr = run.stderr;
    if (run.status !== 0) throw new Error(`hcc table exited with ${run.status}:\n${run.stderr}`);
    table = JSON.parse(run.stdout) as TableJson;
  }, 120_000);

  it('the annex copy has the 20 agencies and the report totals', () => {
    expect(annex.map((r) => r.stt)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const sums = CELLS.map((_, j) => annex.reduce((s, r) => s + r.cells[j], 0));
    // 35.591 received (35.523 new + 68 carried over); 34.985 resolved (32.097 + 2.850 + 38); 606 pending (603 + 3).
    expect(sums).toEqual([35591, 35523, 68, 34985, 32097, 2850, 38, 606, 603, 3]);
  });

  it('reports the period asked for', () => {
    expect(table.period.from).toBe(FROM);
    expect(table.period.to).toBe(TO);
  });

  it('has exactly the annex rows, in the official order, with the annex names', () => {
    expect(table.rows.map((r) => [r.stt, r.agency])).toEqual(annex.map((r) => [r.stt, r.agency]));
  });

  it('matches the annex cell by cell for every agency', () => {
    for (const [i, expected] of annex.entries()) {
      const row = table.rows[i];
      const got = Object.fromEntries(CELLS.map((c, j) => [c, cellsOf(row)[j]]));
      const want = Object.fromEntries(CELLS.map((c, j) => [c, expected.cells[j]]));
      expect({ agency: row.agency, ...got }).toEqual({ agency: expected.agency, ...want });
    }
  });

  it('matches the annex total row', () => {
    const sums = CELLS.map((_, j) => annex.reduce((s, r) => s + r.cells[j], 0));
    expect(cellsOf(table.total)).toEqual(sums);
  });

  it('rejects no input row, leaves no spelling unlisted and rests on no assumption', () => {
    expect(table.rejected, stderr).toBe(0);
    expect(table.warnings, stderr).toEqual([]);
  });

  it('counts apart exactly the withdrawn, stopped and not-received dossiers of the period', () => {
    const planted = readPlanted();
    // The dataset exercises the period bounds and the excluded statuses at all.
    expect(planted.rows).toBeGreaterThan(35591);
    expect(planted.receivedAfterPeriod).toBeGreaterThan(0);
    expect(planted.finishedBeforePeriod).toBeGreaterThan(0);
    expect(planted.excluded.withdrawn).toBeGreaterThan(0);
    expect(planted.excluded.stopped).toBeGreaterThan(0);
    expect(planted.excluded.notReceived).toBeGreaterThan(0);

    expect(table.excluded).toEqual(planted.excluded);
    table.rows.forEach((row, i) => {
      const want = planted.excludedByAgency.get(i) ?? { withdrawn: 0, stopped: 0, notReceived: 0 };
      expect({ agency: row.agency, ...row.excluded }).toEqual({ agency: row.agency, ...want });
    });
  });
});

describe('the Hà Nam generator', () => {
  const out = tempDir('hcc-ha-nam-');
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('rewrites the committed files byte for byte', () => {
    const run = spawnSync(process.execPath, [GENERATOR, '--out', out, '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    for (const name of ['ho-so-2017-2019.csv', 'hcc.config.json']) {
      const fresh = readFileSync(join(out, name));
      const committed = readFileSync(join(DIR, name));
      expect(fresh.length, name).toBe(committed.length);
      expect(fresh.equals(committed), `${name} differs from the generator's output`).toBe(true);
    }
  }, 120_000);

  it('writes a UTF-8 CSV with a BOM, CRLF line endings and the export header', () => {
    const bytes = readFileSync(CSV);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.includes('\r\n')).toBe(true);
    expect(/[^\r]\n/.test(text)).toBe(false);
    expect(readLines(CSV)).toContain(
      'STT,Mã hồ sơ,Đơn vị giải quyết,Lĩnh vực,Tên thủ tục hành chính,Kênh thực hiện,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Ngày trả kết quả,Trạng thái',
    );
  });
});
