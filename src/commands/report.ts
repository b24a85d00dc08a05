// hcc report: the document the office signs (BC-VPUB PDF with its annex), the same report as a Word
// draft to edit, and the annex workbook (with the official form Biểu 06 on request), all drawn from one
// computed table.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { BUNDLED_FONTS, DEFAULT_FORM_TEMPLATE, DEFAULT_REPORT_TEMPLATE, DEMO } from '../assets.js';
import { periodSlug } from '../core/periods.js';
import type { GroupBy } from '../core/types.js';
import { UsageError, UserError } from '../errors.js';
import { writeOutputs } from '../io/atomic.js';
import { printable, writeStdout } from '../io/printable.js';
import { fontFiles } from '../report/config.js';
import { buildReport, checkConfigTexts } from '../report/document.js';
import { loadTemplate, type FormTemplate, type ReportTemplate } from '../report/template.js';
import { countTables } from '../pipeline/count.js';
import {
  addPeriodOptions,
  addRuleOptions,
  addSourceOptions,
  collect,
  dayFlag,
  formatList,
  loadCommandConfig,
  resolvePeriod,
  resolveRules,
  type PeriodFlags,
  type RuleFlags,
  type SourceFlags,
} from './common.js';

const FORMATS = ['pdf', 'xlsx', 'docx'] as const;

interface ReportFlags extends SourceFlags, PeriodFlags, RuleFlags {
  number?: string;
  date?: string;
  out: string;
  format: string;
  template?: string[];
  forms?: boolean;
  demo?: boolean;
}

export function registerReport(program: Command): void {
  const cmd = program
    .command('report')
    .description('lập báo cáo BC-VPUB (PDF, kèm Phụ lục), bản Word để chỉnh sửa và tệp Excel Phụ lục của một kỳ báo cáo');
  addSourceOptions(cmd);
  addPeriodOptions(cmd);
  addRuleOptions(cmd);
  cmd
    .option('--number <số>', 'số văn bản (thay "report.number" của tệp cấu hình), ví dụ 1204')
    .option('--date <ngày>', 'ngày ban hành (yyyy-mm-dd hoặc dd/mm/yyyy; thay "report.date")')
    .option('-o, --out <thư-mục>', 'thư mục ghi các tệp', '.')
    .addOption(new Option('-f, --format <định-dạng>', 'tệp cần lập, cách nhau bằng dấu phẩy: pdf, xlsx, docx').default('pdf,xlsx,docx'))
    .option('--template <tệp>', 'mẫu báo cáo hoặc biểu mẫu (JSON, sao chép từ report-templates/); lặp lại được', collect)
    .option('--forms', 'thêm trang tính "Biểu 06" (Biểu số 06/VPCP/KSTT, theo lĩnh vực) vào tệp Excel')
    .option('--demo', 'dùng dữ liệu mẫu tỉnh Hà Nam có sẵn (03/7/2017 – 30/6/2019, báo cáo số 1204)')
    .addHelpText(
      'after',
      `
Ví dụ:
  $ hcc init                                    # tạo hcc.config.json để điền thông tin cơ quan
  $ hcc report --input export.xlsx --period 2019-H1 --out reports/
  $ hcc report --period 2019-H1 --number 1204 --date 05/08/2019 --forms
  $ hcc report --demo --out /tmp/demo

Tệp được ghi: bao-cao-<kỳ>.pdf, phu-luc-<kỳ>.xlsx và bao-cao-<kỳ>.docx (bản Word để chỉnh sửa trước khi
trình ký), ví dụ bao-cao-2019-H1.pdf; đường dẫn in ra màn hình.`,
    )
    .action(async (flags: ReportFlags) => {
      const written = await runReport(flags);
      writeStdout(written.map((path) => `${path}\n`).join(''));
    });
}

/** Applies --demo: the bundled Hà Nam data, agency list and report settings, unless the user chose otherwise. */
function applyDemo(flags: ReportFlags): { overlay?: string } {
  if (!flags.demo) return {};
  if (flags.input || flags.db || flags.store) throw new UsageError('--demo dùng dữ liệu mẫu có sẵn: không dùng cùng --input, --db hoặc --store');
  if (!existsSync(DEMO.input)) throw new UserError(`không tìm thấy dữ liệu mẫu ${DEMO.input} (bản cài đặt thiếu thư mục fixtures/)`);
  flags.input = DEMO.input;
  flags.config ??= DEMO.config;
  if (!flags.period && !flags.from && !flags.to) {
    flags.from = DEMO.from;
    flags.to = DEMO.to;
  }
  return { overlay: existsSync(DEMO.report) ? DEMO.report : undefined };
}

function loadTemplates(flags: ReportFlags): { report: ReportTemplate; forms: FormTemplate[] } {
  let report: ReportTemplate | undefined;
  const forms: FormTemplate[] = [];
  for (const file of flags.template ?? []) {
    const t = loadTemplate(file);
    if (t.kind === 'report') {
      if (report) throw new UsageError(`--template: chỉ dùng một mẫu báo cáo (đã có ${report.file}, thêm ${file})`);
      report = t;
    } else {
      forms.push(t);
    }
  }
  if (flags.forms && forms.length === 0) forms.push(loadTemplate(DEFAULT_FORM_TEMPLATE) as FormTemplate);
  return { report: report ?? (loadTemplate(DEFAULT_REPORT_TEMPLATE) as ReportTemplate), forms };
}

export async function runReport(flags: ReportFlags): Promise<string[]> {
  const formats = formatList(flags.format, FORMATS);
  const { overlay } = applyDemo(flags);
  const { report: template, forms: formTemplates } = loadTemplates(flags);
  const config = loadCommandConfig(flags, overlay);
  const configPath = config.path ?? 'hcc.config.json';
  const { report, blank } = config.report;
  checkConfigTexts(report, { path: configPath }, template);

  if (flags.number !== undefined) {
    if (flags.number.trim() === '') throw new UsageError('--number: thiếu số văn bản');
    report.number = flags.number.trim();
  }
  if (flags.date !== undefined) report.date = dayFlag(flags.date, '--date');
  const stillBlank = blank.filter((k) => !(k === 'report.number' && report.number) && !(k === 'report.date' && report.date));
  const fonts = formats.includes('pdf') ? fontFiles(config.fonts, BUNDLED_FONTS, configPath) : BUNDLED_FONTS;

  const period = resolvePeriod(flags, config);
  const groupings: GroupBy[] = ['agency', ...new Set(formTemplates.map((f) => f.groupBy).filter((g) => g !== 'agency'))];
  const { tables } = await countTables({ config, source: flags, periods: [period], groupings, rules: resolveRules(flags, config), rejects: flags });
  const doc = buildReport(
    tables.get('agency')![0],
    template,
    report,
    formTemplates.map((t) => ({ template: t, table: tables.get(t.groupBy)![0] })),
  );

  if (stillBlank.length > 0) {
    process.stderr.write(
      printable(`hcc: để trống vì chưa có trong tệp cấu hình: ${stillBlank.join(', ')} (điền trong ${config.path ?? 'hcc.config.json — tạo bằng: hcc init'})`) + '\n',
    );
  }
  if (doc.omittedSections.length > 0) {
    process.stderr.write(
      printable(`hcc: bỏ phần ${doc.omittedSections.join(', ')} của mẫu vì chưa có nội dung (khóa "report.sections" của tệp cấu hình)`) + '\n',
    );
  }

  // Render everything first: a failure leaves no file at all, never a half-written one.
  const slug = periodSlug(period);
  const outputs: { path: string; data: Buffer }[] = [];
  if (formats.includes('pdf')) {
    let data: Buffer;
    try {
      const { renderReportPdf } = await import('../render/pdf.js'); // pdfmake: load only when a PDF is asked for
      data = await renderReportPdf(doc, { fonts });
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError(`không lập được tệp PDF: ${(e as Error).message} (kiểm tra khóa "fonts" của tệp cấu hình)`);
    }
    outputs.push({ path: join(flags.out, `bao-cao-${slug}.pdf`), data });
  }
  if (formats.includes('xlsx')) {
    const { renderReportWorkbook } = await import('../render/xlsx.js'); // exceljs: load only when asked
    outputs.push({ path: join(flags.out, `phu-luc-${slug}.xlsx`), data: await renderReportWorkbook(doc) });
  }
  if (formats.includes('docx')) {
    let data: Buffer;
    try {
      const { renderReportDocx } = await import('../render/docx.js'); // docx: load only when asked
      data = await renderReportDocx(doc);
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError(`không lập được tệp Word (.docx): ${(e as Error).message}`);
    }
    outputs.push({ path: join(flags.out, `bao-cao-${slug}.docx`), data });
  }
  // All files or none: a report whose annex workbook is missing (or is last month's) is worse than none.
  writeOutputs(outputs);
  return outputs.map((o) => o.path);
}
