// The workbook's "Biểu đồ" sheet: each chart as a PNG image beside the small table it is drawn from
// (numbers as numbers, in Vietnamese display formats). xlsx.ts only calls addChartsSheet.
import type ExcelJS from 'exceljs';
import { createRequire } from 'node:module';
import type { ChartData } from '../charts/data.js';
import type { DrawnChart } from '../charts/draw.js';
import { COMPARE_SUFFIX, OUTCOME_LEGEND, NEW_SERIES, RECEIVED_SERIES, RESOLVED_SERIES } from '../charts/specs.js';

/** Thousands with "." and decimals with "," whatever the reader's locale: Vietnamese display. */
const COUNT = '[$-42A]#,##0';
const SHARE = '[$-42A]0.0%';
/** Default row height in pixels (15 pt). */
const ROW_PX = 20;
/** The images are drawn larger (PNG_SCALE); shown at this width in pixels at most. */
const IMAGE_MAX_WIDTH = 760;

export interface SheetChart {
  chart: DrawnChart;
  png: Buffer;
}

type Cell = string | number | null;

interface SheetTable {
  header: string[];
  rows: Cell[][];
  formats: (string | undefined)[];
  /** A line under the table (which period the comparison columns are). */
  note?: string;
}

function tableOf(id: DrawnChart['id'], data: ChartData): SheetTable {
  switch (id) {
    case 'agencies':
      return {
        header: ['STT', 'Cơ quan', RECEIVED_SERIES, RESOLVED_SERIES],
        rows: data.agencies.map((a, i) => [i + 1, a.name, a.received, a.resolved]),
        formats: [undefined, undefined, COUNT, COUNT],
      };
    case 'outcome':
      return {
        header: ['', 'Nội dung', 'Số hồ sơ', 'Tỷ lệ'],
        rows: data.outcome.map((p, i) => [i + 1, OUTCOME_LEGEND[p.id], p.count, p.share === null ? null : p.share / 100]),
        formats: [undefined, undefined, COUNT, SHARE],
      };
    case 'months': {
      const table: SheetTable = {
        header: ['STT', 'Tháng', NEW_SERIES, RESOLVED_SERIES],
        rows: data.months.map((m, i) => [i + 1, m.label, m.new, m.resolved]),
        formats: [undefined, undefined, COUNT, COUNT],
      };
      const compare = data.compareMonths;
      if (!compare?.length) return table;
      // The comparison period's months beside the report's, row by row as the chart pairs them.
      table.header.push(`Tháng${COMPARE_SUFFIX}`, NEW_SERIES + COMPARE_SUFFIX, RESOLVED_SERIES + COMPARE_SUFFIX);
      table.rows.forEach((row, i) => row.push(compare[i]?.label ?? null, compare[i]?.new ?? null, compare[i]?.resolved ?? null));
      table.formats.push(undefined, COUNT, COUNT);
      if (data.compareName) table.note = `Kỳ so sánh: ${data.compareName}.`;
      return table;
    }
  }
}

/** Where a workbook keeps its images: JSZip stores these as they are. */
const MEDIA = /^xl\/media\/[^/]+\.png$/;
let storing = false;

/**
 * Makes exceljs store the workbook's PNGs in the zip as they are instead of deflating them again:
 * PNG is already deflated, so the second pass gained under 10% of bytes and took 40–60 ms of
 * JavaScript (pako) on the main thread. exceljs has no option for it, so its zip writer's `append`
 * is wrapped once (exceljs 4.x, lib/utils/zip-stream.js); if that module ever looks different the
 * images are simply deflated as before.
 */
export function storeImagesUncompressed(): void {
  if (storing) return;
  storing = true;
  try {
    type ZipWriter = { prototype: { append(data: unknown, options: { name: string; base64?: boolean }): void; zip?: unknown } };
    const { ZipWriter } = createRequire(import.meta.url)('exceljs/lib/utils/zip-stream.js') as { ZipWriter?: ZipWriter };
    const append = ZipWriter?.prototype.append;
    if (typeof append !== 'function') return;
    ZipWriter!.prototype.append = function (this: { zip: { file(name: string, data: unknown, options: object): void } }, data, options) {
      if (!options.base64 && MEDIA.test(options.name) && typeof this.zip?.file === 'function') this.zip.file(options.name, data, { compression: 'STORE' });
      else append.call(this, data, options);
    };
  } catch {
    // Another exceljs layout: the images are deflated like the rest.
  }
}

/** Adds the sheet; names are written as plain strings (never a formula). */
export function addChartsSheet(wb: ExcelJS.Workbook, charts: SheetChart[], data: ChartData): void {
  if (charts.length === 0) return;
  storeImagesUncompressed();
  const ws = wb.addWorksheet('Biểu đồ', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const tables = charts.map(({ chart }) => tableOf(chart.id, data));
  // STT, name, two counts (and the comparison's month and counts), then a narrow gap before the images.
  const widths = [5, 38, 14, 14, 12, 14, 14].slice(0, Math.max(...tables.map((t) => t.header.length)));
  ws.columns = [...widths, 3].map((width) => ({ width }));
  const font = { name: 'Times New Roman', size: 12 };
  let row = 1;
  charts.forEach(({ chart, png }, t) => {
    // Each chart with its table on a printed page of its own: never an image cut by a page break.
    if (t > 0) ws.getRow(row - 1).addPageBreak();
    const title = ws.getCell(row, 1);
    title.value = chart.title;
    title.font = { ...font, bold: true };
    const table = tables[t];
    const top = row + 1;
    table.header.forEach((h, c) => {
      const cell = ws.getCell(top, c + 1);
      cell.value = h;
      cell.font = { ...font, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
    });
    // Two lines for a header longer than its column ("Tiếp nhận mới (kỳ so sánh)"): a row keeps its height.
    if (table.header.some((h, c) => h.length > widths[c])) ws.getRow(top).height = 32;
    table.rows.forEach((values, r) => {
      values.forEach((v, c) => {
        const cell = ws.getCell(top + 1 + r, c + 1);
        cell.value = v;
        cell.font = font;
        if (table.formats[c]) cell.numFmt = table.formats[c]!;
        cell.alignment = { vertical: 'middle', wrapText: c === 1, horizontal: c === 1 ? 'left' : typeof v === 'number' && c > 0 ? 'right' : 'center' };
        cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } };
      });
    });
    const width = Math.min(IMAGE_MAX_WIDTH, chart.width);
    const height = (chart.height * width) / chart.width;
    const image = wb.addImage({ buffer: png as unknown as ExcelJS.Buffer, extension: 'png' });
    ws.addImage(image, { tl: { col: table.header.length + 1, row: top - 1 }, ext: { width, height }, editAs: 'oneCell' });
    if (table.note) {
      const note = ws.getCell(top + 1 + table.rows.length, 1);
      note.value = table.note;
      note.font = { ...font, italic: true };
    }
    // The next chart starts under both the table and the image (wrapped names make rows taller).
    const tableRows = 1 + (table.note ? 1 : 0) + table.rows.reduce<number>((n, values) => n + Math.max(1, Math.ceil(String(values[1] ?? '').length / 40)), 0);
    row = top + Math.max(tableRows, Math.ceil(height / ROW_PX)) + 2;
  });
}
