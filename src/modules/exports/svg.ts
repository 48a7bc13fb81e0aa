/**
 * A network map as SVG for reports: layout computed on the server (ForceAtlas2 from graphology,
 * started from a deterministic circle so the same network gives the same picture), nodes coloured
 * by sector, a legend, and the title.
 */
import Graph from 'graphology';
import { forceLayout } from '../common/force-layout';
import { colourOf } from '../common/sector-colours';
import type { Write } from './formats';
import type { ExportGraph } from './graph';

const WIDTH = 1000;
const HEIGHT = 760;
const MAP = { x: 20, y: 60, w: 720, h: 680 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function layout(g: ExportGraph): Map<string, { x: number; y: number }> {
  const graph = new Graph({ type: 'undirected' });
  for (const n of g.nodes) graph.mergeNode(n.id);
  for (const e of g.edges) if (e.source !== e.target && graph.hasNode(e.source) && graph.hasNode(e.target)) graph.mergeEdge(e.source, e.target, { weight: e.weight });
  forceLayout(graph);
  const xs = graph.mapNodes((_, a) => a.x as number);
  const ys = graph.mapNodes((_, a) => a.y as number);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = (v: number, lo: number, hi: number, size: number) => (hi > lo ? ((v - lo) / (hi - lo)) * (size - 40) + 20 : size / 2);
  const out = new Map<string, { x: number; y: number }>();
  graph.forEachNode((id, a) => out.set(id, { x: MAP.x + scale(a.x as number, minX, maxX, MAP.w), y: MAP.y + scale(a.y as number, minY, maxY, MAP.h) }));
  return out;
}

export function writeSvg(g: ExportGraph, title: string, sectorNames: Map<string, string>, write: Write): void {
  const at = layout(g);
  write(`<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif">\n`);
  write(`<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>\n<text x="20" y="36" font-size="20" fill="#222">${esc(title)}</text>\n`);
  write('<g stroke="#9aa0a6" stroke-opacity="0.6">\n');
  const maxWeight = Math.max(1, ...g.edges.map((e) => e.weight));
  for (const e of g.edges) {
    const [a, b] = [at.get(e.source), at.get(e.target)];
    if (a && b) write(`<line x1="${a.x.toFixed(1)}" y1="${a.y.toFixed(1)}" x2="${b.x.toFixed(1)}" y2="${b.y.toFixed(1)}" stroke-width="${(0.5 + (2.5 * e.weight) / maxWeight).toFixed(2)}"/>\n`);
  }
  write('</g>\n<g stroke="#ffffff" stroke-width="0.8">\n');
  for (const n of g.nodes) {
    const p = at.get(n.id);
    if (p) write(`<circle cx="${p.x.toFixed(1)}" cy="${p.y.toFixed(1)}" r="5" fill="rgb(${colourOf(n.sector).join(',')})"><title>${esc(n.label)}</title></circle>\n`);
  }
  write('</g>\n');
  const sectors = [...new Set(g.nodes.map((n) => n.sector))].sort();
  write(`<g font-size="13" fill="#222"><text x="760" y="80" font-size="15" font-weight="bold">Secteurs / Sectoren</text>\n`);
  sectors.forEach((s, i) => {
    const y = 104 + i * 22;
    write(`<circle cx="770" cy="${y - 4}" r="7" fill="rgb(${colourOf(s).join(',')})"/><text x="784" y="${y}">${esc(sectorNames.get(s) ?? s)}</text>\n`);
  });
  write(`<text x="760" y="${116 + sectors.length * 22}" fill="#555">${g.nodes.length} nœuds / knopen, ${g.edges.length} liens / banden</text></g>\n</svg>\n`);
}
