// hcc init: writes a commented hcc.config.json for the office to fill in (agency list, report header,
// signer, distribution list, standing text). Never overwrites an existing file without --force.
import { lstatSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { CONFIG_FILE_NAME } from '../config.js';
import { UserError } from '../errors.js';
import { OutputError, writeOutput } from '../io/atomic.js';
import { printable, writeStdout } from '../io/printable.js';

interface InitFlags {
  config?: string;
  force?: boolean;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('tạo tệp cấu hình hcc.config.json có chú thích để điền thông tin cơ quan, người ký, danh sách cơ quan')
    .option('--config <file>', `nơi ghi tệp cấu hình (mặc định: ./${CONFIG_FILE_NAME})`)
    .option('--force', 'ghi đè tệp đã có')
    .addHelpText(
      'after',
      `
Ví dụ:
  $ hcc init
  $ hcc init --config cau-hinh/hcc.config.json --force`,
    )
    .action((flags: InitFlags) => {
      const target = resolve(flags.config ?? CONFIG_FILE_NAME);
      if (isDirectory(target)) {
        throw new OutputError(target, `đó là một thư mục: cho đường dẫn của tệp, ví dụ --config ${join(target, CONFIG_FILE_NAME)}`);
      }
      if (exists(target) && !flags.force) {
        throw new UserError(`${target} đã có: không ghi đè (dùng --force để ghi đè)`);
      }
      writeOutput(target, CONFIG_TEMPLATE);
      writeStdout(`${target}\n`);
      process.stderr.write(printable(`hcc: đã tạo ${target}: mở tệp, điền các mục của "report" và danh sách "agencies", rồi chạy hcc report`) + '\n');
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

/** Every key of the "report" section, with an example in the comment; // comments are allowed in hcc.config.json. */
export const CONFIG_TEMPLATE = `// Cấu hình hcc. Các dòng bắt đầu bằng // là chú thích, hcc bỏ qua.
// Sửa các giá trị trong ngoặc kép; để "" những mục chưa có (hcc report sẽ để trống và báo lại).
{
  // Danh sách cơ quan theo thứ tự STT của Phụ lục: tên in ra và các cách viết khác trong tệp xuất.
  // Cơ quan có trong danh sách mà không có hồ sơ vẫn có dòng (để trống).
  "agencies": [
    { "name": "Sở Giao thông vận tải", "aliases": ["Sở GTVT"] },
    { "name": "Văn phòng UBND tỉnh", "aliases": ["Văn phòng Ủy ban nhân dân tỉnh"] },
    "Sở Tư pháp"
  ],

  // Thông tin của báo cáo BC-VPUB (hcc report).
  "report": {
    // Tên tỉnh và địa danh ghi ở dòng ngày tháng, ví dụ "Hà Nam".
    "province": "",
    "place": "",
    // Cơ quan chủ quản (chữ in hoa), ví dụ "UỶ BAN NHÂN DÂN TỈNH HÀ NAM".
    "parentAgency": "",
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
      "name": ""
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
