#!/usr/bin/env node
// The performance budget of hcc (docs/performance.md): times whole `node bin/hcc.js …` processes on generated
// data and prints a markdown table (median and spread of several runs, peak RSS from /usr/bin/time -v).
//
//   npm run build && npm run bench                                   # 100k and 1M, 5 runs
//   npm run bench -- --sizes 100000 --runs 3 --only table-csv,table-store
//   npm run bench -- --with-10m
//
// Data is generated once per size under --work (default /tmp/hcc-bench) and reused. A command that
// does not exist yet (or lacks a needed flag) is reported as "n/a" rather than failing the bench.
// PostgreSQL: 127.0.0.1:5432, user postgres (trust) or --pg URL; database hcc_bench; skipped with a
// reason when unreachable.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HCC = join(ROOT, 'bin', 'hcc.js');
const PERIOD = '2024'; // the last year of the generated data: carried-over, new, resolved and pending rows
const OVERDUE_ROWS_TARGET = 10_000;

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const a = {
    sizes: [100_000, 1_000_000],
    runs: 5,
    warmup: 1,
    work: join(tmpdir(), 'hcc-bench'),
    pg: process.env.HCC_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/hcc_bench',
    mysql: process.env.HCC_BENCH_MYSQL ?? 'mysql://root@127.0.0.1:3306/hcc_bench',
    only: null,
    seed: 20190805,
    out: null,
    quiet: 1.5,
    quietWait: 180,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    if (k === '--sizes') a.sizes = v().split(',').map((s) => Number(s.replace(/_/g, '').replace(/k$/i, '000').replace(/m$/i, '000000')));
    else if (k === '--with-10m') a.sizes.push(10_000_000);
    else if (k === '--runs') a.runs = Number(v());
    else if (k === '--warmup') a.warmup = Number(v());
    else if (k === '--work') a.work = v();
    else if (k === '--pg') a.pg = v();
    else if (k === '--no-pg') a.pg = null;
    else if (k === '--mysql') a.mysql = v();
    else if (k === '--no-mysql') a.mysql = null;
    else if (k === '--only') a.only = v().split(',');
    else if (k === '--seed') a.seed = Number(v());
    else if (k === '--out') a.out = v();
    else if (k === '--quiet') a.quiet = Number(v());
    else if (k === '--quiet-wait') a.quietWait = Number(v());
    else if (k === '--help' || k === '-h') {
      process.stdout.write(
        'usage: run.mjs [--sizes 100000,1000000] [--with-10m] [--runs 5] [--warmup 1] [--work DIR]\n' +
          '               [--pg URL | --no-pg] [--mysql URL | --no-mysql] [--out FILE.md]\n' +
          '               [--only import,table-store,table-csv,report,overdue,pg,charts,charts-pg,charts-mysql]\n' +
          '               [--quiet 1.5] [--quiet-wait 180]   wait (up to N s) for the 1-min load average to drop below it\n',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${k}`);
  }
  a.sizes = [...new Set(a.sizes)].sort((x, y) => x - y);
  return a;
}

// ---------------------------------------------------------------------------------------------
// Timing one process

/** Runs argv under /usr/bin/time -v; wall time measured here, peak RSS from time's report. */
function timed(argv, { cwd, stdoutFile, env } = {}) {
  const report = join(tmpdir(), `hcc-bench-time-${process.pid}.txt`);
  return new Promise((done) => {
    const t0 = process.hrtime.bigint();
    const child = spawn('/usr/bin/time', ['-v', '-o', report, ...argv], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    let err = '';
    child.stdout.on('data', (b) => stdoutFile !== null && out.push(b));
    child.stderr.on('data', (b) => (err += b));
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      let rssMb = NaN;
      try {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(report, 'utf8'));
        if (m) rssMb = Number(m[1]) / 1024;
      } catch {}
      const stdout = Buffer.concat(out);
      if (stdoutFile) writeFileSync(stdoutFile, stdout);
      resolveResult();
      function resolveResult() {
        done({ code, seconds, rssMb, stderr: err, stdout });
      }
    });
  });
}

/** The value at fraction `p` of the sorted values (linear between neighbours). */
const quantile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = p * (s.length - 1);
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
};

const median = (xs) => quantile(xs, 0.5);

/** A failed run as a result: its exit code and the first line of what it said (not time's own lines). */
function exitError(r) {
  const line = r.stderr.trim().split('\n').filter((l) => !/^\s*(Command exited|Command being)/.test(l))[0] ?? '';
  return { error: `exit ${r.code}: ${line.slice(0, 160)}` };
}

/** Warm-up runs (not counted), then `runs` timed runs; `before` runs untimed before each one. */
async function measure(argv, { runs, warmup, cwd, before, check }) {
  const results = [];
  for (let i = 0; i < warmup + runs; i++) {
    if (before) await before();
    const r = await timed(argv, { cwd });
    if (r.code !== 0) return exitError(r);
    if (check) {
      const problem = check(r);
      if (problem) return { error: problem };
    }
    if (i >= warmup) results.push(r);
  }
  const secs = results.map((r) => r.seconds);
  return {
    median: median(secs),
    min: Math.min(...secs),
    max: Math.max(...secs),
    rssMb: Math.max(...results.map((r) => r.rssMb)),
    last: results.at(-1),
  };
}

/**
 * What one flag adds to a command: `pairs` runs of it with the flag's effect and without, in turn
 * (the order swapped every pair, so a busy minute falls on both), and the median of the differences.
 * One run varies by ±0,1 s on these machines; a difference of two medians taken apart varies more.
 */
async function pairedCost(withArgv, withoutArgv, { pairs, warmup, cwd, before }) {
  const diffs = [];
  const runs = { with: [], without: [] };
  for (let i = 0; i < warmup + pairs; i++) {
    const order = i % 2 ? ['without', 'with'] : ['with', 'without'];
    const pair = {};
    for (const which of order) {
      if (before) await before();
      const r = await timed(which === 'with' ? withArgv : withoutArgv, { cwd });
      if (r.code !== 0) return exitError(r);
      pair[which] = r;
    }
    if (i < warmup) continue;
    runs.with.push(pair.with);
    runs.without.push(pair.without);
    diffs.push(pair.with.seconds - pair.without.seconds);
  }
  return {
    median: median(diffs),
    min: Math.min(...diffs),
    max: Math.max(...diffs),
    q1: quantile(diffs, 0.25),
    q3: quantile(diffs, 0.75),
    rssMb: Math.max(...runs.with.map((r) => r.rssMb)),
    withMedian: median(runs.with.map((r) => r.seconds)),
    withoutMedian: median(runs.without.map((r) => r.seconds)),
    pairs,
  };
}

// ---------------------------------------------------------------------------------------------
// What hcc offers right now (other commands land while the bench is written)

function hccHelp(args) {
  const r = spawnSync(process.execPath, [HCC, ...args, '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return r.status === 0 ? r.stdout : '';
}

function probe() {
  const main = hccHelp([]);
  if (!main) throw new Error('bin/hcc.js --help failed: build first (npm run build)');
  const commands = new Map();
  // The help is in Vietnamese ("Lệnh:"); commander's English heading is kept for older builds.
  const section = main.split(/^(?:Lệnh|Commands):/m)[1] ?? '';
  for (const m of section.matchAll(/^ {2}([a-z][\w-]*)/gm)) commands.set(m[1], hccHelp([m[1]]));
  return {
    has: (cmd, ...flags) => commands.has(cmd) && flags.every((f) => commands.get(cmd).includes(f)),
    help: (cmd) => commands.get(cmd) ?? '',
  };
}

// ---------------------------------------------------------------------------------------------
// Data

function dataFor(n, args) {
  const dir = join(args.work, String(n));
  const summaryPath = join(dir, 'summary.json');
  let summary = existsSync(summaryPath) ? JSON.parse(readFileSync(summaryPath, 'utf8')) : null;
  if (!summary || summary.seed !== args.seed || summary.dossiers !== n || !existsSync(join(dir, 'ho-so.canonical.csv'))) {
    log(`generating ${n} dossiers in ${dir} …`);
    const t0 = Date.now();
    summary = generate({ dossiers: n, seed: args.seed, outDir: dir, canonical: true });
    log(`  ${(summary.bytes / 1e6).toFixed(0)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { dir, n, summary, csv: join(dir, 'ho-so.csv'), canonical: join(dir, 'ho-so.canonical.csv'), config: join(dir, 'hcc.config.json') };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: load with COPY through psql, count DataRow messages through a small proxy

/** Host, port, user, database and password of a database URL, with the server's defaults. */
function parseDbUrl(url, defaults) {
  const u = new URL(url);
  return {
    host: u.hostname || '127.0.0.1',
    port: Number(u.port || defaults.port),
    user: decodeURIComponent(u.username || defaults.user),
    db: u.pathname.slice(1) || 'hcc_bench',
    password: u.password,
  };
}

const parsePg = (url) => parseDbUrl(url, { port: 5432, user: 'postgres' });

/** The server URL naming database `db` (a URL without a path gets one). */
function databaseUrl(url, db) {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.href;
}

function psqlArgs(pg, db = pg.db) {
  return ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', pg.host, '-p', String(pg.port), '-U', pg.user, '-d', db];
}

function psql(pg, sql, db) {
  const r = spawnSync('psql', [...psqlArgs(pg, db), '-At', '-c', sql], {
    encoding: 'utf8',
    env: { ...process.env, ...(pg.password ? { PGPASSWORD: pg.password } : {}) },
  });
  if (r.error) throw new Error(`psql: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`psql: ${r.stderr.trim().split('\n')[0]}`);
  return r.stdout.trim();
}

/** Prepares hcc_bench and the table of this size; returns null (with a reason) when PostgreSQL is unreachable. */
function pgTable(data, args, state) {
  if (!args.pg) return { skip: 'PostgreSQL not requested (--no-pg)' };
  const pg = parsePg(args.pg);
  try {
    psql(pg, 'select 1', 'postgres');
  } catch (e) {
    return { skip: `PostgreSQL unreachable at ${pg.host}:${pg.port} (${e.message})` };
  }
  if (!psql(pg, `select 1 from pg_database where datname = '${pg.db}'`, 'postgres')) psql(pg, `create database ${pg.db}`, 'postgres');
  const table = `dossiers_${data.n}`;
  const marker = `hcc bench seed ${data.summary.seed} n ${data.n}`;
  const comment = psql(pg, `select obj_description(to_regclass('${table}'), 'pg_class')`);
  if (comment !== marker) {
    log(`loading ${data.n} dossiers into PostgreSQL ${pg.db}.${table} with COPY …`);
    const t0 = Date.now();
    psql(
      pg,
      `drop table if exists ${table};
       create table ${table} (
         code text primary key, agency text not null, field text, procedure text, channel smallint,
         received_at timestamp, due_at timestamp, resolved_at timestamp, status smallint);`,
    );
    const r = spawnSync('psql', [...psqlArgs(pg), '-c', `\\copy ${table} from '${data.canonical}' with (format csv, header true)`], {
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`COPY failed: ${r.stderr.trim()}`);
    // The period query reads rows received up to the last day and not resolved before the first.
    psql(pg, `create index on ${table} (received_at); create index on ${table} (resolved_at); analyze ${table}; comment on table ${table} is '${marker}'`);
    log(`  loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  // The index README "Reading an existing database" recommends: agency first, then what the query reads.
  psql(pg, `create index if not exists ${table}_hcc on ${table} (agency, received_at, resolved_at, due_at, status, channel)`);
  psql(pg, `vacuum analyze ${table}`); // visibility map: index-only scans
  state.pg = pg;
  return { pg, table, url: databaseUrl(args.pg, pg.db) };
}

// ---------------------------------------------------------------------------------------------
// MariaDB / MySQL: the same dossiers, loaded with LOAD DATA through the mysql client

const parseMysql = (url) => parseDbUrl(url, { port: 3306, user: 'root' });

function mysqlCli(my, sql, db = my.db) {
  const r = spawnSync('mysql', ['--local-infile=1', '-h', my.host, '-P', String(my.port), '-u', my.user, ...(db ? [db] : []), '-N', '-B', '-e', sql], {
    encoding: 'utf8',
    env: { ...process.env, ...(my.password ? { MYSQL_PWD: my.password } : {}) },
  });
  if (r.error) throw new Error(`mysql: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`mysql: ${r.stderr.trim().split('\n')[0]}`);
  return r.stdout.trim();
}

/** Prepares hcc_bench and the table of this size in MariaDB/MySQL; a reason instead when it is unreachable. */
function mysqlTable(data, args) {
  if (!args.mysql) return { skip: 'MariaDB/MySQL not requested (--no-mysql)' };
  const my = parseMysql(args.mysql);
  try {
    mysqlCli(my, 'select 1', '');
  } catch (e) {
    return { skip: `MariaDB/MySQL unreachable at ${my.host}:${my.port} (${e.message})` };
  }
  mysqlCli(my, `create database if not exists ${my.db} character set utf8mb4`, '');
  const table = `dossiers_${data.n}`;
  const marker = `hcc bench seed ${data.summary.seed} n ${data.n}`;
  const comment = mysqlCli(my, `select table_comment from information_schema.tables where table_schema = '${my.db}' and table_name = '${table}'`);
  if (comment !== marker) {
    log(`loading ${data.n} dossiers into MariaDB/MySQL ${my.db}.${table} with LOAD DATA …`);
    const t0 = Date.now();
    // The server must allow LOAD DATA LOCAL; an empty field is NULL, as COPY reads it (an empty date
    // would otherwise be loaded as 0000-00-00, an empty number as 0).
    mysqlCli(my, 'set global local_infile = 1', '');
    mysqlCli(
      my,
      `drop table if exists ${table};
       create table ${table} (
         code varchar(64) primary key, agency varchar(200) not null, field varchar(200), \`procedure\` varchar(300), channel smallint,
         received_at datetime, due_at datetime, resolved_at datetime, status smallint) character set utf8mb4;
       load data local infile '${data.canonical}' into table ${table} character set utf8mb4
         fields terminated by ',' optionally enclosed by '"' lines terminated by '\\n' ignore 1 lines
         (code, agency, field, \`procedure\`, @c, @r, @d, @s, @st)
         set channel = nullif(@c, ''), received_at = nullif(@r, ''), due_at = nullif(@d, ''), resolved_at = nullif(@s, ''), status = nullif(@st, '');
       create index ${table}_received on ${table} (received_at);
       create index ${table}_resolved on ${table} (resolved_at);
       create index ${table}_hcc on ${table} (agency, received_at, resolved_at, due_at, status, channel);
       analyze table ${table};
       alter table ${table} comment = '${marker}'`,
    );
    log(`  loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { table, url: databaseUrl(args.mysql, my.db) };
}

/**
 * A TCP proxy in front of PostgreSQL that reads the protocol both ways: it counts the DataRow ('D')
 * messages the server sends (the rows that cross the wire, whatever the client does with them) and
 * records each statement the client sends (simple Query, or Parse + Bind with text parameters) with
 * the rows it got back, so psql can run exactly the SQL hcc ran.
 */
async function countingProxy(pg) {
  const stats = { dataRows: 0, bytesToClient: 0, statements: [] };
  const server = createServer((client) => {
    const upstream = createConnection({ host: pg.host, port: pg.port });
    let fromServer = Buffer.alloc(0);
    let fromClient = Buffer.alloc(0);
    let clientStarted = false; // the startup message (and an SSLRequest) carry no type byte
    let skipSslByte = false;
    let parsed = null; // last Parse: { sql }
    let current = null; // statement awaiting its ReadyForQuery
    const pending = [];
    const cstr = (b, at) => {
      const end = b.indexOf(0, at);
      return [b.toString('utf8', at, end), end + 1];
    };
    client.on('data', (b) => {
      upstream.write(b);
      fromClient = Buffer.concat([fromClient, b]);
      for (;;) {
        if (!clientStarted) {
          if (fromClient.length < 8) break;
          const len = fromClient.readInt32BE(0);
          if (fromClient.length < len) break;
          if (len === 8 && fromClient.readInt32BE(4) === 80877103) skipSslByte = true;
          else clientStarted = true;
          fromClient = fromClient.subarray(len);
          continue;
        }
        if (fromClient.length < 5) break;
        const type = String.fromCharCode(fromClient[0]);
        const len = fromClient.readInt32BE(1);
        if (fromClient.length < 1 + len) break;
        const body = fromClient.subarray(5, 1 + len);
        if (type === 'Q') pending.push({ sql: cstr(body, 0)[0], params: [], rows: 0, t0: performance.now() });
        else if (type === 'P') {
          const [, at] = cstr(body, 0);
          parsed = { sql: cstr(body, at)[0] };
        } else if (type === 'B') {
          let [, at] = cstr(body, 0);
          [, at] = cstr(body, at);
          const nFormats = body.readInt16BE(at);
          at += 2 + 2 * nFormats;
          const nParams = body.readInt16BE(at);
          at += 2;
          const params = [];
          for (let i = 0; i < nParams; i++) {
            const l = body.readInt32BE(at);
            at += 4;
            params.push(l < 0 ? null : body.toString('utf8', at, at + l));
            if (l > 0) at += l;
          }
          pending.push({ sql: parsed?.sql ?? '', params, rows: 0, t0: performance.now() });
        }
        fromClient = fromClient.subarray(1 + len);
      }
    });
    upstream.on('data', (b) => {
      stats.bytesToClient += b.length;
      client.write(b);
      fromServer = Buffer.concat([fromServer, b]);
      if (skipSslByte && fromServer.length > 0) {
        fromServer = fromServer.subarray(1);
        skipSslByte = false;
      }
      while (fromServer.length >= 5) {
        const len = fromServer.readInt32BE(1);
        if (fromServer.length < 1 + len) break;
        const type = fromServer[0];
        if (type === 0x44 /* D */) {
          stats.dataRows++;
          current ??= pending.shift() ?? null;
          if (current) current.rows++;
        } else if (type === 0x5a /* Z */) {
          current ??= pending.shift() ?? null;
          if (current) stats.statements.push({ ...current, ms: performance.now() - current.t0 });
          current = null;
        }
        fromServer = fromServer.subarray(1 + len);
      }
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { port: server.address().port, stats, close: () => new Promise((r) => server.close(r)) };
}

/** A captured statement with its parameters spliced in as literals, for psql. */
function withLiterals(st) {
  const lit = (v) => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);
  return st.sql.replace(/\$(\d+)/g, (_, i) => lit(st.params?.[Number(i) - 1] ?? null)).trim().replace(/;?$/, ';\n');
}

/**
 * The statement hcc's count ran (the one with the aggregate), with its parameters spliced as
 * literals, after the settings hcc made for it (`set_config(…, true)` in its transaction, replayed for the session).
 */
function aggregateStatement(statements) {
  const agg = statements.filter((s) => /\bsum\s*\(|\bcount\s*\(/i.test(s.sql)).sort((a, b) => b.sql.length - a.sql.length)[0];
  if (!agg) return null;
  let first = statements.indexOf(agg);
  const setting = /^\s*(SET\s|SELECT\s+set_config\()/i;
  while (first > 0 && setting.test(statements[first - 1].sql)) first--;
  // Session-wide in psql: SET LOCAL → SET, set_config(…, true) → set_config(…, false).
  const session = (sql) => sql.trim().replace(/^SET\s+LOCAL\s/i, 'SET ').replace(/(set_config\('[a-z_]+', '[a-z]+', )true\)/gi, '$1false)');
  const settings = statements.slice(first, statements.indexOf(agg)).map((s) => `${session(s.sql).replace(/;?$/, ';')}\n`);
  return { sql: settings.join('') + withLiterals(agg), rows: agg.rows };
}

// ---------------------------------------------------------------------------------------------
// The cases

const MB200 = 200;
const MB300 = 300;

function memTarget(n) {
  return n >= 10_000_000 ? MB300 : MB200;
}

/** Each case returns rows for the table: { command, n, result | error | na, target, note }. */
function cases(hcc, args) {
  const base = (data) => ['--config', data.config, '--rejects', join(data.dir, 'rejects.csv')];
  const storeOf = (data) => join(data.dir, 'hcc.sqlite');
  const list = [];

  list.push({
    id: 'import',
    label: 'hcc import (CSV → fresh store)',
    target: (n) => ({ seconds: n === 1_000_000 ? 10 : null, mb: memTarget(n) }),
    available: () => (hcc.has('import') ? null : 'no `hcc import` yet'),
    async run(data) {
      const store = join(data.dir, 'bench-import.sqlite');
      const fresh = () => {
        for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(store + suffix, { force: true });
      };
      const r = await measure([process.execPath, HCC, 'import', ...importArgs(hcc, data, store)], {
        runs: args.runs,
        warmup: 0,
        cwd: data.dir,
        before: fresh,
      });
      return r;
    },
  });

  list.push({
    id: 'table-store',
    label: `hcc table --period ${PERIOD} (store)`,
    target: (n) => ({ seconds: n === 1_000_000 ? 1 : n === 10_000_000 ? 10 : null, mb: memTarget(n) }),
    available: () => (hcc.has('import') ? null : 'no store yet (`hcc import`)'),
    async run(data) {
      await ensureStore(data);
      return measure([process.execPath, HCC, 'table', '--store', storeOf(data), '--period', PERIOD, ...base(data)], {
        runs: args.runs,
        warmup: args.warmup,
        cwd: data.dir,
      });
    },
  });

  list.push({
    id: 'table-csv',
    label: `hcc table --input file.csv --period ${PERIOD}`,
    target: (n) => ({ seconds: n === 1_000_000 ? 8 : null, mb: memTarget(n) }),
    available: () => (hcc.has('table', '--input') ? null : 'no `hcc table --input`'),
    async run(data) {
      return measure([process.execPath, HCC, 'table', '--input', data.csv, '--period', PERIOD, ...base(data)], {
        runs: args.runs,
        warmup: args.warmup,
        cwd: data.dir,
      });
    },
  });

  list.push({
    id: 'report',
    label: 'hcc report (PDF, Word, Excel, charts; 20 agencies)',
    target: (n) => ({ seconds: 1.5, mb: memTarget(n) }),
    available: () => (hcc.has('report') ? (hcc.has('import') ? null : 'no store yet (`hcc import`)') : 'no `hcc report` yet'),
    async run(data) {
      await ensureStore(data);
      const out = join(data.dir, 'report-out');
      return measure([process.execPath, HCC, 'report', ...reportArgs(hcc, data, storeOf(data), out)], {
        runs: args.runs,
        warmup: args.warmup,
        cwd: data.dir,
        before: () => rmSync(out, { recursive: true, force: true }),
      });
    },
  });

  list.push({
    id: 'overdue',
    label: 'hcc overdue',
    target: (n) => ({ seconds: 15, mb: memTarget(n) }),
    available: () => (hcc.has('overdue') ? (hcc.has('import') ? null : 'no store yet (`hcc import`)') : 'no `hcc overdue` yet'),
    async run(data, row) {
      await ensureStore(data);
      const { argv, format, file } = overdueArgs(hcc, data, storeOf(data));
      row.label = `hcc overdue → ${format.toUpperCase()}`;
      const r = await measure([process.execPath, HCC, 'overdue', ...argv], { runs: args.runs, warmup: args.warmup, cwd: data.dir });
      row.note = `${data.summary.pendingOverdueAtEnd.toLocaleString('en')} overdue rows at ${'31/12/2024'}`;
      if (format !== 'pdf') row.note += `; no PDF format, timed ${format}`;
      if (file && existsSync(file)) row.note += `; ${(statSync(file).size / 1e6).toFixed(1)} MB`;
      return r;
    },
  });

  list.push({
    id: 'pg',
    label: `hcc table --db postgres://… --period ${PERIOD}`,
    target: () => ({ ratio: 1.5, mb: MB200 }),
    available: () => (hcc.has('table', '--db') ? null : 'no `--db`'),
    async run(data, row, state) {
      const t = pgTable(data, args, state);
      if (t.skip) return { na: t.skip };
      const dbUrl = t.url;
      const hccArgv = (url) => [process.execPath, HCC, 'table', '--db', url, '--source-table', t.table, '--period', PERIOD, ...base(data)];
      const r = await measure(hccArgv(dbUrl), { runs: args.runs, warmup: args.warmup, cwd: data.dir });
      if (r.error) return r;
      // Rows crossing the wire, counted by a proxy on one extra (untimed) run.
      const proxy = await countingProxy(t.pg);
      const proxied = await timed(hccArgv(dbUrl.replace(/@[^/]+\//, `@127.0.0.1:${proxy.port}/`)), { cwd: data.dir });
      await proxy.close();
      if (proxied.code !== 0) return { error: `run through the counting proxy failed: ${proxied.stderr.trim().split('\n')[0]}` };
      const agg = aggregateStatement(proxy.stats.statements);
      const kb = (proxy.stats.bytesToClient / 1024).toFixed(0);
      row.note = agg
        ? `${agg.rows} rows crossed the wire for the aggregate (${proxy.stats.dataRows} in all, ${proxy.stats.statements.length} statements, ${kb} KB)`
        : `${proxy.stats.dataRows} rows crossed the wire (${kb} KB); no aggregate statement seen`;
      writeFileSync(
        join(data.dir, 'pg-statements.txt'),
        proxy.stats.statements.map((st) => `-- ${st.ms.toFixed(0)} ms, ${st.rows} rows\n${st.sql}\n`).join('\n'),
      );
      // psql running the same aggregate: exactly the SQL hcc sent, parameters as literals.
      const sqlFile = join(data.dir, 'pg-aggregate.sql');
      writeFileSync(sqlFile, agg ? agg.sql : readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'pg-aggregate.sql'), 'utf8').replaceAll('{{table}}', t.table));
      const p = await measure(['psql', ...psqlArgs(t.pg), '-At', '-o', '/dev/null', '-f', sqlFile], { runs: args.runs, warmup: args.warmup, cwd: data.dir });
      if (!agg) row.note += '; psql ran test/bench/pg-aggregate.sql';
      r.psql = p;
      // psql running every statement hcc sent (table description, vocabulary of text code columns,
      // the aggregate), one after the other: what the database does for hcc in all.
      const allFile = join(data.dir, 'pg-all.sql');
      writeFileSync(allFile, proxy.stats.statements.map(withLiterals).join(''));
      r.psqlAll = await measure(['psql', ...psqlArgs(t.pg), '-At', '-o', '/dev/null', '-f', allFile], { runs: args.runs, warmup: args.warmup, cwd: data.dir });
      // And a hand-written aggregate over the typed columns: what the database needs at least.
      const handFile = join(data.dir, 'pg-hand.sql');
      writeFileSync(handFile, readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'pg-aggregate.sql'), 'utf8').replaceAll('{{table}}', t.table));
      r.psqlHand = await measure(['psql', ...psqlArgs(t.pg), '-At', '-o', '/dev/null', '-f', handFile], { runs: args.runs, warmup: args.warmup, cwd: data.dir });
      return r;
    },
  });

  // What the charts add to the report (issue 14: at most 0,3 s), from the store, PostgreSQL and
  // MariaDB: the month figures are counted in the same read as the rest, so they cost differently
  // in each; the drawing costs the same at any size.
  const chartsCase = (id, where, source) =>
    list.push({
      id,
      label: `charts: hcc report − hcc report --no-charts (${where})`,
      target: () => ({ seconds: 0.3 }),
      available: () => (hcc.has('report', '--no-charts') ? null : 'no `hcc report --no-charts`'),
      async run(data, row, state) {
        const from = await source(data, state);
        if (from.skip) return { na: from.skip };
        const out = join(data.dir, 'charts-out');
        const argv = (...extra) => [process.execPath, HCC, 'report', ...from.argv, '--period', PERIOD, '--config', data.config, '--out', out, ...extra];
        const r = await pairedCost(argv(), argv('--no-charts'), {
          pairs: Math.max(10, 2 * args.runs),
          warmup: args.warmup,
          cwd: data.dir,
          before: () => rmSync(out, { recursive: true, force: true }),
        });
        if (!r.error) {
          row.note = `median of ${r.pairs} differences, run in turn (quartiles ${fmtS(r.q1)}–${fmtS(r.q3)} s); report ${fmtS(r.withMedian)} s with charts, ${fmtS(r.withoutMedian)} s without`;
        }
        return r;
      },
    });
  chartsCase('charts', 'store', async (data) => {
    await ensureStore(data);
    return { argv: ['--store', storeOf(data)] };
  });
  chartsCase('charts-pg', 'PostgreSQL', async (data, state) => {
    const t = pgTable(data, args, state);
    return t.skip ? t : { argv: ['--db', t.url, '--source-table', t.table] };
  });
  chartsCase('charts-mysql', 'MariaDB', async (data) => {
    const t = mysqlTable(data, args);
    return t.skip ? t : { argv: ['--db', t.url, '--source-table', t.table] };
  });

  // The store is built once per bench run with the hcc being measured (its schema may have changed).
  const built = new Set();
  async function ensureStore(data) {
    const store = storeOf(data);
    if (built.has(store)) return;
    built.add(store);
    for (const suffix of ['-wal', '-shm', '-journal']) rmSync(store + suffix, { force: true });
    log(`creating the store ${store} with hcc import …`);
    rmSync(store, { force: true });
    const r = await timed([process.execPath, HCC, 'import', ...importArgs(hcc, data, store)], { cwd: data.dir });
    if (r.code !== 0) throw new Error(`hcc import failed: ${r.stderr.trim().split('\n')[0]}`);
  }

  return args.only ? list.filter((c) => args.only.includes(c.id)) : list;
}

// Command lines of commands still being written: adapt here when their flags settle.
function importArgs(hcc, data, store) {
  return [data.csv, '--store', store, '--config', data.config, '--rejects', join(data.dir, 'rejects.csv')];
}
function reportArgs(hcc, data, store, out) {
  return ['--store', store, '--period', PERIOD, '--config', data.config, '--out', out];
}
function overdueArgs(hcc, data, store) {
  const help = hcc.help('overdue');
  const format = /\bpdf\b/i.test(help) ? 'pdf' : /\bxlsx\b/.test(help) ? 'xlsx' : 'csv';
  const file = join(data.dir, `overdue.${format}`);
  // As of the day the export was taken: every dossier still pending with a due date before it.
  const argv = ['--store', store, '--config', data.config, '--as-of', '2024-12-31', '--format', format, '--out', file];
  return { argv: [...argv, '--rejects', join(data.dir, 'rejects.csv')], format, file };
}

// ---------------------------------------------------------------------------------------------
// Output

const fmtS = (s) => (s < 10 ? s.toFixed(2) : s.toFixed(1));
const fmtN = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));

function verdict(row) {
  const r = row.result;
  if (!r || r.error || r.na) return '';
  const misses = [];
  const t = row.target;
  if (t.seconds != null && r.median > t.seconds) misses.push('time');
  if (t.ratio != null && r.psql && r.median > t.ratio * r.psql.median) misses.push('× psql');
  if (t.mb != null && r.rssMb > t.mb) misses.push('memory');
  return misses.length ? `**no** (${misses.join(', ')})` : 'yes';
}

function targetText(t) {
  const parts = [];
  if (t.seconds != null) parts.push(`≤ ${t.seconds} s`);
  if (t.ratio != null) parts.push(`≤ ${t.ratio} × psql`);
  if (t.mb != null) parts.push(`≤ ${t.mb} MB`);
  return parts.join(', ');
}

function markdown(rows) {
  const out = ['| command | N | median s | min–max s | peak RSS MB | target | met? | note |', '|---|---:|---:|---:|---:|---|---|---|'];
  for (const row of rows) {
    const r = row.result;
    if (!r || r.na || r.error) {
      out.push(`| ${row.label} | ${fmtN(row.n)} | n/a | | | ${targetText(row.target)} | | ${r?.na ?? r?.error ?? ''} |`);
      continue;
    }
    out.push(
      `| ${row.label} | ${fmtN(row.n)} | ${fmtS(r.median)} | ${fmtS(r.min)}–${fmtS(r.max)} | ${r.rssMb.toFixed(0)} | ${targetText(row.target)} | ${verdict(row)} | ${row.note ?? ''} |`,
    );
    if (r.psql) {
      const p = r.psql;
      out.push(
        `| psql, the same SQL as hcc | ${fmtN(row.n)} | ${fmtS(p.median)} | ${fmtS(p.min)}–${fmtS(p.max)} | ${p.rssMb.toFixed(0)} | | | hcc = ${(r.median / p.median).toFixed(2)} × psql |`,
      );
    }
    if (r.psqlAll && !r.psqlAll.error) {
      const p = r.psqlAll;
      out.push(
        `| psql, every statement hcc sent, one after the other | ${fmtN(row.n)} | ${fmtS(p.median)} | ${fmtS(p.min)}–${fmtS(p.max)} | ${p.rssMb.toFixed(0)} | | | hcc = ${(r.median / p.median).toFixed(2)} × this |`,
      );
    }
    if (r.psqlHand && !r.psqlHand.error) {
      const p = r.psqlHand;
      out.push(
        `| psql, hand-written aggregate (pg-aggregate.sql) | ${fmtN(row.n)} | ${fmtS(p.median)} | ${fmtS(p.min)}–${fmtS(p.max)} | ${p.rssMb.toFixed(0)} | | | hcc = ${(r.median / p.median).toFixed(2)} × this |`,
      );
    }
  }
  return out.join('\n');
}

function machine() {
  const sh = (cmd) => spawnSync('sh', ['-c', cmd], { encoding: 'utf8' }).stdout.trim();
  const nproc = sh('nproc');
  const cpu = cpus()[0]?.model ?? '?';
  const mem = sh("free -h | awk '/^Mem:/ {print $2\" total, \"$7\" available\"}'");
  const commit = sh(`git -C '${ROOT}' rev-parse --short HEAD`);
  return `${nproc} cores (\`nproc\`), ${cpu}; ${mem} (\`free -h\`); Node ${process.version}; ${new Date().toISOString().slice(0, 10)}; hcc at ${commit}`;
}

/**
 * The machine is shared: wait until the 1-minute load average drops below `quiet` (other work has
 * stopped) before timing a case, at most `quietWait` seconds; returns the load when timing starts.
 */
async function quietMachine(args) {
  const until = Date.now() + args.quietWait * 1000;
  while (loadavg()[0] > args.quiet && Date.now() < until) await new Promise((r) => setTimeout(r, 2000));
  return loadavg()[0];
}

function log(s) {
  process.stderr.write(s + '\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(args.work, { recursive: true });
  const hcc = probe();
  const all = cases(hcc, args);
  const rows = [];
  const state = { psqlRows: [] };
  for (const n of args.sizes) {
    const data = dataFor(n, args);
    for (const c of all) {
      const row = { id: c.id, label: c.label, n, target: c.target(n) };
      rows.push(row);
      const missing = c.available();
      if (missing) {
        row.result = { na: missing };
        continue;
      }
      row.load = await quietMachine(args);
      log(`${c.id} N=${fmtN(n)} (load ${row.load.toFixed(2)}) …`);
      try {
        row.result = await c.run(data, row, state);
      } catch (e) {
        row.result = { error: e.message };
      }
      const r = row.result;
      log(r.error ? `  error: ${r.error}` : r.na ? `  n/a: ${r.na}` : `  median ${fmtS(r.median)} s, ${r.rssMb.toFixed(0)} MB`);
    }
  }
  const md = markdown(rows);
  const loads = rows.filter((r) => r.load !== undefined).map((r) => r.load);
  const loadText = loads.length ? `; 1-min load average when each command started: ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)}` : '';
  const text = `Machine: ${machine()}.\nData: \`npm run bench:data\` (seed ${args.seed}); period ${PERIOD}; ${args.runs} runs after ${args.warmup} warm-up${loadText}.\n\n${md}\n`;
  process.stdout.write(text);
  const outFile = args.out ?? join(args.work, 'results.md');
  writeFileSync(outFile, text);
  writeFileSync(outFile.replace(/\.md$/, '') + '.json', JSON.stringify(rows, (k, v) => (k === 'last' ? undefined : v), 2));
  log(`written ${outFile}`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.stack ?? e}\n`);
  process.exit(1);
});
