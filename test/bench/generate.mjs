#!/usr/bin/env node
// Deterministic synthetic dossier exports for the benchmarks (README, Performance).
//
//   npm run bench:data -- --dossiers 1000000 --out /tmp/hcc-bench/1m [--seed 20190805] [--canonical]
//
// Writes OUT/ho-so.csv (a list export as provincial systems produce it: Vietnamese headers, BOM,
// dd/MM/yyyy HH:mm:ss, status labels), OUT/hcc.config.json (the 20 agencies in official order with
// the aliases the export uses), OUT/summary.json (what was generated), and with --canonical also
// OUT/ho-so.canonical.csv (canonical headers, ISO timestamps, status and channel codes: ready for
// PostgreSQL COPY). Same seed and size → same bytes. Rows are produced in received order and written
// in ~1 MB chunks, so memory stays flat whatever the size. Plain Node, no dependencies.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const HEADER =
  'Mã hồ sơ,Đơn vị giải quyết,Lĩnh vực,Tên thủ tục hành chính,Kênh thực hiện,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái';
export const CANONICAL_HEADER = 'code,agency,field,procedure,channel,received_at,due_at,resolved_at,status';

/** Data span: three calendar years; the export is taken at the end of the last day. */
export const DATA_FROM = '2022-01-01';
export const DATA_TO = '2024-12-31';

// The Hà Nam Center's agencies in official order (report No. 1204/BC-VPUB), the weight of each (its 2017–2019
// received total, with a floor so every agency has some dossiers), its fields, and how often its
// dossiers get stuck (land and construction are the usual backlog).
const AGENCIES = [
  ['Sở Giao thông vận tải', 12906, ['Đường bộ', 'Đường thủy nội địa', 'Đăng kiểm'], 0.02, ['Sở GTVT', 'SỞ GIAO THÔNG VẬN TẢI']],
  ['Văn phòng UBND tỉnh', 17, ['Kiểm soát thủ tục hành chính'], 0.01],
  ['Sở Công Thương', 847, ['Lưu thông hàng hóa trong nước', 'Điện', 'An toàn thực phẩm', 'Hóa chất'], 0.03],
  ['Sở Nông nghiệp và PTNT', 934, ['Trồng trọt', 'Thú y', 'Thủy lợi', 'Lâm nghiệp'], 0.05],
  ['Sở Xây dựng', 1191, ['Hoạt động xây dựng', 'Quy hoạch xây dựng', 'Nhà ở'], 0.12],
  ['Sở Tài nguyên và Môi trường', 949, ['Đất đai', 'Môi trường', 'Tài nguyên nước', 'Khoáng sản'], 0.25],
  ['Sở Tài chính', 1324, ['Quản lý giá', 'Tin học thống kê', 'Quản lý công sản'], 0.02],
  ['Sở Nội vụ', 526, ['Tôn giáo', 'Thi đua khen thưởng', 'Công chức, viên chức'], 0.04],
  ['Sở Y tế', 1852, ['Khám bệnh, chữa bệnh', 'Dược phẩm', 'An toàn thực phẩm và dinh dưỡng'], 0.06],
  ['Sở Tư pháp', 7832, ['Lý lịch tư pháp', 'Quốc tịch', 'Công chứng', 'Luật sư'], 0.03, ['SỞ TƯ PHÁP']],
  ['Sở Khoa học và Công nghệ', 103, ['Hoạt động khoa học và công nghệ', 'Tiêu chuẩn đo lường chất lượng'], 0.03],
  ['Sở Thông tin và Truyền thông', 535, ['Báo chí', 'Xuất bản, in và phát hành'], 0.02],
  ['Sở Kế hoạch và Đầu tư', 2656, ['Thành lập và hoạt động doanh nghiệp', 'Đầu tư tại Việt Nam'], 0.04, ['Sở KH&ĐT']],
  ['Ban Quản lý khu Đại học Nam Cao', 20, ['Quy hoạch xây dựng khu đại học'], 0.05],
  ['Sở Lao động- Thương binh và XH', 776, ['Người có công', 'Việc làm', 'Giáo dục nghề nghiệp', 'Bảo trợ xã hội'], 0.05, ['Sở LĐTBXH']],
  ['Thanh tra tỉnh', 20, ['Giải quyết khiếu nại', 'Tiếp công dân'], 0.1],
  ['Bộ CHQS tỉnh', 20, ['Nghĩa vụ quân sự'], 0.02],
  ['Sở Văn hóa, Thể thao và Du lịch', 431, ['Văn hóa', 'Thể dục, thể thao', 'Du lịch'], 0.03],
  ['Sở Giáo dục và Đào tạo', 432, ['Giáo dục trung học', 'Văn bằng, chứng chỉ'], 0.02],
  ['Ban Quản lý các KCN', 2280, ['Đầu tư trong khu công nghiệp', 'Lao động trong khu công nghiệp'], 0.04],
];

// Real procedure names for the busiest fields; the others get names built from common verbs.
const PROCEDURES = {
  'Đường bộ': [
    'Đổi giấy phép lái xe do ngành Giao thông vận tải cấp',
    'Cấp lại giấy phép lái xe',
    'Cấp giấy phép kinh doanh vận tải bằng xe ô tô',
    'Cấp phù hiệu xe ô tô kinh doanh vận tải',
    'Cấp giấy phép lái xe quốc tế',
  ],
  'Lý lịch tư pháp': [
    'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    'Cấp Phiếu lý lịch tư pháp cho cơ quan nhà nước, cơ quan tiến hành tố tụng',
  ],
  'Thành lập và hoạt động doanh nghiệp': [
    'Đăng ký thành lập doanh nghiệp tư nhân',
    'Đăng ký thành lập công ty TNHH một thành viên',
    'Đăng ký thay đổi nội dung đăng ký doanh nghiệp',
    'Thông báo tạm ngừng kinh doanh',
  ],
  'Đất đai': [
    'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    'Cấp đổi Giấy chứng nhận quyền sử dụng đất',
    'Giao đất, cho thuê đất không thông qua đấu giá',
  ],
};
const VERBS = ['Cấp mới giấy phép', 'Cấp lại giấy phép', 'Gia hạn giấy phép', 'Điều chỉnh giấy phép', 'Thẩm định hồ sơ', 'Đăng ký'];
const TIME_LIMITS = [1, 3, 3, 5, 5, 7, 10, 10, 15, 20, 30];

const CHANNELS = ['Trực tiếp', 'Trực tuyến', 'Bưu chính công ích'];
const STATUS = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
};

/** mulberry32: small, fast, and the same sequence on every platform for a 32-bit seed. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return function next() {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function csvCell(s) {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const pad2 = (n) => (n < 10 ? '0' : '') + n;

/** Cumulative weights → index by one uniform draw (binary search). */
function picker(weights) {
  const cum = [];
  let sum = 0;
  for (const w of weights) cum.push((sum += w));
  return (u) => {
    const x = u * sum;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

/** Days as integers (UTC day numbers) with their labels in both output formats and working-day index. */
function buildCalendar(fromIso, toIso, marginDays) {
  const dayMs = 86400000;
  const start = Date.parse(fromIso + 'T00:00:00Z') / dayMs;
  const end = Date.parse(toIso + 'T00:00:00Z') / dayMs;
  const first = start;
  const last = end + marginDays;
  const vi = [];
  const iso = [];
  const working = [];
  const nextWorkPos = []; // position in `workDays` of this day or the next working day
  const workDays = [];
  for (let d = first; d <= last; d++) {
    const dt = new Date(d * dayMs);
    const y = dt.getUTCFullYear();
    const m = dt.getUTCMonth() + 1;
    const day = dt.getUTCDate();
    const wd = dt.getUTCDay();
    vi.push(`${pad2(day)}/${pad2(m)}/${y}`);
    iso.push(`${y}-${pad2(m)}-${pad2(day)}`);
    // Weekends and the fixed-date public holidays (Labour Code 2019, Art. 112); Tết moves, left out.
    const holiday = (m === 1 && day === 1) || (m === 4 && day === 30) || (m === 5 && day === 1) || (m === 9 && day === 2);
    const isWork = wd !== 0 && wd !== 6 && !holiday;
    working.push(isWork);
    if (isWork) workDays.push(d - first);
  }
  // Walking backwards, the working days come in the reverse order of `workDays`.
  let pos = workDays.length;
  for (let i = last - first; i >= 0; i--) {
    if (working[i]) pos--;
    nextWorkPos[i] = pos;
  }
  return { first, spanDays: end - start + 1, vi, iso, working, workDays, nextWorkPos, length: last - first + 1 };
}

/**
 * Generates `dossiers` rows. Returns the summary; writes files when `outDir` is given, otherwise
 * calls `onChunk(csvText, canonicalText|undefined)` (used by the test to hash without files).
 */
export function generate({ dossiers, seed = 20190805, outDir, canonical = false, onChunk }) {
  if (!Number.isInteger(dossiers) || dossiers < 1) throw new Error('--dossiers must be a positive integer');
  const rand = mulberry32(seed);
  const margin = 800; // stuck dossiers may be resolved up to ~2 years after the data ends
  const cal = buildCalendar(DATA_FROM, DATA_TO, margin);
  const endDay = cal.spanDays - 1; // index of DATA_TO
  const endWorkPos = cal.nextWorkPos[endDay] - (cal.working[endDay] ? 0 : 1);
  const workInSpan = endWorkPos + 1;

  // Procedures: one flat list with agency, field, name and time limit in working days.
  const procs = [];
  const agencyWeights = [];
  const agencyProcs = [];
  AGENCIES.forEach(([name, weight, fields, stuck, aliases = []], ai) => {
    agencyWeights.push(weight);
    const list = [];
    for (const field of fields) {
      const names = PROCEDURES[field] ?? VERBS.slice(0, 3 + Math.floor(rand() * 3)).map((v) => `${v} ${field.toLowerCase()}`);
      for (const procName of names) {
        const limit = TIME_LIMITS[Math.floor(rand() * TIME_LIMITS.length)];
        list.push(procs.length);
        procs.push({
          agency: ai,
          limit,
          cells: `${csvCell(field)},${csvCell(procName)}`,
          weight: 1 + Math.floor(rand() * 20),
        });
      }
    }
    agencyProcs.push({ pick: picker(list.map((p) => procs[p].weight)), list, stuck, aliases: aliases.map(csvCell), name: csvCell(name) });
  });
  const pickAgency = picker(agencyWeights);
  const agencyCode = AGENCIES.map((_, i) => `000.00.${pad2(i + 1)}.H33`);

  const summary = {
    seed,
    dossiers,
    from: DATA_FROM,
    to: DATA_TO,
    agencies: AGENCIES.length,
    fields: AGENCIES.reduce((n, a) => n + a[2].length, 0),
    procedures: procs.length,
    byStatus: Object.fromEntries(Object.keys(STATUS).map((k) => [k, 0])),
    byChannel: { direct: 0, online: 0, postal: 0 },
    resolvedLate: 0,
    pendingOverdueAtEnd: 0,
    bytes: 0,
  };

  let out;
  let outCanon;
  const chunks = { csv: '\uFEFF' + HEADER + '\n', canon: canonical ? CANONICAL_HEADER + '\n' : '' };
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    out = openSync(join(outDir, 'ho-so.csv'), 'w');
    if (canonical) outCanon = openSync(join(outDir, 'ho-so.canonical.csv'), 'w');
  }
  const flush = () => {
    summary.bytes += Buffer.byteLength(chunks.csv);
    if (outDir) {
      writeSync(out, chunks.csv);
      if (canonical) writeSync(outCanon, chunks.canon);
    } else if (onChunk) {
      onChunk(chunks.csv, canonical ? chunks.canon : undefined);
    }
    chunks.csv = '';
    chunks.canon = '';
  };

  const time = (r) => {
    // Office hours 07:30–17:00, seconds included.
    const s = 27000 + Math.floor(r * 34200);
    return `${pad2(Math.floor(s / 3600))}:${pad2(Math.floor(s / 60) % 60)}:${pad2(s % 60)}`;
  };
  const lastWork = cal.workDays.length - 1;
  const addWork = (day, n) => (cal.nextWorkPos[day] + n > lastWork ? cal.length : cal.workDays[cal.nextWorkPos[day] + n]);
  const seqWidth = Math.max(7, String(dossiers).length);

  for (let i = 0; i < dossiers; i++) {
    // Received on working days in order, evenly spread over the span.
    const recvDay = cal.workDays[Math.floor((i * workInSpan) / dossiers)];
    const ai = pickAgency(rand());
    const ag = agencyProcs[ai];
    const proc = procs[ag.list[ag.pick(rand())]];
    const year = Math.floor(recvDay / 365.25); // 0, 1, 2: online share grows with the years
    const cr = rand();
    const online = 0.3 + 0.15 * year;
    const ch = cr < online ? 1 : cr < online + 0.05 ? 2 : 0;
    const code = `${agencyCode[ai]}-${cal.iso[recvDay].slice(2).replace(/-/g, '')}-${String(i + 1).padStart(seqWidth, '0')}`;
    const agencyCell = ag.aliases.length && rand() < 0.03 ? ag.aliases[Math.floor(rand() * ag.aliases.length)] : ag.name;
    const recvTime = time(rand());
    const dueDay = addWork(recvDay, proc.limit);

    // Outcome: never received, withdrawn, stopped, or processed (early / on time / late / stuck).
    const kind = rand();
    let status;
    let recvCell = `${cal.vi[recvDay]} ${recvTime}`;
    let recvIso = `${cal.iso[recvDay]} ${recvTime}`;
    let dueCell = `${cal.vi[dueDay]} 17:00:00`;
    let dueIso = `${cal.iso[dueDay]} 17:00:00`;
    let resDay = -1;
    if (kind < 0.003 || (kind < 0.006 && recvDay > endDay - 5)) {
      status = kind < 0.0015 ? 1 : 3; // submitted online, never received
      recvCell = recvIso = dueCell = dueIso = '';
    } else if (kind < 0.014) {
      status = kind < 0.011 ? 7 : 8; // withdrawn at the applicant's request, or stopped
      // Nothing ends after the export was taken.
      resDay = Math.min(endDay, addWork(recvDay, 1 + Math.floor(rand() * proc.limit)));
    } else {
      const p = rand();
      let work;
      if (p < ag.stuck * 0.25) work = 100000; // forgotten in the system: never resolved
      else if (p < ag.stuck * 0.5) work = proc.limit + 1 + Math.floor(rand() * 250); // stuck: long overdue
      else if (p < ag.stuck) work = proc.limit + 1 + Math.floor(rand() * 10); // a little late
      else if (p < ag.stuck + 0.12) work = proc.limit; // on the due date
      else work = Math.floor(rand() * proc.limit); // early (same day for 1-day procedures)
      resDay = addWork(recvDay, work);
      if (resDay > endDay) {
        resDay = -1;
        const q = rand();
        status = q < 0.8 ? 4 : q < 0.9 ? 5 : q < 0.95 ? 6 : 2;
        if (dueDay < endDay && status !== 5) summary.pendingOverdueAtEnd++;
      } else {
        status = rand() < 0.85 ? 10 : 9;
        if (resDay > dueDay) summary.resolvedLate++;
      }
    }
    let resCell = '';
    let resIso = '';
    if (resDay >= 0) {
      // Later in the day than received when on the same day.
      const t = resDay === recvDay ? '16:45:00' : time(rand());
      resCell = `${cal.vi[resDay]} ${t}`;
      resIso = `${cal.iso[resDay]} ${t}`;
    }
    summary.byStatus[status]++;
    if (recvCell) summary.byChannel[ch === 0 ? 'direct' : ch === 1 ? 'online' : 'postal']++;

    chunks.csv += `${code},${agencyCell},${proc.cells},${CHANNELS[ch]},${recvCell},${dueCell},${resCell},${STATUS[status]}\n`;
    if (canonical) {
      chunks.canon += `${code},${agencyCell},${proc.cells},${ch + 1},${recvIso},${dueIso},${resIso},${status}\n`;
    }
    if (chunks.csv.length > 1 << 20) flush();
  }
  flush();
  if (outDir) {
    closeSync(out);
    if (canonical) closeSync(outCanon);
    const config = {
      agencies: AGENCIES.map(([name, , , , aliases]) => (aliases ? { name, aliases } : name)),
    };
    writeFileSync(join(outDir, 'hcc.config.json'), JSON.stringify(config, null, 2) + '\n');
    writeFileSync(join(outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  }
  return summary;
}

function parseArgs(argv) {
  const args = { dossiers: 100000, seed: 20190805, out: undefined, canonical: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--dossiers' || a === '-n') args.dossiers = Number(value().replace(/_/g, ''));
    else if (a === '--out' || a === '-o') args.out = value();
    else if (a === '--seed') args.seed = Number(value());
    else if (a === '--canonical') args.canonical = true;
    else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: generate.mjs --dossiers N --out DIR [--seed S] [--canonical]\n');
      process.exit(0);
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!args.out) throw new Error('--out DIR is required');
  return args;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const args = parseArgs(process.argv.slice(2));
    const t0 = process.hrtime.bigint();
    const summary = generate({ dossiers: args.dossiers, seed: args.seed, outDir: args.out, canonical: args.canonical });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    process.stderr.write(
      `generated ${summary.dossiers} dossiers (${(summary.bytes / 1e6).toFixed(1)} MB) in ${s.toFixed(1)} s → ${join(args.out, 'ho-so.csv')}\n`,
    );
  } catch (e) {
    process.stderr.write(`generate: ${e.message}\n`);
    process.exit(2);
  }
}
