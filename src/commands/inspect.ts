// hcc inspect FILE: what a clerk runs first on a new export. One streaming read; nothing written.
import { Command, Option } from 'commander';
import { writeStdout } from '../io/printable.js';
import { addConfigOption, loadCommandConfig } from './common.js';

interface InspectFlags {
  config?: string;
  format: 'table' | 'json';
}

export function registerInspect(program: Command): void {
  const cmd = program
    .command('inspect')
    .description('kiểm tra tệp xuất: đọc được những cột nào, dạng ngày, giá trị trạng thái và kênh, dòng nào không dùng được')
    .argument('<file>', 'tệp xuất cần kiểm tra (CSV hoặc XLSX; - là đầu vào chuẩn)');
  addConfigOption(cmd);
  cmd
    .addOption(new Option('-f, --format <format>', 'định dạng: table (màn hình) hoặc json').choices(['table', 'json']).default('table'))
    .addHelpText(
      'after',
      `
In ra: trang tính, bảng mã, dấu phân cách và dòng tiêu đề đã đọc; mỗi cột dùng cho trường nào (cột
chưa dùng kèm trường giống nhất); mỗi trường có bao nhiêu dòng có giá trị, các dạng ngày, ngày sớm nhất
và muộn nhất; các giá trị trạng thái và kênh và hcc hiểu chúng thế nào; số dòng theo lý do không dùng
được; và mục "columns" để dán vào hcc.config.json. Không ghi tệp nào.

Ví dụ:
  $ hcc inspect export-2024-06.xlsx
  $ hcc inspect export.csv --format json > kiem-tra.json`,
    )
    .action(async (file: string, flags: InspectFlags) => {
      const config = loadCommandConfig(flags);
      const { inspectFile } = await import('../readers/inspect.js');
      const { renderInspection, renderInspectionJson } = await import('../render/inspect.js');
      const inspection = await inspectFile(file, { columns: config.columns });
      // The data's own text reaches a terminal only made printable; into a file or a pipe it stays exact.
      writeStdout(flags.format === 'json' ? renderInspectionJson(inspection) : renderInspection(inspection));
    });
}
