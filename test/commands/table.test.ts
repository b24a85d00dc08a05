// `hcc table` end to end: spawned CLI, exit codes, stdout/stderr, files written.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { HCC, ROOT, runHcc, tempDir } from '../helpers/run-hcc.js';

const HEADER = 'Mã hồ sơ,Đơn vị,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Kênh thực hiện';
let dir: string;
let good: string;

beforeAll(() => {
  expect(existsSync(HCC)).toBe(true);
  dir = tempDir();
  good = join(dir, 'good.csv');
  writeFileSync(
    good,
    [
      HEADER,
      'HS-001,Sở Tư pháp,02/01/2019,10/01/2019,09/01/2019,Đã trả kết quả,Trực tuyến',
      'HS-002,Sở Tư pháp,03/01/2019,10/01/2019,10/01/2019,Đã trả kết quả,Trực tiếp',
      'HS-003,Sở Tư pháp,20/12/2018,05/01/2019,07/01/2019,Đã trả kết quả,Trực tiếp',
      'HS-004,Sở Y tế,25/06/2019,29/06/2019,,Đang xử lý,Bưu chính công ích',
      'HS-005,Sở Y tế,25/06/2019,05/07/2019,,Đang xử lý,Trực tiếp',
      'HS-006,Sở Y tế,01/03/2019,05/03/2019,,Công dân yêu cầu rút hồ sơ,Trực tiếp',
    ].join('\n'),
  );
});

describe('hcc table', () => {
  it('prints the JSON table of a period', () => {
    const r = runHcc(['table', '--input', good, '--period', '2019-H1', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.period).toMatchObject({ from: '2019-01-01', to: '2019-06-30' });
    expect(json.rows.map((x: { agency: string }) => x.agency)).toEqual(['Sở Tư pháp', 'Sở Y tế']);
    expect(json.rows[0].received).toEqual({ total: 3, new: 2, carriedOver: 1, online: 1, direct: 1, postal: 0 });
    expect(json.rows[0].resolved).toEqual({ total: 3, early: 1, onTime: 1, late: 1 });
    expect(json.rows[1].pending).toEqual({ total: 2, notDue: 1, overdue: 1 });
    expect(json.total.received.total).toBe(5);
    expect(json.excluded).toEqual({ withdrawn: 1, stopped: 0, notReceived: 0 });
    expect(json.rejected).toBe(0);
  });

  it('counts withdrawn dossiers as on time with --withdrawn on-time', () => {
    const r = runHcc(['table', '--input', good, '--period', '2019-H1', '--format', 'json', '--withdrawn', 'on-time']);
    const json = JSON.parse(r.stdout);
    // HS-006 has no resolved date, so it stays counted apart.
    expect(json.excluded.withdrawn).toBe(1);
    expect(json.total.resolved.onTime).toBe(1);
  });

  it('prints an aligned table with vi-VN numbers and no colour codes when piped', () => {
    const r = runHcc(['table', '--input', good, '--from', '01/01/2019', '--to', '30/06/2019']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Kết quả giải quyết TTHC từ ngày 01/1/2019 đến ngày 30/6/2019');
    expect(r.stdout).toMatch(/Tổng số\s+5\s+4\s+1\s+3\s+1\s+1\s+1\s+2\s+1\s+1/);
    expect(r.stdout).toContain('(60,0%)');
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('writes CSV with one header row, the groups and the total', () => {
    const out = join(dir, 'out/table.csv');
    const r = runHcc(['table', '--input', good, '--period', '2019-H1', '--format', 'csv', '--out', out]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(out);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('stt,agency,received_total,received_new,received_carried_over,resolved_total,resolved_early,resolved_on_time,resolved_late,pending_total,pending_not_due,pending_overdue');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe(',Tổng số,5,4,1,3,1,1,1,2,1,1');
  });

  it('reports rejected rows with file and line, writes them to a CSV, and still prints the table', () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, [HEADER, 'HS-1,Sở Tư pháp,31/06/2019,,,,', 'HS-2,Sở Tư pháp,01/06/2019,,,,', 'HS-2,Sở Tư pháp,02/06/2019,,,,', ',Sở Tư pháp,01/06/2019,,,,'].join('\n'));
    const rejects = join(dir, 'rejects.csv');
    const r = runHcc(['table', '--input', bad, '--period', '2019-H1', '--format', 'json', '--rejects', rejects]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('3 dòng không dùng được');
    expect(r.stderr).toContain(`${bad}:2`);
    expect(r.stderr).toContain(rejects);
    expect(JSON.parse(r.stdout).rejected).toBe(3);
    expect(JSON.parse(r.stdout).total.received.total).toBe(1);
    const listed = readFileSync(rejects, 'utf8');
    expect(listed).toContain('31/06/2019');
    expect(listed.trim().split('\n')).toHaveLength(4);

    const strict = runHcc(['table', '--input', bad, '--period', '2019-H1', '--strict', '--rejects', rejects]);
    expect(strict.status).toBe(3);
    expect(strict.stdout).toBe('');
    expect(strict.stderr).toMatch(/--strict/);
  });

  it.each([
    [['table', '--input', 'x.csv', '--period', '2019-H3'], 2, /2019-H3/],
    [['table', '--input', 'x.csv', '--from', '2019-06-30', '--to', '2019-01-01'], 2, /ngược/],
    [['table', '--input', 'x.csv', '--from', '31/06/2019', '--to', '2019-07-01'], 2, /30 ngày/],
    [['table', '--input', 'x.csv'], 2, /chưa chọn kỳ báo cáo/],
    [['table', '--fromm', '2019-01-01'], 2, /không có tùy chọn '--fromm'/, '(có phải --from?)'],
    [['table', '--input', 'khong-co.csv', '--period', '2019'], 1, /khong-co\.csv/],
    [['table', '--input', 'x.csv', '--period', '2019', '--format', 'pdf'], 2, /pdf/],
  ])('%j exits %i with one clear line', (args, code, message, hint?: string) => {
    const r = runHcc(args as string[], { cwd: dir });
    expect(r.status).toBe(code);
    expect(r.stderr).toMatch(message as RegExp);
    // Exactly one line says what is wrong; commander adds its spelling hint on a line of its own.
    const lines = r.stderr.trim().split('\n');
    expect(lines, r.stderr).toHaveLength(hint ? 2 : 1);
    expect(lines[0]).toMatch(message as RegExp);
    if (hint) expect(lines[1]).toBe(hint);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('names the config key that is wrong', () => {
    const cfg = join(dir, 'bad-config.json');
    writeFileSync(cfg, '{ "agencies": [ { "name": "A", "aliases": "B" } ] }');
    const r = runHcc(['table', '--input', good, '--period', '2019', '--config', cfg]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('"agencies[0].aliases"');
  });

  it('leaves no file behind when it fails', () => {
    const outDir = join(dir, 'none');
    const r = runHcc(['table', '--input', join(dir, 'missing.csv'), '--period', '2019', '--format', 'csv', '--out', join(outDir, 't.csv')]);
    expect(r.status).toBe(1);
    expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
  });

  it('shows help with examples and the version', () => {
    const help = runHcc(['table', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Ví dụ:');
    expect(runHcc(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    // The one version: package.json's, inlined into the bundle.
    expect(runHcc(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
});
