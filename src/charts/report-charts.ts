// The charts of one report, drawn once for every output that shows them (PDF as SVG, workbook and
// Word report as PNG), from the annex table and the month tables of the same read.
import type { MonthCount, Period } from '../core/types.js';
import type { TableModel } from '../report/document.js';
import { chartData, type ChartData } from './data.js';
import { chartPngs, drawCharts, type DrawnChart } from './draw.js';
import { chartSpecs } from './specs.js';

export interface ReportCharts {
  data: ChartData;
  drawn: DrawnChart[];
  /**
   * PNG of each drawn chart, in the same order (empty unless asked for). Started at once and awaited
   * by the workbook only, so rasterising overlaps the PDF; a failure is reported when awaited.
   */
  pngs: Promise<Buffer[]>;
}

export interface ReportChartsOptions {
  /** The month tables (monthPeriods of the report period), agency grouping. */
  months: MonthCount[];
  /** The comparison period (--compare) and its months, drawn as dashed lines. */
  compare?: { months: MonthCount[]; period: Period };
  /** Rasterise too (the workbook, the Word report). */
  png: boolean;
  /** Font files the PNGs draw their text with (the bundled Liberation Serif). */
  fontFiles: string[];
}

export async function reportCharts(annex: TableModel, options: ReportChartsOptions): Promise<ReportCharts> {
  const data = chartData(annex, options.months, undefined, options.compare);
  const drawn = await drawCharts(chartSpecs(data));
  const pngs = options.png ? chartPngs(drawn, options.fontFiles) : Promise.resolve([]);
  // Handled here so that a PDF failing first never leaves an unhandled rejection behind.
  pngs.catch(() => undefined);
  return { data, drawn, pngs };
}
