// The drawn charts: the marks of specs.ts (the PDF draws them as vector), and their SVG rasterised to
// PNG by resvg (prebuilt binary) with the bundled fonts only, so Vietnamese looks the same on every
// machine. resvg is loaded here, lazily: only a command drawing PNGs pays for it.
import type { Mark } from './marks.js';
import { indexPixels, palettePng } from './png.js';
import type { ChartId, ChartSpec } from './specs.js';

export interface DrawnChart {
  id: ChartId;
  title: string;
  /** What it is drawn with, in points: the PDF draws these as vector graphics. */
  marks: Mark[];
  /** The same drawing as a standalone SVG document (rasterised to PNG here). */
  svg: string;
  width: number;
  height: number;
}

/** The charts to draw; the SVG is already written by the specs (kept async for the callers). */
export async function drawCharts(specs: ChartSpec[]): Promise<DrawnChart[]> {
  return specs.map((s) => ({ id: s.id, title: s.title, marks: s.marks, svg: s.svg, width: s.width, height: s.height }));
}

/**
 * The PNG zoom: 1.5 = 108 dpi for a chart laid out in points, sharper than the ≤ 760 px the workbook
 * shows it at; 2 cost about twice the pixels to draw, encode and deflate again into the .xlsx.
 */
export const PNG_SCALE = 1.5;

/**
 * PNG bytes of a drawn chart at `scale`, for the workbook and the Word report. Only the given font
 * files are used, never the system's. A palette PNG when the chart has at most 256 colours (always,
 * so far: a few dozen), else resvg's own RGBA PNG; the pixels are the same either way.
 */
export async function chartPng(chart: DrawnChart, fontFiles: string[], scale = PNG_SCALE): Promise<Buffer> {
  const { renderAsync } = await import('@resvg/resvg-js');
  // renderAsync parses, loads the fonts and rasterises on libuv's thread pool: the charts are drawn
  // side by side, and while the PDF is being laid out on the main thread.
  const image = await renderAsync(chart.svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'Liberation Serif', serifFamily: 'Liberation Serif' },
  });
  const indexed = indexPixels(image.pixels, image.width, image.height);
  return indexed ? palettePng(indexed, image.width, image.height) : Buffer.from(image.asPng());
}
