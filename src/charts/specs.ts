// Vega-Lite specs of the three report charts, built from ChartData alone (pure): every label and
// number already in Vietnamese style (35.591; 98,3%), every order (bars, stack, legend) explicit,
// black and greys with one restrained accent, a Times-compatible font.
import { formatCount } from '../core/format-vi.js';
import { partText, PENDING_GROUP, RESOLVED_GROUP, type ChartData, type OutcomePart } from './data.js';

/** Fonts the SVG names: Liberation Serif is bundled (report-templates/fonts) and metric-compatible with Times. */
export const CHART_FONT = 'Liberation Serif, Times New Roman, serif';
const INK = '#1a1a1a';
const ACCENT = '#8c2d2d';

export type ChartId = 'agencies' | 'outcome' | 'months';

export interface ChartSpec {
  id: ChartId;
  /** The caption printed above the chart (and the title of its table in the workbook). */
  title: string;
  /** The Vega-Lite spec (JSON). */
  spec: Record<string, unknown>;
}

export const RECEIVED_SERIES = 'Tiếp nhận';
export const RESOLVED_SERIES = 'Đã giải quyết';
export const NEW_SERIES = 'Tiếp nhận mới';
export const COMPARE_SUFFIX = ' (kỳ so sánh)';

/** Vietnamese number locale for axis ticks (d3-format): 35.591 and 2,5. */
const LOCALE = { number: { decimal: ',', thousands: '.', grouping: [3], currency: ['', ' đ'] } };

const BASE_CONFIG = {
  font: CHART_FONT,
  locale: LOCALE,
  background: 'white',
  view: { stroke: null },
  axis: { labelColor: INK, titleColor: INK, domainColor: '#555555', tickColor: '#555555', gridColor: '#dddddd', labelFontSize: 10, titleFontSize: 10, titleFontWeight: 'normal' },
  legend: { labelColor: INK, labelFontSize: 10, titleFontSize: 10, labelLimit: 0, symbolType: 'square' },
  title: { color: INK, fontSize: 12, fontWeight: 'bold', anchor: 'start' },
};

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
export function agencySpec(data: ChartData): ChartSpec {
  // Names are wrapped and joined with "\n"; the axis splits them back into lines.
  const names = data.agencies.map((a) => wrapName(a.name).join('\n'));
  const values = data.agencies.flatMap((a, i) => [
    { name: names[i], series: RECEIVED_SERIES, value: a.received, text: formatCount(a.received) },
    { name: names[i], series: RESOLVED_SERIES, value: a.resolved, text: formatCount(a.resolved) },
  ]);
  const lines = names.reduce((n, s) => n + s.split('\n').length, 0);
  const x = { field: 'value', type: 'quantitative', axis: { title: 'Số hồ sơ', format: ',d', tickMinStep: 1 } };
  return {
    id: 'agencies',
    title:
      'Biểu đồ 1. Số hồ sơ tiếp nhận và đã giải quyết theo cơ quan' +
      (data.agenciesOf ? ` (${data.agencies.length} trong số ${data.agenciesOf} cơ quan, nhiều hồ sơ nhất; đủ số liệu tại Phụ lục)` : ''),
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 330,
      // The step is one bar's (two per agency): enough for the agency's wrapped name.
      height: { step: Math.max(11, Math.ceil(((lines / Math.max(1, names.length)) * 14 + 8) / 2)) },
      data: { values },
      encoding: {
        y: {
          field: 'name',
          type: 'nominal',
          sort: names,
          axis: { title: null, labelExpr: "split(datum.label, '\\n')", labelLimit: 0, labelFontSize: 10.5, labelLineHeight: 12, ticks: false, labelPadding: 6 },
        },
        yOffset: { field: 'series', type: 'nominal', sort: [RECEIVED_SERIES, RESOLVED_SERIES] },
        color: {
          field: 'series',
          type: 'nominal',
          sort: [RECEIVED_SERIES, RESOLVED_SERIES],
          scale: { domain: [RECEIVED_SERIES, RESOLVED_SERIES], range: ['#3a3a3a', '#a6a6a6'] },
          legend: { title: null, orient: 'top', direction: 'horizontal' },
        },
      },
      layer: [
        { mark: { type: 'bar', aria: true }, encoding: { x, description: { field: 'text' } } },
        { mark: { type: 'text', align: 'left', baseline: 'middle', dx: 3, fontSize: 9.5, color: INK }, encoding: { x: { field: 'value', type: 'quantitative' }, text: { field: 'text' }, color: { value: INK } } },
      ],
      config: BASE_CONFIG,
    },
  };
}

/** Resolved (early / on time / late) and pending (in time / overdue): two 100% stacked bars. */
export function outcomeSpec(data: ChartData): ChartSpec {
  const values = data.outcome.map((p, order) => ({
    group: p.group,
    key: outcomeKey(p),
    order,
    count: p.count,
    share: p.share ?? 0,
    // A share is written inside its part when the part is wide enough to hold it.
    inside: p.share !== null && p.share >= 12 ? partText(p) : '',
    dark: p.id === 'early' || p.id === 'late',
  }));
  const keys = values.map((v) => v.key);
  return {
    id: 'outcome',
    title: 'Biểu đồ 2. Kết quả giải quyết và hồ sơ đang giải quyết (số hồ sơ và tỷ lệ)',
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 560,
      height: { step: 44 },
      data: { values },
      encoding: {
        y: { field: 'group', type: 'nominal', sort: [RESOLVED_GROUP, PENDING_GROUP], axis: { title: null, labelFontSize: 10, ticks: false, labelPadding: 6, domain: false } },
      },
      layer: [
        {
          mark: { type: 'bar', height: 30, aria: true },
          encoding: {
            x: { field: 'share', type: 'quantitative', stack: 'zero', scale: { domain: [0, 100] }, axis: { title: 'Tỷ lệ (%)', values: [0, 20, 40, 60, 80, 100] } },
            order: { field: 'order', type: 'quantitative' },
            color: {
              field: 'key',
              type: 'nominal',
              sort: keys,
              scale: { domain: keys, range: data.outcome.map((p) => OUTCOME_COLOURS[p.id]) },
              legend: { title: null, orient: 'bottom', direction: 'vertical', columns: 2, columnPadding: 18 },
            },
            description: { field: 'key' },
          },
        },
        {
          mark: { type: 'text', baseline: 'middle', fontSize: 9 },
          encoding: {
            x: { field: 'share', type: 'quantitative', stack: 'zero', bandPosition: 0.5 },
            order: { field: 'order', type: 'quantitative' },
            detail: { field: 'key' },
            text: { field: 'inside' },
            color: { condition: { test: 'datum.dark', value: 'white' }, value: INK },
          },
        },
      ],
      config: BASE_CONFIG,
    },
  };
}

/** New and resolved dossiers per month: paired columns, the comparison period as lines. */
export function monthsSpec(data: ChartData): ChartSpec | null {
  if (data.months.length === 0) return null;
  const labels = data.months.map((m) => m.label);
  const series = [NEW_SERIES, RESOLVED_SERIES];
  const values = data.months.flatMap((m) => [
    { month: m.label, series: NEW_SERIES, value: m.new, text: formatCount(m.new) },
    { month: m.label, series: RESOLVED_SERIES, value: m.resolved, text: formatCount(m.resolved) },
  ]);
  const y = { field: 'value', type: 'quantitative', axis: { title: 'Số hồ sơ', format: ',d', tickMinStep: 1 } };
  const layer: Record<string, unknown>[] = [
    {
      data: { values },
      mark: { type: 'bar', aria: true },
      encoding: {
        x: { field: 'month', type: 'ordinal', sort: labels, axis: { title: null, labelAngle: -45, labelFontSize: 9 } },
        xOffset: { field: 'series', type: 'nominal', sort: series },
        y,
        color: { field: 'series', type: 'nominal', sort: series, scale: { domain: series, range: ['#3a3a3a', '#a6a6a6'] }, legend: { title: null, orient: 'top', direction: 'horizontal' } },
        description: { field: 'text' },
      },
    },
  ];
  if (data.compareMonths?.length) {
    // The comparison period's months sit at the same positions (month 1 over month 1, …).
    const compare = data.compareMonths.slice(0, labels.length).flatMap((m, i) => [
      { month: labels[i], series: NEW_SERIES + COMPARE_SUFFIX, value: m.new },
      { month: labels[i], series: RESOLVED_SERIES + COMPARE_SUFFIX, value: m.resolved },
    ]);
    layer.push({
      data: { values: compare },
      mark: { type: 'line', point: { filled: true, size: 16 }, strokeWidth: 1.2, strokeDash: [4, 2] },
      encoding: {
        x: { field: 'month', type: 'ordinal', sort: labels },
        y: { field: 'value', type: 'quantitative' },
        strokeDash: { field: 'series', type: 'nominal', sort: [NEW_SERIES + COMPARE_SUFFIX, RESOLVED_SERIES + COMPARE_SUFFIX], legend: { title: null, orient: 'top' } },
        color: { value: ACCENT },
      },
    });
  }
  return {
    id: 'months',
    title: 'Biểu đồ 3. Số hồ sơ tiếp nhận mới và đã giải quyết theo tháng',
    spec: { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', width: 560, height: 220, layer, config: BASE_CONFIG },
  };
}

/** The charts of a report, in the order they are printed. */
export function chartSpecs(data: ChartData): ChartSpec[] {
  return [agencySpec(data), outcomeSpec(data), monthsSpec(data)].filter((s): s is ChartSpec => s !== null);
}
