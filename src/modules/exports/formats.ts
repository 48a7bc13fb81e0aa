/**
 * Export formats, each written as a stream of chunks (`write`), so a large network never sits in
 * memory as one string: GEXF 1.3 (attributes, viz colours by sector, dynamic spells for Gephi's
 * timeline), GraphML, CSV nodes + edges (Gephi headers), Cytoscape.js JSON, GeoJSON (services as
 * points; ties aggregated between municipality centroids as lines).
 */
import type { ExportGraph } from './graph';

export type Write = (chunk: string) => void;

const xml = (s: unknown) =>
  String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

import { colourOf } from '../common/sector-colours';

const NODE_ATTRIBUTES = ['sector', 'zone', 'municipality', 'language'] as const;

export function writeGexf(g: ExportGraph, write: Write): void {
  write('<?xml version="1.0" encoding="UTF-8"?>\n');
  write('<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">\n');
  write(`  <meta><creator>brussels-network-graph</creator><description>${xml(`${g.level.toLowerCase()} network${g.pseudonymised ? ', pseudonymised' : ''}`)}</description></meta>\n`);
  write('  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date">\n');
  write('    <attributes class="node">\n');
  NODE_ATTRIBUTES.forEach((a, i) => write(`      <attribute id="${i}" title="${a}" type="string"/>\n`));
  write(`      <attribute id="${NODE_ATTRIBUTES.length}" title="community" type="integer"/>\n`);
  write('    </attributes>\n    <attributes class="edge">\n');
  write('      <attribute id="0" title="strength" type="integer"/>\n      <attribute id="1" title="suppressed" type="boolean"/>\n      <attribute id="2" title="initiatives" type="string"/>\n');
  write('      <attribute id="3" title="weightedStrength" type="double"/>\n');
  write('    </attributes>\n    <nodes>\n');
  for (const n of g.nodes) {
    const [r, gr, b] = colourOf(n.sector);
    write(`      <node id="${xml(n.id)}" label="${xml(n.label)}"${n.start ? ` start="${n.start}"` : ''}>\n        <attvalues>`);
    NODE_ATTRIBUTES.forEach((a, i) => write(`<attvalue for="${i}" value="${xml(n[a] ?? '')}"/>`));
    if (n.community !== null) write(`<attvalue for="${NODE_ATTRIBUTES.length}" value="${n.community}"/>`);
    write(`</attvalues>\n        <viz:color r="${r}" g="${gr}" b="${b}"/>\n      </node>\n`);
  }
  write('    </nodes>\n    <edges>\n');
  g.edges.forEach((e, i) => {
    write(`      <edge id="e${i}" source="${xml(e.source)}" target="${xml(e.target)}" weight="${e.weight}" start="${e.start}">\n`);
    write(`        <attvalues><attvalue for="0" value="${e.suppressed ? '' : e.weight}"/><attvalue for="1" value="${e.suppressed}"/><attvalue for="2" value="${xml(e.initiatives.join(';'))}"/><attvalue for="3" value="${e.tieWeight ?? ''}"/></attvalues>\n`);
    // One spell per encounter date: Gephi's timeline replays the network growing.
    write(`        <spells>${[...new Set(e.dates)].map((d) => `<spell start="${d}"/>`).join('')}</spells>\n      </edge>\n`);
  });
  write('    </edges>\n  </graph>\n</gexf>\n');
}

export function writeGraphml(g: ExportGraph, write: Write): void {
  write('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n');
  NODE_ATTRIBUTES.forEach((a) => write(`  <key id="${a}" for="node" attr.name="${a}" attr.type="string"/>\n`));
  write('  <key id="label" for="node" attr.name="label" attr.type="string"/>\n');
  write('  <key id="community" for="node" attr.name="community" attr.type="int"/>\n');
  write('  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n  <key id="suppressed" for="edge" attr.name="suppressed" attr.type="boolean"/>\n');
  write('  <key id="start" for="edge" attr.name="start" attr.type="string"/>\n  <key id="initiatives" for="edge" attr.name="initiatives" attr.type="string"/>\n');
  write('  <key id="weightedStrength" for="edge" attr.name="weightedStrength" attr.type="double"/>\n');
  write('  <graph id="G" edgedefault="undirected">\n');
  for (const n of g.nodes) {
    write(`    <node id="${xml(n.id)}"><data key="label">${xml(n.label)}</data>`);
    for (const a of NODE_ATTRIBUTES) write(`<data key="${a}">${xml(n[a] ?? '')}</data>`);
    if (n.community !== null) write(`<data key="community">${n.community}</data>`);
    write('</node>\n');
  }
  g.edges.forEach((e, i) =>
    write(
      `    <edge id="e${i}" source="${xml(e.source)}" target="${xml(e.target)}"><data key="weight">${e.weight}</data><data key="suppressed">${e.suppressed}</data><data key="start">${e.start}</data><data key="initiatives">${xml(e.initiatives.join(';'))}</data>${e.tieWeight === null ? '' : `<data key="weightedStrength">${e.tieWeight}</data>`}</edge>\n`,
    ),
  );
  write('  </graph>\n</graphml>\n');
}

const csvCell = (v: unknown) => {
  const s = String(v ?? '');
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Gephi's spreadsheet import: nodes (Id, Label, …) and edges (Source, Target, Type, Weight, …). */
export function writeCsvNodes(g: ExportGraph, write: Write): void {
  write('Id,Label,Sector,Zone,Municipality,Language,Start,Community\n');
  for (const n of g.nodes) write(`${[n.id, n.label, n.sector, n.zone, n.municipality, n.language, n.start, n.community].map(csvCell).join(',')}\n`);
}

export function writeCsvEdges(g: ExportGraph, write: Write): void {
  write('Source,Target,Type,Weight,Suppressed,Start,End,Initiatives,WeightedStrength\n');
  for (const e of g.edges) write(`${[e.source, e.target, 'Undirected', e.weight, e.suppressed, e.start, e.end, e.initiatives.join(';'), e.tieWeight].map(csvCell).join(',')}\n`);
}

export function writeCytoscape(g: ExportGraph, write: Write): void {
  write('{"elements":{"nodes":[');
  g.nodes.forEach((n, i) => write(`${i ? ',' : ''}${JSON.stringify({ data: { id: n.id, label: n.label, sector: n.sector, zone: n.zone, municipality: n.municipality, language: n.language, community: n.community, colour: `rgb(${colourOf(n.sector).join(',')})` } })}`));
  write('],"edges":[');
  g.edges.forEach((e, i) => write(`${i ? ',' : ''}${JSON.stringify({ data: { id: `e${i}`, source: e.source, target: e.target, weight: e.weight, weightedStrength: e.tieWeight, suppressed: e.suppressed, start: e.start, end: e.end } })}`));
  write(']}}\n');
}

/** Services with coordinates as points; ties aggregated between municipality centroids as lines. */
export function writeGeojson(g: ExportGraph, centroids: Map<string, [number, number]>, write: Write): void {
  write('{"type":"FeatureCollection","features":[');
  let first = true;
  const feature = (f: unknown) => {
    write(`${first ? '' : ','}\n${JSON.stringify(f)}`);
    first = false;
  };
  if (g.level === 'SERVICES') {
    for (const n of g.nodes) {
      if (n.lat === null || n.lon === null) continue;
      feature({ type: 'Feature', geometry: { type: 'Point', coordinates: [n.lon, n.lat] }, properties: { id: n.id, label: n.label, sector: n.sector, zone: n.zone, municipality: n.municipality, language: n.language, community: n.community } });
    }
  }
  const municipalityOf = new Map(g.nodes.map((n) => [n.id, n.municipality]));
  const lines = new Map<string, { ties: number; strength: number }>();
  for (const e of g.edges) {
    const [a, b] = [municipalityOf.get(e.source), municipalityOf.get(e.target)].sort() as [string | null, string | null];
    if (!a || !b || a === b) continue;
    const line = lines.get(`${a}|${b}`) ?? { ties: 0, strength: 0 };
    line.ties += 1;
    line.strength += e.weight;
    lines.set(`${a}|${b}`, line);
  }
  for (const [key, line] of lines) {
    const [a, b] = key.split('|') as [string, string];
    const [ca, cb] = [centroids.get(a), centroids.get(b)];
    if (!ca || !cb) continue;
    feature({ type: 'Feature', geometry: { type: 'LineString', coordinates: [ca, cb] }, properties: { from: a, to: b, ties: line.ties, strength: line.strength } });
  }
  write('\n]}\n');
}
