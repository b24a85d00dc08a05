// The three report charts as marks and SVG, built from ChartData alone (pure) with marks.ts and svg.ts:
// every label and number already in Vietnamese style (35.591; 98,3%), every order (bars, stack,
// legend) explicit, black and greys with one restrained accent, a Times-compatible font.
import { formatCount } from '../core/format-vi.js';
import { partText, PENDING_GROUP, RESOLVED_GROUP, type ChartData, type OutcomePart } from './data.js';
import { bar, INK, legendRow, line, niceTicks, text, textWidth, xAxis, yAxis, type Mark } from './marks.js';
import { svgDocument } from './svg.js';

/** Fonts the SVG names: Liberation Serif is bundled (report-templates/fonts) and metric-compatible with Times. */
export const CHART_FONT = 'Liberation Serif, Times New Roman, serif';
const DARK = '#3a3a3a';
const LIGHT = '#a6a6a6';
const ACCENT = '#8c2d2d';

export type ChartId = 'agencies' | 'outcome' | 'months';

export interface ChartSpec {
  id: ChartId;
  /** The caption printed above the chart (and the title of its table in the workbook). */
  title: string;
  /** What it is drawn with, in points (the PDF draws these). */
  marks: Mark[];
  /** The same as a standalone SVG document (rasterised for the workbook and the Word report). */
  svg: string;
  width: number;
  height: number;
}

export const RECEIVED_SERIES = 'Tiếp nhận';
export const RESOLVED_SERIES = 'Đã giải quyết';
export const NEW_SERIES = 'Tiếp nhận mới';
export const COMPARE_SUFFIX = ' (kỳ so sánh)';
/** The comparison lines' dash patterns, the same in the chart and its legend. */
const COMPARE_DASH = { new: '4 2', resolved: '1.5 2' } as const;

/** The line under the monthly chart naming the comparison period (and what the workbook's table says). */
export function compareNote(name: string): string {
  return `Đường nét đứt: số liệu của kỳ so sánh (${name}), mỗi tháng đặt ở vị trí tháng tương ứng của kỳ báo cáo.`;
}

/** Splits a long name on spaces into lines of at most `width` characters (a word longer stays whole). */
export function wrapName(name: string, width = 30): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of name.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** The outcome parts' legend entries, in the order of the stack. */
export const OUTCOME_LEGEND: Record<OutcomePart['id'], string> = {
  early: 'Giải quyết trước hạn',
  onTime: 'Giải quyết đúng hạn',
  late: 'Giải quyết quá hạn',
  notDue: 'Đang giải quyết trong hạn',
  overdue: 'Đang giải quyết quá hạn',
};
const OUTCOME_COLOURS: Record<OutcomePart['id'], string> = {
  early: '#3a3a3a',
  onTime: '#8a8a8a',
  late: ACCENT,
  notDue: '#c4c4c4',
  overdue: '#c98f8f',
};

export function outcomeKey(p: OutcomePart): string {
  return `${OUTCOME_LEGEND[p.id]}: ${partText(p)}`;
}

/** Received and resolved per agency: horizontal bars, two per agency, in the order given. */
/** A chart's marks, its SVG document and its size in whole points (what the PDF, the workbook and the Word report lay out). */
function drawing(width: number, height: number, marks: Mark[]): Pick<ChartSpec, 'marks' | 'svg' | 'width' | 'height'> {
  return { marks, svg: svgDocument(width, height, marks, CHART_FONT), width: Math.ceil(width), height: Math.ceil(height) };
}

export function agencySpec(data: ChartData): ChartSpec {
  const names = data.agencies.map((a) => wrapName(a.name));
  const labelWidth = Math.min(230, Math.max(60, ...names.flat().map((l) => textWidth(l, 10.5)))) + 8;
  const [left, top, plot] = [labelWidth, 26, 330];
  // Each agency's band holds its wrapped name; its two bars share the band.
  const bands = names.map((l) => Math.max(22, l.length * 12 + 8));
  const plotHeight = bands.reduce((s, b) => s + b, 0);
  const ticks = niceTicks(Math.max(1, ...data.agencies.map((a) => Math.max(a.received, a.resolved))));
  const scale = plot / ticks.max;
  const body = legendRow(left, 10, [
    { label: RECEIVED_SERIES, fill: DARK },
    { label: RESOLVED_SERIES, fill: LIGHT },
  ]);
  body.push(...xAxis(left, plot, top, top + plotHeight, ticks, 'Số hồ sơ'));
  let y = top;
  data.agencies.forEach((a, i) => {
    const h = (bands[i] - 4) / 2;
    body.push(text(left - 6, y + bands[i] / 2, names[i], { size: 10.5, anchor: 'end' }));
    [a.received, a.resolved].forEach((v, k) => {
      const by = y + 2 + k * h;
      body.push(bar(left, by, v * scale, h, k === 0 ? DARK : LIGHT, formatCount(v)), text(left + v * scale + 3, by + h / 2, formatCount(v), { size: 9.5 }));
    });
    y += bands[i];
  });
  const width = left + plot + 50;
  return {
    id: 'agencies',
    title:
      'Biểu đồ 1. Số hồ sơ tiếp nhận và đã giải quyết theo cơ quan' +
      (data.agenciesOf ? ` (${data.agencies.length} trong số ${data.agenciesOf} cơ quan, nhiều hồ sơ nhất; đủ số liệu tại Phụ lục)` : ''),
    ...drawing(width, top + plotHeight + 36, body),
  };
}

/** Resolved (early / on time / late) and pending (in time / overdue): two 100% stacked bars. */
export function outcomeSpec(data: ChartData): ChartSpec {
  const [left, top, plot, band, barHeight] = [110, 8, 560, 44, 30];
  const groups = [RESOLVED_GROUP, PENDING_GROUP];
  const body = xAxis(left, plot, top, top + band * 2, { max: 100, values: [0, 20, 40, 60, 80, 100] }, 'Tỷ lệ (%)', String);
  groups.forEach((g, gi) => {
    const y = top + gi * band + (band - barHeight) / 2;
    body.push(text(left - 6, y + barHeight / 2, g, { anchor: 'end' }));
    let x = left;
    for (const p of data.outcome.filter((o) => o.group === g)) {
      const w = ((p.share ?? 0) / 100) * plot;
      body.push(bar(x, y, w, barHeight, OUTCOME_COLOURS[p.id], outcomeKey(p)));
      // A share is written inside its part when the part is wide enough to hold it.
      if (p.share !== null && p.share >= 12) {
        body.push(text(x + w / 2, y + barHeight / 2, partText(p), { size: 9, anchor: 'middle', fill: p.id === 'early' || p.id === 'late' ? 'white' : INK }));
      }
      x += w;
    }
  });
  // The legend under the axis, two columns, in the order of the stack.
  const legendTop = top + band * 2 + 46;
  data.outcome.forEach((p, i) => {
    body.push(...legendRow(left + (i % 2) * 290, legendTop + Math.floor(i / 2) * 16, [{ label: outcomeKey(p), fill: OUTCOME_COLOURS[p.id] }]));
  });
  const height = legendTop + Math.ceil(data.outcome.length / 2) * 16;
  return {
    id: 'outcome',
    title: 'Biểu đồ 2. Kết quả giải quyết và hồ sơ đang giải quyết (số hồ sơ và tỷ lệ)',
    ...drawing(left + plot + 10, height, body),
  };
}

/** New and resolved dossiers per month: paired columns, the comparison period as dashed lines. */
export function monthsSpec(data: ChartData): ChartSpec | null {
  if (data.months.length === 0) return null;
  const [left, top, plot, plotHeight] = [60, 28, 560, 220];
  const compare = (data.compareMonths ?? []).slice(0, data.months.length);
  const all = [...data.months, ...compare].flatMap((m) => [m.new, m.resolved]);
  const ticks = niceTicks(Math.max(1, ...all), 7);
  const scale = plotHeight / ticks.max;
  const base = top + plotHeight;
  const step = plot / data.months.length;
  const barWidth = (step * 0.8) / 2;
  const legend: { label: string; fill: string; dash?: string }[] = [
    { label: NEW_SERIES, fill: DARK },
    { label: RESOLVED_SERIES, fill: LIGHT },
  ];
  if (compare.length) {
    legend.push({ label: NEW_SERIES + COMPARE_SUFFIX, fill: ACCENT, dash: COMPARE_DASH.new }, { label: RESOLVED_SERIES + COMPARE_SUFFIX, fill: ACCENT, dash: COMPARE_DASH.resolved });
  }
  const body = [...legendRow(left, 10, legend), ...yAxis(left, base, plotHeight, left + plot, ticks, 'Số hồ sơ'), line(left, base, left + plot, base)];
  data.months.forEach((m, i) => {
    const x = left + i * step + step * 0.1;
    [m.new, m.resolved].forEach((v, k) => {
      body.push(bar(x + k * barWidth, base - v * scale, barWidth, v * scale, k === 0 ? DARK : LIGHT, formatCount(v)));
    });
    const cx = left + (i + 0.5) * step;
    body.push(text(cx + 3, base + 18, m.label, { size: 9, anchor: 'end', rotate: -45 }));
  });
  // The comparison period's months sit at the same positions (month 1 over month 1, …).
  for (const key of ['new', 'resolved'] as const) {
    if (!compare.length) break;
    const points = compare.map((m, i): [number, number] => [left + (i + 0.5) * step, base - m[key] * scale]);
    body.push({ kind: 'polyline', points, stroke: ACCENT, width: 1.2, dash: COMPARE_DASH[key] });
    body.push(...points.map(([cx, cy]): Mark => ({ kind: 'circle', cx, cy, r: 2, fill: ACCENT })));
  }
  let height = base + 50;
  if (compare.length && data.compareName) {
    // Which period the dashed lines are, under the month labels: the legend only says "(kỳ so sánh)".
    // One line, or two at the comma when the period's name is long ("kỳ từ ngày … đến ngày …").
    const note = compareNote(data.compareName);
    const lines = textWidth(note, 9) > plot ? note.replace(/\), /, '),\n').split('\n') : [note];
    // Below the slanted month labels (they reach about 45 points under the axis).
    body.push(text(left, height + 6 + (lines.length - 1) * 6, lines, { size: 9 }, 12));
    height += 6 + 12 * lines.length;
  }
  return {
    id: 'months',
    title: 'Biểu đồ 3. Số hồ sơ tiếp nhận mới và đã giải quyết theo tháng',
    ...drawing(left + plot + 10, height, body),
  };
}

/** The charts of a report, in the order they are printed. */
export function chartSpecs(data: ChartData): ChartSpec[] {
  return [agencySpec(data), outcomeSpec(data), monthsSpec(data)].filter((s): s is ChartSpec => s !== null);
}
