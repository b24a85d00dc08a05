// A chart's marks as a standalone SVG document (pure), numbers rounded so the same data gives the same
// bytes. Replaces Vega, whose load, compile and dataflow alone cost more than the 0.3 s the charts may
// add to `hcc report`.
import type { Mark, Segment } from './marks.js';

/** Round to 3 decimals: stable bytes, and far finer than a printed point. */
export const n = (v: number): string => String(Math.round(v * 1000) / 1000);

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const path = (segments: Segment[]) => segments.map(([x1, y1, x2, y2]) => `M${n(x1)},${n(y1)}L${n(x2)},${n(y2)}`).join('');

function markSvg(m: Mark): string {
  switch (m.kind) {
    case 'bar':
      return `<path aria-label="${esc(m.label)}" role="graphics-symbol" aria-roledescription="bar" d="M${n(m.x)},${n(m.y)}h${n(m.w)}v${n(m.h)}h${n(-m.w)}Z" fill="${m.fill}"/>`;
    case 'rect':
      return `<rect x="${n(m.x)}" y="${n(m.y)}" width="${n(m.w)}" height="${n(m.h)}" fill="${m.fill}"/>`;
    case 'line': {
      const [x1, y1, x2, y2] = m.segment;
      const dash = m.dash ? ` stroke-dasharray="${m.dash}"` : '';
      return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="${m.stroke}" stroke-width="1"${dash}/>`;
    }
    case 'segments':
      return `<path d="${path(m.segments)}" fill="none" stroke="${m.stroke}" stroke-width="1"/>`;
    case 'polyline':
      return `<polyline points="${m.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" stroke="${m.stroke}" stroke-width="${n(m.width)}" stroke-dasharray="${m.dash}"/>`;
    case 'circle':
      return `<circle cx="${n(m.cx)}" cy="${n(m.cy)}" r="${n(m.r)}" fill="${m.fill}"/>`;
    case 'text': {
      const attrs =
        `font-size="${n(m.size)}" fill="${m.fill}" text-anchor="${m.anchor}"` +
        (m.bold ? ' font-weight="bold"' : '') +
        (m.rotate ? ` transform="rotate(${n(m.rotate.angle)} ${n(m.rotate.origin[0])} ${n(m.rotate.origin[1])})"` : '');
      if (m.lines.length === 1) return `<text x="${n(m.x)}" y="${n(m.y)}" ${attrs}>${esc(m.lines[0])}</text>`;
      const spans = m.lines.map((l, i) => `<tspan x="${n(m.x)}" y="${n(m.y + i * m.lineHeight)}">${esc(l)}</tspan>`).join('');
      return `<text ${attrs}>${spans}</text>`;
    }
  }
}

/** The whole document: white background, the serif named first as the bundled Liberation Serif. */
export function svgDocument(width: number, height: number, marks: Mark[], font: string): string {
  const [w, h] = [Math.ceil(width), Math.ceil(height)];
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${esc(font)}">` +
    `<rect width="${w}" height="${h}" fill="white"/>${marks.map(markSvg).join('')}</svg>`
  );
}
