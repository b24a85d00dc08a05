// A small SVG writer for the report charts (pure): rects, lines, text and axes in points, numbers
// rounded so the same data gives the same bytes. Replaces Vega, whose load, compile and dataflow
// alone cost more than the 0.3 s the charts may add to `hcc report`.
import { formatCount } from '../core/format-vi.js';

export const INK = '#1a1a1a';
const AXIS = '#555555';
const GRID = '#dddddd';

/** Round to 3 decimals: stable bytes, and far finer than a printed point. */
export const n = (v: number): string => String(Math.round(v * 1000) / 1000);

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Approximate width in points of a text in the Times-compatible serif (average glyph ~0.5 em; bold and
 * capitals a bit wider). Only used to leave room for labels, never to place a bar.
 */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[A-ZĐ0-9]/.test(ch) ? 0.62 : ch === ' ' ? 0.25 : /[ilfjtr.,:;()]/.test(ch) ? 0.3 : 0.5;
  return w * size;
}

/** A bar: the path shape and ARIA label Vega used, so readers (and tests) find bars the same way. */
export function bar(x: number, y: number, w: number, h: number, fill: string, label: string): string {
  return `<path aria-label="${esc(label)}" role="graphics-symbol" aria-roledescription="bar" d="M${n(x)},${n(y)}h${n(w)}v${n(h)}h${n(-w)}Z" fill="${fill}"/>`;
}

export interface TextOptions {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  fill?: string;
  bold?: boolean;
  rotate?: number;
}

/** One text (several lines as tspans, `lineHeight` apart, vertically centred on y). */
export function text(x: number, y: number, content: string | string[], o: TextOptions = {}, lineHeight = 12): string {
  const lines = Array.isArray(content) ? content : [content];
  const size = o.size ?? 10;
  const attrs =
    `font-size="${n(size)}" fill="${o.fill ?? INK}" text-anchor="${o.anchor ?? 'start'}"` +
    (o.bold ? ' font-weight="bold"' : '') +
    (o.rotate ? ` transform="rotate(${n(o.rotate)} ${n(x)} ${n(y)})"` : '');
  // Baseline of the first line so that the block's middle sits at y (0.35 em: half a cap height).
  const top = y - ((lines.length - 1) * lineHeight) / 2 + size * 0.35;
  if (lines.length === 1) return `<text x="${n(x)}" y="${n(top)}" ${attrs}>${esc(lines[0])}</text>`;
  const spans = lines.map((l, i) => `<tspan x="${n(x)}" y="${n(top + i * lineHeight)}">${esc(l)}</tspan>`).join('');
  return `<text ${attrs}>${spans}</text>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke = AXIS, extra = ''): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${stroke}" stroke-width="1"${extra}/>`;
}

/** A legend: a small square (or a dashed line) and its text per entry, in a row from (x, y). */
export function legendRow(x: number, y: number, entries: { label: string; fill: string; dash?: string }[], size = 10): string {
  let out = '';
  let at = x;
  for (const e of entries) {
    out += e.dash
      ? line(at, y, at + 14, y, e.fill, ` stroke-dasharray="${e.dash}"`) + `<circle cx="${n(at + 7)}" cy="${n(y)}" r="2" fill="${e.fill}"/>`
      : `<rect x="${n(at)}" y="${n(y - 4.5)}" width="9" height="9" fill="${e.fill}"/>`;
    const tx = at + (e.dash ? 18 : 13);
    out += text(tx, y, e.label, { size });
    at = tx + textWidth(e.label, size) + 16;
  }
  return out;
}

export interface Ticks {
  max: number;
  values: number[];
}

/** Round ticks from 0 covering `max`, about `count` of them (steps 1, 2, 5 × 10^k as d3 picks, whole dossiers). */
export function niceTicks(max: number, count = 6): Ticks {
  if (max <= 0) return { max: 1, values: [0, 1] };
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const err = raw / mag;
  const step = Math.max(1, mag * (err >= Math.sqrt(50) ? 10 : err >= Math.sqrt(10) ? 5 : err >= Math.sqrt(2) ? 2 : 1));
  const top = Math.ceil(max / step) * step;
  const values: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) values.push(Math.round(v));
  return { max: top, values };
}

/** A path of straight segments (grid lines, ticks): one element, not one per line, for svg-to-pdfkit. */
function segments(list: [number, number, number, number][], stroke: string): string {
  return `<path d="${list.map(([x1, y1, x2, y2]) => `M${n(x1)},${n(y1)}L${n(x2)},${n(y2)}`).join('')}" fill="none" stroke="${stroke}" stroke-width="1"/>`;
}

/** Vertical grid lines and labels under a horizontal value axis from x0 (value 0) to x0 + width. */
export function xAxis(x0: number, width: number, y0: number, y1: number, ticks: Ticks, title: string, format = formatCount): string {
  const xs = ticks.values.map((v) => x0 + (v / ticks.max) * width);
  let out = segments(xs.map((x) => [x, y0, x, y1]), GRID);
  out += segments([[x0, y1, x0 + width, y1], ...xs.map((x): [number, number, number, number] => [x, y1, x, y1 + 4])], AXIS);
  ticks.values.forEach((v, i) => (out += text(xs[i], y1 + 11, format(v), { anchor: 'middle' })));
  return out + text(x0 + width / 2, y1 + 27, title, { anchor: 'middle' });
}

/** Horizontal grid lines and labels beside a vertical value axis from y0 (value 0) up `height`. */
export function yAxis(x0: number, y0: number, height: number, x1: number, ticks: Ticks, title: string): string {
  const ys = ticks.values.map((v) => y0 - (v / ticks.max) * height);
  let out = segments(ys.map((y) => [x0, y, x1, y]), GRID);
  out += segments([[x0, y0, x0, y0 - height], ...ys.map((y): [number, number, number, number] => [x0 - 4, y, x0, y])], AXIS);
  ticks.values.forEach((v, i) => (out += text(x0 - 6, ys[i], formatCount(v), { anchor: 'end' })));
  return out + text(12, y0 - height / 2, title, { anchor: 'middle', rotate: -90 });
}

/** The whole document: white background, the serif named first as the bundled Liberation Serif. */
export function svgDocument(width: number, height: number, body: string, font: string): string {
  const [w, h] = [Math.ceil(width), Math.ceil(height)];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${esc(font)}">` +
    `<rect width="${w}" height="${h}" fill="white"/>${body}</svg>`
  );
}
