// Shared by the report tests: the Hà Nam annex as a PeriodTable (from the fixture's expected annex CSV),
// and the text of a PDF. Paths, the CLI runner and temporary folders are in run-hcc.ts.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Counts, PeriodTable, TableRow } from '../../src/core/types.js';
import { HA_NAM } from './run-hcc.js';

export function pdfText(file: string, layout = true): string {
  const r = spawnSync('pdftotext', [...(layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function counts(n: number[]): Counts {
  const [rt, rn, rc, st, se, so, sl, pt, pn, po] = n;
  return {
    received: { total: rt, new: rn, carriedOver: rc, online: 0, direct: rn, postal: 0 },
    resolved: { total: st, early: se, onTime: so, late: sl },
    pending: { total: pt, notDue: pn, overdue: po },
    satisfaction: { rated: 0, satisfied: 0 },
  };
}

/** The expected Hà Nam annex (report No. 1204/BC-VPUB, fixtures/ha-nam) as the table the core would build. */
export function haNamTable(): PeriodTable {
  const lines = readFileSync(HA_NAM.annex, 'utf8').trim().split(/\r?\n/).slice(1);
  const rows: TableRow[] = lines.map((line) => {
    const f = splitCsvLine(line);
    return {
      stt: Number(f[0]),
      key: f[1],
      listed: true,
      counts: counts(f.slice(2, 12).map(Number)),
      excluded: { withdrawn: 0, stopped: 0, notReceived: 0 },
    };
  });
  const sum = (pick: (c: Counts) => number) => rows.reduce((s, r) => s + pick(r.counts), 0);
  const total = counts([
    sum((c) => c.received.total),
    sum((c) => c.received.new),
    sum((c) => c.received.carriedOver),
    sum((c) => c.resolved.total),
    sum((c) => c.resolved.early),
    sum((c) => c.resolved.onTime),
    sum((c) => c.resolved.late),
    sum((c) => c.pending.total),
    sum((c) => c.pending.notDue),
    sum((c) => c.pending.overdue),
  ]);
  return {
    period: { from: '2017-07-03', to: '2019-06-30' },
    groupBy: 'agency',
    rows,
    total,
    excluded: { withdrawn: 0, stopped: 0, notReceived: 0 },
    rejected: 0,
    skipped: 0,
    rejectedByKind: {},
    warnings: [],
  };
}
