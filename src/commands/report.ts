// hcc report: the document the office signs (BC-VPUB PDF with its annex), the same report as a Word
// draft to edit, and the annex workbook (with the official form Biểu 06 on request), all drawn from one
// computed table.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { BUNDLED_FONTS, DEFAULT_FORM_TEMPLATE, DEFAULT_REPORT_TEMPLATE, DEMO } from '../assets.js';
import { comparisonPeriod, compareTables, type CompareMode } from '../core/compare.js';
import type { LoadedConfig } from '../config.js';
import { formatDayMonthYear } from '../core/dates.js';
import { periodSlug } from '../core/periods.js';
import type { GroupBy, MonthCount } from '../core/types.js';
import { UsageError, UserError } from '../errors.js';
import { writeOutputs } from '../io/atomic.js';
import { printable, writeStdout } from '../io/printable.js';
import { fontFiles } from '../report/config.js';
import { buildReport, checkConfigTexts, unmatchedNotes, type ReportDocument } from '../report/document.js';
import { monthPeriods } from '../charts/data.js';
import type { ReportCharts, ReportChartsOptions } from '../charts/report-charts.js';
import { examplesLeft } from '../report/examples.js';
import { loadTemplate, type FormTemplate, type ReportTemplate } from '../report/template.js';
import { countTables } from '../pipeline/count.js';
import { indicatorsTable766 } from '../core/indicators766.js';
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
  compare?: CompareMode;
  /** False with --no-charts. */
  charts?: boolean;
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
    .addOption(
      new Option('--compare <với>', 'nêu mức tăng, giảm trong phần II so với: previous (kỳ liền trước) hoặc last-year (cùng kỳ năm trước)').choices([
        'previous',
        'last-year',
      ]),
    )
    .option('--no-charts', 'không vẽ biểu đồ (trang "Biểu đồ" của PDF và trang tính "Biểu đồ"; như "report": {"charts": false})')
    .option('--demo', 'dùng dữ liệu mẫu tỉnh Hà Nam có sẵn (03/7/2017 – 30/6/2019, báo cáo số 1204)')
    .addHelpText(
      'after',
      `
Ví dụ:
  $ hcc init                                    # tạo hcc.config.json để điền thông tin cơ quan
  $ hcc report --input export.xlsx --period 2019-H1 --out reports/
  $ hcc report --period 2019-H1 --number 1204 --date 05/08/2019 --forms
  $ hcc report --period 2024-H1 --compare last-year   # phần II nêu mức tăng, giảm so với 6 tháng đầu năm 2023
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

/** Names the values of the config still equal to `hcc init`'s examples (they would print as they are). */
function warnExamplesLeft(config: LoadedConfig): void {
  if (!config.path) return;
  const left = examplesLeft(config.data);
  if (left.length === 0) return;
  const named = left.map((e) => `${e.key} = ${e.key === 'agencies' ? e.value : JSON.stringify(e.value)}`).join('; ');
  process.stderr.write(printable(`hcc: tệp cấu hình còn giá trị mẫu của hcc init: ${named}; sửa trong ${config.path}`) + '\n');
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
  // The comparison period, the calendar period of the 766 figures and the months of the monthly chart
  // are all counted in the same read of the source.
  const calendar = report.indicators766 ? resolvePeriod({ ...flags, cutoff: 'calendar' }, config) : period;
  const sameDays = calendar.from === period.from && calendar.to === period.to;
  const rules = resolveRules(flags, config);
  const periods = [period];
  const compared = flags.compare ? comparisonPeriod(period, flags.compare) : undefined;
  const compareAt = compared ? periods.push(compared) - 1 : -1;
  const calendarAt = sameDays ? 0 : periods.push(calendar) - 1;
  const withCharts = flags.charts !== false && report.charts;
  const { tables, months: monthCounts, compareMonths } = await countTables({
    config,
    source: flags,
    periods,
    groupings,
    rules,
    rejects: flags,
    months: withCharts ? monthPeriods(period) : [],
    // The monthly chart draws the comparison period's months too (dashed lines).
    compareMonths: withCharts && compared ? monthPeriods(compared) : [],
  });
  const agencyTables = tables.get('agency')!;
  const table = agencyTables[0];
  const indicators = report.indicators766
    ? indicatorsTable766(agencyTables[calendarAt], { withdrawnOnTime: rules.withdrawn === 'on-time', calendarInsteadOfDecree09: !sameDays })
    : undefined;
  const doc = buildReport(
    table,
    template,
    report,
    formTemplates.map((t) => ({ template: t, table: tables.get(t.groupBy)![0] })),
    {
      comparison: flags.compare ? compareTables(table, agencyTables[compareAt], flags.compare).comparison : undefined,
      indicators766: indicators,
    },
  );
  const unmatched = unmatchedNotes(doc);
  if (unmatched.length > 0) {
    process.stderr.write(printable(`hcc: cảnh báo: "report.notes" có tên không khớp cơ quan nào trong Phụ lục: ${unmatched.join('; ')}`) + '\n');
  }

  warnExamplesLeft(config);
  if (report.date && report.date < period.to) {
    process.stderr.write(
      printable(`hcc: cảnh báo: ngày báo cáo ${formatDayMonthYear(report.date)} trước ngày cuối của kỳ (${formatDayMonthYear(period.to)}): kiểm tra --date hoặc "report.date"`) + '\n',
    );
  }
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
  const compare = compared && compareMonths.length ? { months: compareMonths, period: compared } : undefined;
  const charts = withCharts ? await drawReportCharts(doc, monthCounts, compare, formats.includes('xlsx') || formats.includes('docx')) : undefined;
  const outputs: { path: string; data: Buffer }[] = [];
  if (formats.includes('pdf')) {
    let data: Buffer;
    try {
      const { renderReportPdf } = await import('../render/pdf.js'); // pdfmake: load only when a PDF is asked for
      data = await renderReportPdf(doc, { fonts, charts: charts?.drawn });
    } catch (e) {
      if (e instanceof UserError) throw e;
      throw new UserError(`không lập được tệp PDF: ${(e as Error).message} (kiểm tra khóa "fonts" của tệp cấu hình)`);
    }
    outputs.push({ path: join(flags.out, `bao-cao-${slug}.pdf`), data });
  }
  if (formats.includes('xlsx')) {
    const { renderReportWorkbook } = await import('../render/xlsx.js'); // exceljs: load only when asked
    const pngs = charts && (await chartPngs(charts));
    outputs.push({
      path: join(flags.out, `phu-luc-${slug}.xlsx`),
      data: await renderReportWorkbook(doc, charts && pngs && { drawn: charts.drawn.map((chart, i) => ({ chart, png: pngs[i] })), data: charts.data }),
    });
  }
  if (formats.includes('docx')) {
    let data: Buffer;
    try {
      const { renderReportDocx } = await import('../render/docx.js'); // docx: load only when asked
      const pngs = charts && (await chartPngs(charts));
      data = await renderReportDocx(doc, charts && pngs ? charts.drawn.map((c, i) => ({ title: c.title, width: c.width, height: c.height, png: pngs[i] })) : []);
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

/** The PNGs drawn meanwhile (on the thread pool), for the workbook. */
async function chartPngs(charts: ReportCharts): Promise<Buffer[]> {
  try {
    return await charts.pngs;
  } catch (e) {
    throw new UserError(`không vẽ được biểu đồ: ${(e as Error).message} (bỏ biểu đồ bằng --no-charts)`);
  }
}

/** The charts, drawn once for the PDF (SVG) and the workbook (PNG); resvg loads only here. */
async function drawReportCharts(doc: ReportDocument, months: MonthCount[], compare: ReportChartsOptions['compare'], png: boolean): Promise<ReportCharts> {
  const { reportCharts } = await import('../charts/report-charts.js');
  try {
    return await reportCharts(doc.annex, { months, compare, png, fontFiles: [BUNDLED_FONTS.normal, BUNDLED_FONTS.bold] });
  } catch (e) {
    throw new UserError(`không vẽ được biểu đồ: ${(e as Error).message} (bỏ biểu đồ bằng --no-charts)`);
  }
}
