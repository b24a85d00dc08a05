// Draws the chart specs: Vega-Lite compiled by Vega to SVG in Node (no canvas, no browser), and the
// SVG rasterised to PNG by resvg (prebuilt binary) with the bundled fonts only, so Vietnamese looks
// the same on every machine. Both libraries are loaded here, lazily: only a command drawing charts
// pays for them.
import type { ChartId, ChartSpec } from './specs.js';

export interface DrawnChart {
  id: ChartId;
  title: string;
  /** A standalone SVG document (vector: the PDF embeds it as is). */
  svg: string;
  width: number;
  height: number;
}

/** Compiles and renders each spec to SVG. No view is left running (each is finalized). */
export async function drawCharts(specs: ChartSpec[]): Promise<DrawnChart[]> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  const drawn: DrawnChart[] = [];
  for (const s of specs) {
    const compiled = vegaLite.compile(s.spec as never).spec;
    const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
    try {
      const svg = await view.toSVG();
      const [, width, height] = /width="([\d.]+)" height="([\d.]+)"/.exec(svg) ?? ['', '0', '0'];
      drawn.push({ id: s.id, title: s.title, svg, width: Number(width), height: Number(height) });
    } finally {
      view.finalize();
    }
  }
  return drawn;
}

/**
 * PNG bytes of a drawn chart at `scale` (2 = 144 dpi for a chart laid out in points), for the
 * workbook and the Word report. Only the given font files are used, never the system's.
 */
export async function chartPng(chart: DrawnChart, fontFiles: string[], scale = 2): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(chart.svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: 'Liberation Serif', serifFamily: 'Liberation Serif' },
  });
  return Buffer.from(resvg.render().asPng());
}
