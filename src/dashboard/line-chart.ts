/// <reference lib="dom" />
/**
 * A small line chart drawn as one SVG (no chart library): years along the bottom, counts up the side
 * from 0, one line per series with a dot per year (its figure on hover), and the legend above. The
 * geometry (`chartGeometry`) is pure, so it is tested without a browser; every style is an attribute,
 * as in geo-map.ts.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';

export interface ChartSeries {
  key: string;
  label: string;
  colour: string;
  /** One value per year; null: no figure that year (the line breaks). */
  values: Array<number | null>;
  dashed?: boolean;
}

export interface ChartModel {
  years: number[];
  series: ChartSeries[];
  /** Said to screen readers (the SVG's title). */
  title: string;
}

/** Plot area inside the SVG: room for the legend above, the y labels on the left and the years below. */
export const CHART = { width: 520, height: 220, left: 40, right: 16, top: 30, bottom: 26 } as const;

/** The smallest round maximum (1, 2 or 5 × a power of ten, times the ticks) at or above `max`, and its ticks from 0. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  // Counts are whole: a step under 1 would label ticks 0.5, 1.5 …
  const whole = Math.max(1, step);
  const ticks: number[] = [];
  for (let v = 0; v < max + whole; v += whole) {
    ticks.push(v);
    if (v >= max) break;
  }
  return ticks;
}

export interface ChartGeometry {
  /** x of each year. */
  xs: number[];
  /** y of each tick value, and the values. */
  ticks: Array<{ value: number; y: number }>;
  /** Per series, its dots (null where there is no value) and its path (`M … L …`, a new `M` after a gap). */
  lines: Array<{ key: string; points: Array<{ x: number; y: number; value: number } | null>; path: string }>;
}

export function chartGeometry(model: Pick<ChartModel, 'years' | 'series'>): ChartGeometry {
  const { width, height, left, right, top, bottom } = CHART;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const n = model.years.length;
  // One year sits in the middle; several spread over the width.
  const xs = model.years.map((_y, i) => (n === 1 ? left + plotW / 2 : left + (plotW * i) / (n - 1)));
  const max = Math.max(0, ...model.series.flatMap((s) => s.values.filter((v): v is number => v !== null)));
  const tickValues = niceTicks(max);
  const top_ = tickValues[tickValues.length - 1]!;
  const yOf = (v: number) => top + plotH - (plotH * v) / top_;
  const round = (v: number) => Math.round(v * 10) / 10;
  const lines = model.series.map((s) => {
    const points = s.values.map((v, i) => (v === null ? null : { x: round(xs[i]!), y: round(yOf(v)), value: v }));
    let path = '';
    let pen = false;
    for (const p of points) {
      if (!p) {
        pen = false;
        continue;
      }
      path += `${path ? ' ' : ''}${pen ? 'L' : 'M'}${p.x},${p.y}`;
      pen = true;
    }
    return { key: s.key, points, path };
  });
  return { xs: xs.map(round), ticks: tickValues.map((value) => ({ value, y: round(yOf(value)) })), lines };
}

function node<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: Array<SVGElement | string>): SVGElementTagNameMap[K] {
  const n = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  for (const c of children) n.append(c);
  return n;
}
const label = (x: number, y: number, content: string, attrs: Record<string, string | number> = {}) =>
  node('text', { x, y, 'font-family': FONT, 'font-size': 11, fill: '#57606a', ...attrs }, content);

/** The chart as an SVG element, as wide as its container (it scales with its viewBox). */
export function lineChart(model: ChartModel): SVGSVGElement {
  const { width, height, left, right } = CHART;
  const g = chartGeometry(model);
  const svg = node('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img', 'aria-label': model.title, class: 'line-chart' }, node('title', {}, model.title));
  for (const t of g.ticks) {
    svg.append(node('line', { x1: left, x2: width - right, y1: t.y, y2: t.y, stroke: t.value === 0 ? '#8c959f' : '#d0d7de', 'stroke-width': 1 }));
    svg.append(label(left - 6, t.y + 4, String(t.value), { 'text-anchor': 'end' }));
  }
  model.years.forEach((year, i) => svg.append(label(g.xs[i]!, height - 8, String(year), { 'text-anchor': 'middle' })));
  // Legend: a short line in each series' colour and style, then its label.
  let x = left;
  for (const s of model.series) {
    svg.append(node('line', { x1: x, x2: x + 18, y1: 12, y2: 12, stroke: s.colour, 'stroke-width': 2.5, ...(s.dashed ? { 'stroke-dasharray': '5 3' } : {}) }));
    svg.append(label(x + 23, 16, s.label, { fill: '#1f2328' }));
    x += 23 + s.label.length * 6.4 + 16;
  }
  model.series.forEach((s, k) => {
    const line = g.lines[k]!;
    if (line.path)
      svg.append(
        node('path', {
          d: line.path,
          fill: 'none',
          stroke: s.colour,
          'stroke-width': 2.5,
          'stroke-linejoin': 'round',
          class: 'series',
          'data-series': s.key,
          ...(s.dashed ? { 'stroke-dasharray': '5 3' } : {}),
        }),
      );
    line.points.forEach((p, i) => {
      if (p) svg.append(node('circle', { cx: p.x, cy: p.y, r: 3.5, fill: s.colour, 'data-series': s.key }, node('title', {}, `${model.years[i]!} · ${s.label}: ${p.value}`)));
    });
  });
  return svg;
}
