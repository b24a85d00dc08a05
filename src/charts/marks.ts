// What a chart is made of (pure): bars, rectangles, lines, points and texts in points, y downwards.
// svg.ts writes them as an SVG document (resvg draws that for the workbook and the Word report);
// render/pdf-chart-marks.ts draws the same marks straight into the PDF, so both show one drawing.
import { formatCount } from '../core/format-vi.js';

export const INK = '#1a1a1a';
const AXIS = '#555555';
const GRID = '#dddddd';

export type Segment = [x1: number, y1: number, x2: number, y2: number];

export type Mark =
  /** A bar, named by its value (SVG: a path with an ARIA label, where readers and tests find it). */
  | { kind: 'bar'; x: number; y: number; w: number; h: number; fill: string; label: string }
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string }
  /** One line (SVG `line`), or several segments as one path (`path`: grid lines, ticks). */
  | { kind: 'line'; segment: Segment; stroke: string; dash?: string }
  | { kind: 'segments'; segments: Segment[]; stroke: string }
  | { kind: 'polyline'; points: [number, number][]; stroke: string; width: number; dash: string }
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string }
  /**
   * A text of one or more lines: `y` is the baseline of the first, the next ones `lineHeight` lower;
   * `rotate` degrees about `origin` (clockwise, y downwards, as SVG's rotate()).
   */
  | {
      kind: 'text';
      x: number;
      y: number;
      lines: string[];
      lineHeight: number;
      size: number;
      anchor: 'start' | 'middle' | 'end';
      fill: string;
      bold: boolean;
      rotate?: { angle: number; origin: [number, number] };
    };

/**
 * Approximate width in points of a text in the Times-compatible serif (average glyph ~0.5 em; bold and
 * capitals a bit wider). Only used to leave room for labels, never to place a bar.
 */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[A-ZĐ0-9]/.test(ch) ? 0.62 : ch === ' ' ? 0.25 : /[ilfjtr.,:;()]/.test(ch) ? 0.3 : 0.5;
  return w * size;
}

export function bar(x: number, y: number, w: number, h: number, fill: string, label: string): Mark {
  return { kind: 'bar', x, y, w, h, fill, label };
}

export interface TextOptions {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  fill?: string;
  bold?: boolean;
  rotate?: number;
}

/** One text (several lines `lineHeight` apart, the block vertically centred on y). */
export function text(x: number, y: number, content: string | string[], o: TextOptions = {}, lineHeight = 12): Mark {
  const lines = Array.isArray(content) ? content : [content];
  const size = o.size ?? 10;
  // Baseline of the first line so that the block's middle sits at y (0.35 em: half a cap height).
  const top = y - ((lines.length - 1) * lineHeight) / 2 + size * 0.35;
  return {
    kind: 'text',
    x,
    y: top,
    lines,
    lineHeight,
    size,
    anchor: o.anchor ?? 'start',
    fill: o.fill ?? INK,
    bold: o.bold ?? false,
    ...(o.rotate ? { rotate: { angle: o.rotate, origin: [x, y] as [number, number] } } : {}),
  };
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke = AXIS, dash?: string): Mark {
  return { kind: 'line', segment: [x1, y1, x2, y2], stroke, ...(dash ? { dash } : {}) };
}

/** A legend: a small square (or a dashed line with a point) and its text per entry, in a row from (x, y). */
export function legendRow(x: number, y: number, entries: { label: string; fill: string; dash?: string }[], size = 10): Mark[] {
  const out: Mark[] = [];
  let at = x;
  for (const e of entries) {
    if (e.dash) out.push(line(at, y, at + 14, y, e.fill, e.dash), { kind: 'circle', cx: at + 7, cy: y, r: 2, fill: e.fill });
    else out.push({ kind: 'rect', x: at, y: y - 4.5, w: 9, h: 9, fill: e.fill });
    const tx = at + (e.dash ? 18 : 13);
    out.push(text(tx, y, e.label, { size }));
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

/** Vertical grid lines and labels under a horizontal value axis from x0 (value 0) to x0 + width. */
export function xAxis(x0: number, width: number, y0: number, y1: number, ticks: Ticks, title: string, format = formatCount): Mark[] {
  const xs = ticks.values.map((v) => x0 + (v / ticks.max) * width);
  return [
    { kind: 'segments', segments: xs.map((x) => [x, y0, x, y1]), stroke: GRID },
    { kind: 'segments', segments: [[x0, y1, x0 + width, y1], ...xs.map((x): Segment => [x, y1, x, y1 + 4])], stroke: AXIS },
    ...ticks.values.map((v, i) => text(xs[i], y1 + 11, format(v), { anchor: 'middle' })),
    text(x0 + width / 2, y1 + 27, title, { anchor: 'middle' }),
  ];
}

/** Horizontal grid lines and labels beside a vertical value axis from y0 (value 0) up `height`. */
export function yAxis(x0: number, y0: number, height: number, x1: number, ticks: Ticks, title: string): Mark[] {
  const ys = ticks.values.map((v) => y0 - (v / ticks.max) * height);
  return [
    { kind: 'segments', segments: ys.map((y) => [x0, y, x1, y]), stroke: GRID },
    { kind: 'segments', segments: [[x0, y0, x0, y0 - height], ...ys.map((y): Segment => [x0 - 4, y, x0, y])], stroke: AXIS },
    ...ticks.values.map((v, i) => text(x0 - 6, ys[i], formatCount(v), { anchor: 'end' })),
    text(12, y0 - height / 2, title, { anchor: 'middle', rotate: -90 }),
  ];
}
