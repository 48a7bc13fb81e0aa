/// <reference lib="dom" />
/**
 * The geographic map of a zone, drawn as one SVG: the quartiers' polygons (the base map: no tiles)
 * as a choropleth, the ties as lines, the services as points, and on the same figure the title,
 * scale bar, north arrow, attribution, legend and the tie filter used, so that what is on screen,
 * what prints and the PNG are the same picture. Every style is an attribute (a serialised SVG
 * carries no stylesheet). Projection: projection.ts (local equirectangular).
 */
import { colourFor, NO_DATA, type Classes } from './classes';
import { bboxOf, fitProjection, scaleBar, type LonLat } from './projection';

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif';
/** Average advance of one character at 11 px, to wrap and flow legend text without measuring. */
const CHAR = 6.1;

export interface GeoQuartier {
  code: string;
  name: string;
  /** Polygons, each a list of rings (outer first), each a list of [lon, lat]. */
  polygons: LonLat[][][];
  /** A point inside the polygon (the API's innerPoint). */
  inner: LonLat | null;
  value: number | null;
}
export interface GeoPoint {
  id: string;
  at: LonLat;
  colour: string;
  /** Hollow (white with a grey ring): a service with no tie in the colouring by community. */
  hollow?: boolean;
  label: string;
}
export interface Swatch {
  label: string;
  colour: string;
  hollow?: boolean;
}
export interface GeoMapModel {
  title: string;
  quartiers: GeoQuartier[];
  classes: Classes;
  measureTitle: string;
  formatBreak: (value: number) => string;
  noDataLabel: string;
  points: GeoPoint[];
  pointsTitle: string;
  pointLegend: Swatch[];
  ties: Array<readonly [LonLat, LonLat]>;
  tiesLabel: string;
  filterUsed: string;
  attribution: string;
  selected: string | null;
}
export interface GeoMap {
  svg: SVGSVGElement;
  /** Where a quartier's inner point is drawn, in page pixels (tests click there). */
  quartierPoint(code: string): { x: number; y: number } | null;
  /** The figure as a PNG data URL, at `scale` times its size on screen. */
  toPng(scale?: number): Promise<string>;
}

function node<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, ...children: Array<SVGElement | string>): SVGElementTagNameMap[K] {
  const n = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  for (const c of children) n.append(c);
  return n;
}
const text = (x: number, y: number, content: string, attrs: Record<string, string | number> = {}) =>
  node('text', { x, y, 'font-family': FONT, 'font-size': 11, fill: '#1f2328', ...attrs }, content);

/** Splits text into lines of at most `width` pixels (estimated), at spaces. */
function wrap(content: string, width: number, char = CHAR): string[] {
  const most = Math.max(10, Math.floor(width / char));
  const lines: string[] = [];
  let line = '';
  for (const word of content.split(' ')) {
    if (line && (line + ' ' + word).length > most) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

export function drawGeoMap(container: HTMLElement, model: GeoMapModel, onQuartier: (code: string) => void): GeoMap {
  const width = Math.max(300, Math.floor(container.clientWidth || 600));
  const allPoints = model.quartiers.flatMap((q) => q.polygons.flat(2));
  const bbox = bboxOf(allPoints) ?? [4.24, 50.76, 4.48, 50.92];
  const cos = Math.cos((((bbox[1] + bbox[3]) / 2) * Math.PI) / 180);
  const aspect = (bbox[3] - bbox[1]) / Math.max((bbox[2] - bbox[0]) * cos, 1e-9);
  const titleLines = wrap(model.title, width - 16, 7.2);
  const top = 8 + titleLines.length * 17;
  const mapHeight = Math.round(Math.min(Math.max(width * aspect, 260), 620));
  const projection = fitProjection(bbox, width, mapHeight, 14);
  const at = (p: LonLat): [number, number] => {
    const [x, y] = projection.project(p);
    return [x, y + top];
  };

  const svg = node('svg', { xmlns: SVG_NS, width, role: 'img', 'aria-label': model.title });
  svg.append(node('rect', { x: 0, y: 0, width: '100%', height: '100%', fill: '#ffffff' }));
  titleLines.forEach((line, i) => svg.append(text(8, 20 + i * 17, line, { 'font-size': 14, 'font-weight': 600 })));

  // The quartiers: the base map and the choropleth.
  const quartiers = node('g', { class: 'quartiers' });
  const pathOf = (q: GeoQuartier) =>
    q.polygons
      .flatMap((polygon) =>
        polygon.map(
          (ring) =>
            ring
              .map(
                (p, i) =>
                  `${i ? 'L' : 'M'}${at(p)
                    .map((v) => v.toFixed(1))
                    .join(',')}`,
              )
              .join('') + 'Z',
        ),
      )
      .join('');
  for (const q of model.quartiers) {
    const selected = q.code === model.selected;
    const path = node(
      'path',
      {
        class: 'quartier',
        d: pathOf(q),
        fill: colourFor(model.classes, q.value),
        'fill-rule': 'evenodd',
        stroke: selected ? '#d00000' : '#5c6670',
        'stroke-width': selected ? 2.5 : 0.7,
        'data-code': q.code,
        'data-value': q.value === null ? '' : String(q.value),
        tabindex: 0,
        cursor: 'pointer',
      },
      node('title', {}, `${q.name}: ${q.value === null ? model.noDataLabel : model.formatBreak(q.value)}`),
    );
    path.addEventListener('click', () => onQuartier(q.code));
    path.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') onQuartier(q.code);
    });
    quartiers.append(path);
  }
  // The selected quartier's outline on top of its neighbours'.
  const chosen = quartiers.querySelector(`[data-code="${CSS.escape(model.selected ?? '')}"]`);
  if (chosen) quartiers.append(chosen);
  svg.append(quartiers);

  // Ties and services above: they do not take clicks (a click on the map picks a quartier).
  const ties = node('g', { class: 'ties', 'pointer-events': 'none', stroke: '#30363d', 'stroke-opacity': 0.35, 'stroke-width': 0.8 });
  for (const [a, b] of model.ties) {
    const [[x1, y1], [x2, y2]] = [at(a), at(b)];
    ties.append(node('line', { class: 'tie', x1: x1.toFixed(1), y1: y1.toFixed(1), x2: x2.toFixed(1), y2: y2.toFixed(1) }));
  }
  svg.append(ties);
  const points = node('g', { class: 'services', 'pointer-events': 'none' });
  for (const p of model.points) {
    const [cx, cy] = at(p.at);
    points.append(
      node(
        'circle',
        {
          class: 'service',
          'data-service': p.id,
          cx: cx.toFixed(1),
          cy: cy.toFixed(1),
          r: 3.6,
          fill: p.hollow ? '#ffffff' : p.colour,
          stroke: p.hollow ? '#57606a' : '#ffffff',
          'stroke-width': 1,
        },
        node('title', {}, p.label),
      ),
    );
  }
  svg.append(points);

  // Scale bar (bottom left), north arrow (top right), attribution (bottom right).
  const bar = scaleBar(projection.metresPerPixel, Math.min(140, width / 3));
  const by = top + mapHeight - 12;
  svg.append(
    node(
      'g',
      { class: 'scale-bar', 'data-metres': bar.metres },
      node('rect', { x: 10, y: by - 4, width: bar.pixels.toFixed(1), height: 4, fill: '#1f2328' }),
      node('rect', { x: 10 + bar.pixels / 2, y: by - 4, width: (bar.pixels / 2).toFixed(1), height: 4, fill: '#ffffff', stroke: '#1f2328', 'stroke-width': 0.8 }),
      text(10, by - 8, `0`, { 'font-size': 10, stroke: '#fff', 'stroke-width': 3, 'paint-order': 'stroke' }),
      text(10 + bar.pixels, by - 8, bar.label, { 'font-size': 10, 'text-anchor': 'middle', stroke: '#fff', 'stroke-width': 3, 'paint-order': 'stroke' }),
    ),
  );
  svg.append(
    node(
      'g',
      { class: 'north' },
      node('path', { d: `M${width - 18},${top + 8} l6,14 l-6,-4 l-6,4 Z`, fill: '#1f2328' }),
      text(width - 18, top + 34, 'N', { 'text-anchor': 'middle', 'font-size': 10 }),
    ),
  );
  const attribution = wrap(model.attribution, Math.min(width - 20 - bar.pixels, 360), 5.4);
  const attr = node('g', { class: 'attribution' });
  attribution.forEach((line, i) =>
    attr.append(
      text(width - 6, top + mapHeight - 6 - (attribution.length - 1 - i) * 12, line, {
        'font-size': 9.5,
        'text-anchor': 'end',
        fill: '#30363d',
        stroke: '#fff',
        'stroke-width': 3,
        'paint-order': 'stroke',
      }),
    ),
  );
  svg.append(attr);
  svg.append(node('rect', { x: 0.5, y: top + 0.5, width: width - 1, height: mapHeight - 1, fill: 'none', stroke: '#d0d7de' }));

  // The legend and the filter, under the map.
  const legend = node('g', { class: 'legend' });
  let y = top + mapHeight + 20;
  legend.append(text(8, y, model.measureTitle, { 'font-weight': 600 }));
  y += 8;
  const n = model.classes.colours.length;
  // Room for the classes, the no-data box and its label on one line, whatever the width.
  const boxW = Math.min(64, (width - 24 - model.noDataLabel.length * 5.6) / (n + 0.6));
  model.classes.colours.forEach((colour, i) =>
    legend.append(node('rect', { class: 'legend-class', x: 8 + i * boxW, y, width: boxW, height: 12, fill: colour, stroke: '#5c6670', 'stroke-width': 0.5 })),
  );
  model.classes.breaks.forEach((b, i) =>
    legend.append(text(8 + i * boxW, y + 25, model.formatBreak(b), { 'font-size': 10, 'text-anchor': i === 0 ? 'start' : 'middle', class: 'legend-break' })),
  );
  const noDataX = 8 + n * boxW + 12;
  legend.append(node('rect', { x: noDataX, y, width: 24, height: 12, fill: NO_DATA, stroke: '#5c6670', 'stroke-width': 0.5 }));
  legend.append(text(noDataX, y + 25, model.noDataLabel, { 'font-size': 10 }));
  y += 46;
  legend.append(text(8, y, model.pointsTitle, { 'font-weight': 600 }));
  y += 16;
  let x = 8;
  for (const s of model.pointLegend) {
    const w = 16 + s.label.length * CHAR + 12;
    if (x > 8 && x + w > width - 8) {
      x = 8;
      y += 16;
    }
    legend.append(
      node('circle', { class: 'legend-point', cx: x + 5, cy: y - 4, r: 4.5, fill: s.hollow ? '#ffffff' : s.colour, stroke: s.hollow ? '#57606a' : '#ffffff', 'stroke-width': 1 }),
    );
    legend.append(text(x + 14, y, s.label));
    x += w;
  }
  y += 20;
  legend.append(node('line', { x1: 8, y1: y - 4, x2: 26, y2: y - 4, stroke: '#30363d', 'stroke-opacity': 0.6, 'stroke-width': 1.2 }));
  legend.append(text(32, y, model.tiesLabel));
  y += 18;
  for (const line of wrap(model.filterUsed, width - 16)) {
    legend.append(text(8, y, line, { class: 'legend-filter' }));
    y += 14;
  }
  svg.append(legend);
  const height = Math.ceil(y + 4);
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  container.replaceChildren(svg);

  const inner = new Map(model.quartiers.map((q) => [q.code, q.inner]));
  return {
    svg,
    quartierPoint(code) {
      const p = inner.get(code);
      if (!p) return null;
      const box = svg.getBoundingClientRect();
      const k = box.width / width;
      const [px, py] = at(p);
      return { x: box.left + px * k, y: box.top + py * k };
    },
    async toPng(scale = 2) {
      const source = new XMLSerializer().serializeToString(svg);
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const g = canvas.getContext('2d');
      if (!g) throw new Error('no 2D canvas');
      g.fillStyle = '#ffffff';
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.drawImage(img, 0, 0, canvas.width, canvas.height);
      return canvas.toDataURL('image/png');
    },
  };
}
