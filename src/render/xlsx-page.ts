// How hcc's workbooks print: A4 landscape, one page wide and as many pages tall as needed (fitToHeight
// 0 = no limit), centred; and how tall a row of wrapped text must be. Shared by the report's sheets and
// the listings (overdue, due soon, due dates against the time limit).
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

/** Excel refuses a row taller than 409 points (the file then needs "repair"): a longer name is still whole in its cell. */
const MAX_ROW_HEIGHT = 409;
export const rowHeight = (points: number) => Math.min(MAX_ROW_HEIGHT, points);

/** Rough number of wrapped lines of `text` in a cell `width` characters wide (1.15 a unit: Times is narrow). */
export function linesFor(text: string, width: number, charsPerUnit = 1.15): number {
  const perLine = Math.max(1, Math.floor(width * charsPerUnit));
  return text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
}
