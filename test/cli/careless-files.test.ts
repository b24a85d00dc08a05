// The files a careless exporter or a hostile user hands hcc, through the real CLI: every row read,
// none merged or garbled, every one not counted said and listed.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HCC, runHcc, tempDir } from '../helpers/run-hcc.js';

const dir = tempDir('hcc-careless-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function tableJson(args: string[], options: { input?: string } = {}) {
  const r = runHcc(['table', ...args, '--format', 'json', '--rejects', join(dir, 'rejects.csv')], { cwd: dir, input: options.input });
  expect(r.status, r.stderr).toBe(0);
  return { json: JSON.parse(r.stdout), stderr: r.stderr };
}

describe('line endings', () => {
  it('reads a CR-only file (old Mac exporters): every row, not a table of zeros', () => {
    const path = file('cr.csv', 'code,agency,received_at,status\rA1,S,2024-01-05,4\rA2,S,2024-01-06,4\r');
    const { json } = tableJson(['--input', path, '--period', '2024-H1']);
    expect(json.total.received.new).toBe(2);
    expect(json.rejected).toBe(0);
  });

  it('reads a file mixing CRLF, LF and CR: no row vanishes', () => {
    const path = file('mixed.csv', 'code,agency,received_at,status\r\nA1,S,2024-01-05,4\nA2,S,2024-01-06,4\rA3,S,2024-01-07,4\r\nA4,S,2024-01-08,4\rA5,S,2024-01-09,4\n');
    const { json } = tableJson(['--input', path, '--period', '2024-H1']);
    expect(json.total.received.new).toBe(5);
  });
});

describe('quotes', () => {
  it('never swallows rows into one cell: the stray quote row is rejected with the lines it would have merged', () => {
    const lines = ['code,agency,procedure,received_at', 'A1,X,"stray,2024-01-05'];
    for (let i = 2; i <= 7; i++) lines.push(`A${i},X,p,2024-01-0${i}`);
    lines.push('A8,X,lit",2024-01-09');
    const path = file('stray.csv', lines.join('\n') + '\n');
    const { json, stderr } = tableJson(['--input', path, '--period', '2024-H1']);
    expect(json.total.received.new).toBe(7);
    expect(json.rejected).toBe(1);
    expect(stderr).toContain('stray.csv:2 (mã A1): cột "procedure": dấu ngoặc kép mở không đóng; đọc theo chuẩn CSV, ô này sẽ gộp các dòng 2–9 làm một');
    const listed = readFileSync(join(dir, 'rejects.csv'), 'utf8');
    expect(listed).toContain(',2,A1,stray-quote,');
  });
});

describe('encodings', () => {
  it('keeps a UTF-8 file with a few bad bytes near its end UTF-8, rejecting only those rows', () => {
    const good = Array.from({ length: 30 }, (_, i) => `B${i},Sở Y tế,2024-01-05,4`).join('\n');
    const bad = Buffer.concat([Buffer.from('BX,S'), Buffer.from([0xe1, 0xbb]), Buffer.from(' Y tế,2024-01-05,4\n')]);
    const path = file('few-bad.csv', Buffer.concat([Buffer.from(`code,agency,received_at,status\n${good}\n`), bad, Buffer.from('BZ,Sở Tư pháp,2024-01-06,4\n')]));
    const { json, stderr } = tableJson(['--input', path, '--period', '2024-H1']);
    expect(json.rows.map((r: { agency: string }) => r.agency)).toEqual(['Sở Tư pháp', 'Sở Y tế']);
    expect(json.total.received.new).toBe(31);
    expect(stderr).toContain('few-bad.csv:32 (mã BX): cột "agency": có byte không đọc được theo bảng mã UTF-8');
    expect(stderr).not.toContain('Sá»');
  });

  it('keeps a UTF-8 file of two rows with one bad byte UTF-8: the good row keeps its name', () => {
    const bad = Buffer.concat([Buffer.from('BX,S'), Buffer.from([0xe1, 0xbb]), Buffer.from(' Y tế,2024-01-05,4\n')]);
    const path = file('two-rows.csv', Buffer.concat([Buffer.from('code,agency,received_at,status\nB1,Sở Y tế,2024-01-05,4\n'), bad]));
    const { json, stderr } = tableJson(['--input', path, '--period', '2024-H1']);
    expect(json.rows.map((r: { agency: string }) => r.agency)).toEqual(['Sở Y tế']);
    expect(json.total.received.new).toBe(1);
    expect(json.rejected).toBe(1);
    expect(stderr).toContain('two-rows.csv:3 (mã BX): cột "agency": có byte không đọc được theo bảng mã UTF-8');
  });
});

describe('rows that hold no dossier', () => {
  it('lists group and subtotal rows with the rejects, "dòng nhóm/tổng cộng", and says how many', () => {
    const path = file('groups.csv', ['code,agency,received_at,status', 'Lĩnh vực: Hộ tịch,,,', 'G1,S,2024-01-05,4', 'Tổng cộng: 1,,,'].join('\n'));
    const { json, stderr } = tableJson(['--input', path, '--period', '2024-H1']);
    expect(json.total.received.new).toBe(1);
    expect(json.skipped).toBe(2);
    expect(json.rejectedByKind).toEqual({ 'group-row': 2 });
    expect(stderr).toContain('bỏ qua 2 dòng không phải hồ sơ');
    const listed = readFileSync(join(dir, 'rejects.csv'), 'utf8');
    expect(listed).toContain(',2,,group-row,"dòng nhóm/tổng cộng (""Lĩnh vực: Hộ tịch"")"');
    expect(listed).toContain(',4,,group-row,dòng nhóm/tổng cộng ("Tổng cộng: 1")'.replace(/"/g, '""').replace(/^,4,,group-row,/, ',4,,group-row,"') + '"');
  });
});

describe('input from a pipe', () => {
  const rows = 'code,agency,received_at,status\nP1,S,2024-01-05,4\nP2,S,2024-01-06,4\n';

  it('reads the piped rows with --input - and --input /dev/stdin', () => {
    for (const input of ['-', '/dev/stdin']) {
      const { json } = tableJson(['--input', input, '--period', '2024-H1'], { input: rows });
      expect(json.total.received.new, input).toBe(2);
    }
  });

  const hasScript = spawnSync('script', ['-V']).status === 0;
  it.skipIf(!hasScript)('says so at once when nothing is piped in and standard input is the keyboard (needs util-linux script)', () => {
    const command = `${process.execPath} ${HCC} table --input - --period 2024-H1`;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(r.stdout.replace(/\r\n/g, '\n')).toContain('không có dữ liệu nào được chuyển vào (đầu vào là bàn phím)');
  });

  it('reads a FIFO as a stream', async () => {
    const fifo = join(dir, 'rows.fifo');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const child = spawn(process.execPath, [HCC, 'table', '--input', fifo, '--period', '2024-H1', '--format', 'json'], { cwd: dir });
    let stdout = '';
    child.stdout.on('data', (c) => (stdout += c));
    const done = new Promise<number | null>((r) => child.on('close', r));
    const writer = createWriteStream(fifo);
    writer.end(rows);
    expect(await done).toBe(0);
    expect(JSON.parse(stdout).total.received.new).toBe(2);
  });
});
