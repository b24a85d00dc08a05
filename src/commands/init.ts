// hcc init: writes a commented hcc.config.json for the office to fill in (agency list, report header,
// signer, distribution list, standing text). With --input, the agency list and the period come from
// the clerk's own export. Never overwrites an existing file without --force.
import { existsSync, lstatSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { CONFIG_FILE_NAME, emptyConfig, loadConfig, MAX_CONFIG_BYTES, type LoadedConfig } from '../config.js';
import { AgencyList, type AgencyEntry } from '../core/agencies.js';
import { type DataSummary, suggestPeriod } from '../core/data-summary.js';
import { formatDayMonthYear } from '../core/dates.js';
import { formatCount } from '../core/format-vi.js';
import { UserError } from '../errors.js';
import { OutputError, writeOutput } from '../io/atomic.js';
import { decodeText, replaceTopValue } from '../io/jsonc.js';
import { readSmallFile } from '../io/small-file.js';
import { printable, writeStdout } from '../io/printable.js';
import { summarizeData } from '../pipeline/count.js';
import { EXAMPLE_AGENCIES, EXAMPLE_REPORT_VALUES, isExampleAgencyList } from '../report/examples.js';

interface InitFlags {
  config?: string;
  force?: boolean;
  input?: string;
  rejects?: string;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('tạo tệp cấu hình hcc.config.json có chú thích để điền thông tin cơ quan, người ký, danh sách cơ quan')
    .option('--config <file>', `nơi ghi tệp cấu hình (mặc định: ./${CONFIG_FILE_NAME})`)
    .option('-i, --input <file>', 'lấy danh sách cơ quan (kèm số hồ sơ) và kỳ dữ liệu từ tệp xuất này (CSV hoặc XLSX)')
    .option('--rejects <file>', 'nơi ghi danh sách dòng không dùng được (mặc định: ./hcc-rejects.csv)')
    .option('--force', 'ghi đè tệp đã có')
    .addHelpText(
      'after',
      `
Ví dụ:
  $ hcc init --input ho-so-6-thang.xlsx
  $ hcc init
  $ hcc init --config cau-hinh/hcc.config.json --force`,
    )
    .action(async (flags: InitFlags) => {
      const target = resolve(flags.config ?? CONFIG_FILE_NAME);
      if (isDirectory(target)) {
        throw new OutputError(target, `đó là một thư mục: cho đường dẫn của tệp, ví dụ --config ${join(target, CONFIG_FILE_NAME)}`);
      }
      if (exists(target) && !flags.force) {
        throw new UserError(`${target} đã có: không ghi đè (dùng --force để ghi đè)`);
      }
      if (!flags.input) {
        writeOutput(target, configTemplate());
        writeStdout(`${target}\n`);
        process.stderr.write(printable(`hcc: đã tạo ${target}: mở tệp, điền các mục của "report" và danh sách "agencies", rồi chạy hcc report`) + '\n');
        return;
      }
      // The config being replaced (--force) says how the export's columns and agencies are named, and
      // keeps all it says: only its agency list is replaced.
      const loaded = existsSync(target) ? loadConfig(target) : null;
      // The example list of a config made without --input is no list of the office's.
      const previous = !loaded ? emptyConfig() : isExampleAgencyList(loaded.data.agencies) ? { ...loaded, data: { ...loaded.data, agencies: undefined }, agencies: new AgencyList([]) } : loaded;
      const summary = await summarizeData(previous, { input: flags.input }, { rejects: flags.rejects });
      if (summary.dossiers === 0 || !summary.earliest || !summary.latest) {
        throw new UserError(`không có hồ sơ dùng được trong ${flags.input}: chưa lập được danh sách cơ quan (xem các dòng báo ở trên)`);
      }
      const period = suggestPeriod(summary.earliest, summary.latest);
      const data = fromData(flags.input, summary, previous, period);
      const kept = loaded ? replaceTopValue(decodeText(readSmallFile(target, MAX_CONFIG_BYTES)), 'agencies', agencyArray(data)) : null;
      writeOutput(target, kept ?? configTemplate(data));
      writeStdout(`${target}\n`);
      const span = `tiếp nhận từ ${formatDayMonthYear(summary.earliest)} đến ${formatDayMonthYear(summary.latest)}`;
      process.stderr.write(
        printable(
          `hcc: ${kept ? 'đã thay danh sách "agencies" (các mục khác giữ nguyên) trong' : 'đã tạo'} ${target} với ${summary.byVolume().length} cơ quan từ dữ liệu ` +
            `(${formatCount(summary.dossiers)} hồ sơ, ${span}): xếp "agencies" theo thứ tự STT chính thức, điền các mục của "report", ` +
            `rồi chạy: hcc report --input ${flags.input} --period ${period}`,
        ) + '\n',
      );
    });
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // missing or unreachable: writing it says why
  }
}

/** Anything at that name, even a link to nothing, is not overwritten without --force. */
function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** What of the config comes from the data: the agency lines (each with its count as a comment) and a note on the data's span. */
interface FromData {
  agencies: string[];
  note: string[];
}

/** One line of a comment: no line break or control character of a file name or agency name ends it early. */
const commentText = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');

function fromData(input: string, summary: DataSummary, previous: LoadedConfig, period: string): FromData {
  // Agencies the previous list declares keep their aliases; listed ones without dossiers stay, last.
  const declared = new Map<string, AgencyEntry | string>();
  if (Array.isArray(previous.data.agencies)) {
    for (const e of previous.data.agencies as (AgencyEntry | string)[]) declared.set(typeof e === 'string' ? e.normalize('NFC').trim() : e.name.normalize('NFC').trim(), e);
  }
  const volumes = summary.byVolume();
  const seen = new Set(volumes.map((v) => v.name));
  const agencies = [
    ...volumes.map((v) => `${entryJson(declared.get(v.name) ?? v.name)}, // ${formatCount(v.count)} hồ sơ`),
    ...[...declared].filter(([name]) => !seen.has(name)).map(([, e]) => `${entryJson(e)}, // không có hồ sơ trong dữ liệu`),
  ];
  const note = [
    `Dữ liệu của tệp ${commentText(input)}: ${formatCount(summary.dossiers)} hồ sơ của ${volumes.length} cơ quan,`,
    `ngày tiếp nhận từ ${formatDayMonthYear(summary.earliest!)} đến ${formatDayMonthYear(summary.latest!)}.`,
    `Kỳ gợi ý cho báo cáo đầu tiên: hcc report --input ${commentText(input)} --period ${period}`,
    `(hoặc --from ${formatDayMonthYear(summary.earliest!)} --to ${formatDayMonthYear(summary.latest!)} cho toàn bộ dữ liệu).`,
  ];
  return { agencies, note };
}

/** An agency entry on one line: "Sở Tư pháp" or { "name": …, "aliases": [ … ] }. */
function entryJson(e: AgencyEntry | string): string {
  if (typeof e === 'string') return JSON.stringify(e);
  const aliases = e.aliases?.length ? `, "aliases": [${e.aliases.map((a) => JSON.stringify(a)).join(', ')}]` : '';
  return `{ "name": ${JSON.stringify(e.name)}${aliases} }`;
}

const EXAMPLE_LIST = [
  '// Danh sách cơ quan theo thứ tự STT của Phụ lục: tên in ra và các cách viết khác trong tệp xuất.',
  '// Cơ quan có trong danh sách mà không có hồ sơ vẫn có dòng (để trống).',
  '// (Tạo bằng hcc init --input TỆP-XUẤT để lấy danh sách từ dữ liệu.)',
];
const DATA_LIST = [
  '// Danh sách cơ quan lấy từ dữ liệu, nhiều hồ sơ nhất trước (số sau // chỉ để tham khảo).',
  '// Xếp lại các dòng theo thứ tự STT chính thức của Phụ lục; thêm "aliases" cho các cách viết khác của một tên.',
];

/** The agency list from the data as a value, in place of the one of an existing config: its notes as comments inside. */
function agencyArray(data: FromData): string {
  return ['[', ...[...DATA_LIST, ...data.note.map((l) => `// ${l}`)].map((l) => `    ${l}`), ...data.agencies.map((l) => `    ${l}`), '  ]'].join('\n');
}

/** The config file: the example agency list, or the one from the data; every key of "report" with a comment. */
export function configTemplate(data?: FromData): string {
  const agencies = data ? data.agencies : EXAMPLE_AGENCIES.map((e, i) => entryJson(e) + (i < EXAMPLE_AGENCIES.length - 1 ? ',' : ''));
  const lines = [
    ...(data ? data.note.map((l) => `// ${l}`) : []),
    '{',
    ...(data ? DATA_LIST : EXAMPLE_LIST).map((l) => `  ${l}`),
    '  "agencies": [',
    ...agencies.map((l) => `    ${l}`),
    '  ],',
  ];
  return CONFIG_HEAD + lines.join('\n') + '\n' + REPORT_SECTION;
}

const EX = EXAMPLE_REPORT_VALUES;

const CONFIG_HEAD = `// Cấu hình hcc. Các dòng bắt đầu bằng // là chú thích, hcc bỏ qua.
// Sửa các giá trị trong ngoặc kép; để "" những mục chưa có (hcc report sẽ để trống và báo lại).
// Các giá trị mẫu như "${EX['report.signer.name']}", "${EX['report.place']}" phải thay bằng của cơ quan: hcc report nhắc nếu còn.
`;

/** The "report" section and the fonts, each key with an example in its comment. */
const REPORT_SECTION = `
  // Thông tin của báo cáo BC-VPUB (hcc report).
  "report": {
    // Tên tỉnh và địa danh ghi ở dòng ngày tháng, ví dụ "Hà Nam" và "Phủ Lý".
    "province": "${EX['report.province']}",
    "place": "${EX['report.place']}",
    // Cơ quan chủ quản (chữ in hoa), ví dụ "UỶ BAN NHÂN DÂN TỈNH HÀ NAM".
    "parentAgency": "${EX['report.parentAgency']}",
    // Cơ quan ban hành (chữ in hoa, in đậm), ví dụ "VĂN PHÒNG".
    "issuingAgency": "VĂN PHÒNG",
    // Tên cơ quan ban hành trong lời văn, ví dụ "Văn phòng UBND tỉnh".
    "issuer": "",
    // Tên Trung tâm trong lời văn.
    "center": "Trung tâm Phục vụ hành chính công tỉnh",
    // Ký hiệu văn bản: "Số: 1204/BC-VPUB".
    "symbol": "BC-VPUB",
    // Số và ngày văn bản (yyyy-mm-dd hoặc dd/mm/yyyy); thường cho từng lần bằng --number và --date.
    // Để "" thì chừa chỗ trống để điền tay khi vào sổ.
    "number": "",
    "date": "",
    // Trích yếu (tên) báo cáo; có thể dùng chỗ điền như {period.range} ("từ 01/01/2019 đến 30/6/2019").
    // Để "" thì dùng tên mặc định của mẫu.
    "title": "",
    // Đoạn mở đầu (căn cứ); để "" thì dùng câu mặc định của mẫu. Ví dụ:
    // "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ …, Văn phòng UBND tỉnh báo cáo … {period.range} như sau:"
    "legalBasis": "",
    // Người ký: các dòng chức danh (chữ in hoa) và họ tên.
    "signer": {
      "title": ["KT. CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG"],
      "name": "${EX['report.signer.name']}"
    },
    // Nơi nhận, mỗi dòng một nơi; dòng cuối thường là "Lưu: VT, …".
    "recipients": [
      "Thường trực Tỉnh ủy (để b/c);",
      "Chủ tịch, các PCT UBND tỉnh (để b/c);",
      "Các Sở, ban, ngành (để phối hợp t/h);",
      "Lưu: VT."
    ],
    // Đơn vị nhận Biểu số 06/VPCP/KSTT (hcc report --forms).
    "formReceiver": "",
    // true: thêm chỉ số tiến độ theo Quyết định 766/QĐ-TTg (một đoạn ở phần II, bảng "Chỉ số 766" trong tệp Excel).
    "indicators766": false,
    // Nội dung cố định của các phần I, III, IV, V (phần II do hcc viết từ số liệu).
    // Mỗi phần là danh sách đoạn văn; đoạn bắt đầu bằng "# " là tiêu đề mục nhỏ (in đậm);
    // **chữ đậm**, *chữ nghiêng*. Phần để trống [] thì không in.
    // Có thể đổi tiêu đề phần: "IV": { "heading": "PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM 2019", "paragraphs": [ … ] }
    "sections": {
      // I. Đặc điểm tình hình
      "I": [],
      // III. Đánh giá chung
      "III": [],
      // IV. Phương hướng, nhiệm vụ
      "IV": [],
      // V. Kiến nghị, đề xuất
      "V": []
    }
  }

  // Phông chữ của tệp PDF (mặc định: Liberation Serif kèm theo, cùng khổ chữ với Times New Roman).
  // Bỏ // ở các dòng dưới và thêm dấu phẩy sau dấu } của "report" để dùng phông khác:
  // , "fonts": {
  //   "normal": "C:/Windows/Fonts/times.ttf",
  //   "bold": "C:/Windows/Fonts/timesbd.ttf",
  //   "italics": "C:/Windows/Fonts/timesi.ttf",
  //   "bolditalics": "C:/Windows/Fonts/timesbi.ttf"
  // }
}
`;
