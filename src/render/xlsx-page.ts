// How hcc's workbooks print: A4 landscape, one page wide and as many pages tall as needed (fitToHeight
// 0 = no limit), centred; shared by the report's sheets and the listings (overdue, due soon).
import type ExcelJS from 'exceljs';

export function landscapeOnePageWide(margins: ExcelJS.Margins, printTitlesRow?: string): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins,
    ...(printTitlesRow ? { printTitlesRow } : {}),
  };
}
