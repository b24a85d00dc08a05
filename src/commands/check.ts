// hcc check: finds the figures of a typed report (or its annex) that do not hold: arithmetic of the
// table, shares in the prose, agencies' figures against the table, dates; with --input/--store/--db
// and a period, every cell against hcc's own count. Exit 0 when all holds, 1 when something does not.
import { Command, Option } from 'commander';
import { checkDocument, errorCount } from '../check/run.js';
import { compareWithData } from '../check/data.js';
import { renderFindings, renderFindingsJson } from '../check/output.js';
import { EXIT, UsageError, UserError } from '../errors.js';
import { writeStdout } from '../io/printable.js';
import { countTables } from '../pipeline/count.js';
import { readDocument } from '../readers/document.js';
import {
  addPeriodOptions,
  addSourceOptions,
  loadCommandConfig,
  resolvePeriod,
  resolveRules,
  type PeriodFlags,
  type SourceFlags,
} from './common.js';

interface CheckFlags extends SourceFlags, PeriodFlags {
  format: 'text' | 'json';
}

export function registerCheck(program: Command): void {
  const cmd = program
    .command('check')
    .argument('<file>', 'báo cáo (.docx, .pdf, .txt) hoặc bảng phụ lục (.xlsx, .csv)')
    .description('tìm số liệu sai trong báo cáo đánh máy: cộng bảng, tỷ lệ, số của cơ quan, ngày tháng; so với dữ liệu nếu có');
  addSourceOptions(cmd);
  addPeriodOptions(cmd);
  cmd
    .addOption(new Option('-f, --format <format>', 'định dạng: text (màn hình) hoặc json').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `
Ví dụ:
  $ hcc check bao-cao.docx
  $ hcc check phu-luc.xlsx --input ho-so.csv --from 2017-07-03 --to 2019-06-30
  $ hcc check bao-cao.pdf --format json > ket-qua.json

Mã thoát: 0 khi mọi số liệu đều khớp, 1 khi có lỗi (hoặc không đọc được tệp), 2 khi dùng sai lệnh.`,
    )
    .action(async (file: string, flags: CheckFlags) => {
      process.exitCode = await runCheck(file, flags);
    });
}

async function runCheck(file: string, flags: CheckFlags): Promise<number> {
  const withData = Boolean(flags.input || flags.store || flags.db);
  if (!withData && (flags.period || flags.from || flags.to)) {
    throw new UsageError('kỳ báo cáo chỉ dùng khi so với dữ liệu: thêm --input, --store hoặc --db');
  }
  const doc = await readDocument(file);
  const result = checkDocument(doc);
  if (Object.values(result.checked).every((n) => n === 0)) {
    // Nothing to check is not a report that holds: the file is not what the user meant, or not read as such.
    throw new UserError(`không tìm thấy số liệu nào để kiểm tra trong "${file}" (không có bảng phụ lục, tỷ lệ, số liệu cơ quan hay ngày tháng)`);
  }
  if (withData) {
    if (result.annexes.length === 0) throw new UsageError(`không thấy bảng phụ lục trong "${file}" để so với dữ liệu`);
    const config = loadCommandConfig(flags);
    const period = resolvePeriod(flags, config);
    // One read of the data for every kind of row the document's tables have (agencies; fields in Biểu 06).
    const groupings = [...new Set(result.annexes.map((a) => a.rowsAre))];
    const counted = await countTables({ config, source: flags, periods: [period], groupings, rules: resolveRules({}, config), rejects: {} });
    for (const annex of result.annexes) result.findings.push(...compareWithData(annex, counted.tables.get(annex.rowsAre)![0], result.checked));
  }
  writeStdout(flags.format === 'json' ? renderFindingsJson(result) : renderFindings(result));
  return errorCount(result) === 0 ? EXIT.ok : EXIT.findings;
}
