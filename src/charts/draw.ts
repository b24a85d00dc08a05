// The drawn charts: the marks of specs.ts (the PDF draws them as vector), and their SVG rasterised to
// PNG by resvg (prebuilt binary) with the bundled fonts only, so Vietnamese looks the same on every
// machine. resvg is loaded here, lazily: only a command drawing PNGs pays for it.
import type { Mark } from './marks.js';
import { indexPixels, palettePng, pixelWords, rgbaPng } from './png.js';
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
 * PNG bytes of each drawn chart at `scale`, for the workbook and the Word report. Only the given font
 * files are used, never the system's. All the charts are drawn by resvg in one pass, one under another
 * in one SVG, on one thread of libuv's pool: the main thread lays out the PDF meanwhile, and on two
 * cores three drawings at once took its core from it. Each chart is then cut out of the raster, at a
 * whole pixel, so its pixels are those of the chart drawn alone. A palette PNG when the chart has at
 * most 256 colours (always, so far: a few dozen), else an RGBA PNG; the pixels are the same either way.
 */
export async function chartPngs(charts: DrawnChart[], fontFiles: string[], scale = PNG_SCALE): Promise<Buffer[]> {
  if (charts.length === 0) return [];
  const { renderAsync } = await import('@resvg/resvg-js');
  const sheet = stacked(charts, scale);
  const image = await renderAsync(sheet.svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'Liberation Serif', serifFamily: 'Liberation Serif' },
  });
  const rgba = image.pixels;
  const words = pixelWords(rgba);
  return Promise.all(
    sheet.tops.map((top, i) => {
      const region = { width: Math.round(charts[i].width * scale), height: Math.round(charts[i].height * scale), stride: image.width, offset: top * image.width };
      const indexed = indexPixels(words, region);
      return indexed ? palettePng(indexed, region.width, region.height) : rgbaPng(rgba, region);
    }),
  );
}

/**
 * One SVG holding the charts one under another, each a nested `svg` (which clips it to its own size)
 * starting on a whole pixel row at `scale`, a point below the one above; `tops` are those rows. The
 * whole is a whole number of pixels each way: resvg sizes its raster to whole pixels and stretches the
 * drawing to fit, which drew every glyph a shade differently from the chart drawn alone.
 */
function stacked(charts: DrawnChart[], scale: number): { svg: string; tops: number[] } {
  const tops: number[] = [];
  const parts: string[] = [];
  let y = 0;
  for (const chart of charts) {
    y = onWholePixel(y, scale);
    tops.push(Math.round(y * scale));
    parts.push(chart.svg.replace(/^<svg /, `<svg x="0" y="${y}" `));
    y += chart.height + 1;
  }
  y = onWholePixel(y, scale);
  const width = onWholePixel(Math.max(...charts.map((c) => c.width)), scale);
  return { svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" viewBox="0 0 ${width} ${y}">${parts.join('')}</svg>`, tops };
}

/** The first whole number of points from `v` on that is a whole number of pixels at `scale` (1.5: an even one). */
function onWholePixel(v: number, scale: number): number {
  for (let i = 0; i < 100 && !Number.isInteger(v * scale); i++) v++;
  return v;
}
