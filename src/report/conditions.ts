// Conditional text in report templates, so that zero and one read as an official writes them
// ("không có hồ sơ quá hạn", not "quá hạn 0 hồ sơ, tỷ lệ 0,0%"):
//   {#if resolved.late}quá hạn {resolved.late} hồ sơ{#else}không có hồ sơ quá hạn{/if}
//   {#if agencies.noneCount = 1}…{/if}      (=, !=, >, <, >=, <= against a number)
// Without a comparison a condition holds when the figure is present (non-zero count, non-empty text),
// as a paragraph's "when" does. Conditions nest. They are resolved before placeholders and marks.
import type { Figures } from './figures.js';

type Op = '=' | '!=' | '>' | '<' | '>=' | '<=';

interface Condition {
  name: string;
  op?: Op;
  value?: number;
}

type Node = string | { condition: Condition; then: Node[]; otherwise: Node[] };

/** A condition tag, or an escaped brace pair kept as it is ("{{" is a literal "{"). */
const TAG_RE = /\{\{|\}\}|\{#if\s+([^{}]*?)\s*\}|\{#else\}|\{\/if\}/g;
const CONDITION_RE = /^([A-Za-z][\w.]*)\s*(?:(!=|>=|<=|=|>|<)\s*(-?\d+(?:[.,]\d+)?))?$/;

export class ConditionError extends Error {}

function parseCondition(text: string): Condition {
  const m = CONDITION_RE.exec(text.trim());
  if (!m) throw new ConditionError(`điều kiện "{#if ${text}}" không hợp lệ (viết {#if tên} hoặc {#if tên = 1})`);
  return { name: m[1], ...(m[2] ? { op: m[2] as Op, value: Number(m[3].replace(',', '.')) } : {}) };
}

/** The text as a tree of literal runs and conditions; throws ConditionError on unbalanced tags. */
function parse(text: string): Node[] {
  const root: Node[] = [];
  const stack: { node: Extract<Node, object>; inElse: boolean }[] = [];
  const target = (): Node[] => {
    const top = stack[stack.length - 1];
    return top ? (top.inElse ? top.node.otherwise : top.node.then) : root;
  };
  let last = 0;
  for (const m of text.matchAll(TAG_RE)) {
    if (m[0] === '{{' || m[0] === '}}') continue;
    if (m.index! > last) target().push(text.slice(last, m.index));
    last = m.index! + m[0].length;
    if (m[0] === '{#else}') {
      const top = stack[stack.length - 1];
      if (!top || top.inElse) throw new ConditionError('{#else} không nằm trong một {#if …}');
      top.inElse = true;
    } else if (m[0] === '{/if}') {
      if (!stack.pop()) throw new ConditionError('{/if} thừa (không có {#if …} mở trước)');
    } else {
      const node = { condition: parseCondition(m[1]), then: [], otherwise: [] };
      target().push(node);
      stack.push({ node, inElse: false });
    }
  }
  if (last < text.length) target().push(text.slice(last));
  if (stack.length > 0) throw new ConditionError(`thiếu {/if} cho {#if ${stack[stack.length - 1].node.condition.name}}`);
  return root;
}

/** The figure names the conditions of a text test (for the checks at load); throws ConditionError. */
export function conditionNames(text: string): string[] {
  const names: string[] = [];
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (typeof n === 'string') continue;
      names.push(n.condition.name);
      walk(n.then);
      walk(n.otherwise);
    }
  };
  walk(parse(text));
  return names;
}

/** The text with the condition tags taken out (both branches kept), for checking its placeholders. */
export function withoutConditions(text: string): string {
  const flat = (nodes: Node[]): string => nodes.map((n) => (typeof n === 'string' ? n : flat(n.then) + flat(n.otherwise))).join('');
  return flat(parse(text));
}

function holds(c: Condition, figures: Figures): boolean {
  const figure = figures[c.name];
  if (!figure) throw new Error(`condition on {${c.name}} has no value`); // loading checked the names: a bug
  if (c.op === undefined) return figure.present;
  const v = typeof figure.value === 'number' ? figure.value : null;
  if (v === null) return c.op === '!=';
  switch (c.op) {
    case '=':
      return v === c.value;
    case '!=':
      return v !== c.value;
    case '>':
      return v > c.value!;
    case '<':
      return v < c.value!;
    case '>=':
      return v >= c.value!;
    case '<=':
      return v <= c.value!;
  }
}

/** The text with each condition replaced by the branch that holds. */
export function resolveConditions(text: string, figures: Figures): string {
  if (!text.includes('{#') && !text.includes('{/if}')) return text;
  const render = (nodes: Node[]): string =>
    nodes.map((n) => (typeof n === 'string' ? n : render(holds(n.condition, figures) ? n.then : n.otherwise))).join('');
  return render(parse(text));
}
