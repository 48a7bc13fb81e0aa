/**
 * Network exports on tests/fixtures/network-small.cypher (5 SUD services, 5 ties inside SUD), each
 * parsed back with a well-kept reader and compared node by node and edge by edge with the
 * acquaintances query; the SVG rasterised and its pixels checked; people pseudonymised by default.
 */
import { Resvg } from '@resvg/resvg-js';
import { parse as parseCsv } from 'csv-parse/sync';
import Graph from 'graphology';
import gexf from 'graphology-gexf';
import graphml from 'graphology-graphml';
import type { Principal } from '../../src/access/principal';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { createApiKey } from '../../src/access/api-keys';
import { closeTestDb, loadFixture, resetGraph, testDb } from '../helpers/db';
import { testApi, useHttpServer, type TestApi } from '../helpers/api';

let api: TestApi;
const observatory: Principal = { role: 'observatory', keyId: 'k-obs' };

async function exported(format: string, level = 'SERVICES', as?: Principal): Promise<string> {
  const res = await api.run<{ networkExport: { content: string; nodes: number } }>(
    `{ networkExport(territory: { zone: "SUD" }, level: ${level}, format: ${format}) { content nodes } }`,
    {},
    as ? { as } : {},
  );
  expect(res.errors).toBeUndefined();
  return res.data!.networkExport.content;
}

let expected: { nodes: string[]; edges: Array<[string, string, number]>; weighted: Array<[string, string, number]> };

beforeAll(async () => {
  await resetGraph();
  await loadFixture('network-small');
  await testDb().write({
    name: 'test.coords',
    text: 'MATCH (s:Service) SET s.lat = 50.81, s.lon = 4.32 WITH 1 AS x MATCH (m:Municipality) SET m.lat = 50.8 + size(m.nis) / 1000.0, m.lon = 4.3 + toInteger(m.nis) % 10 / 100.0',
  });
  await rebuildAllTies(testDb());
  api = await testApi();
  const acq = await api.run<{
    acquaintances: { services: Array<{ id: string }>; nodes: Array<{ a: { nameFr: string }; b: { nameFr: string }; strength: number; count: number }> };
  }>('{ acquaintances(territory: { zone: "SUD" }, first: 100) { services { nameFr } nodes { a { nameFr } b { nameFr } strength count } } }');
  const id = (name: string) => `s${name.slice(-1)}`;
  expected = {
    nodes: ['sA', 'sB', 'sC', 'sD', 'sF'],
    // The layout weight is the encounter count; the weighted strength travels beside it.
    edges: acq.data!.acquaintances.nodes.map((t) => [id(t.a.nameFr), id(t.b.nameFr), t.count] as [string, string, number]).sort(),
    weighted: acq.data!.acquaintances.nodes.map((t) => [id(t.a.nameFr), id(t.b.nameFr), t.strength] as [string, string, number]).sort(),
  };
  expect(expected.edges).toHaveLength(5);
});
afterAll(async () => {
  await api.server.stop();
  await closeTestDb();
});

const edgesOf = (g: Graph, weightKey = 'weight') => g.mapEdges((_, attr, s, t) => [...[s, t].sort(), Number(attr[weightKey])] as [string, string, number]).sort();

describe('round trips', () => {
  it('GEXF 1.3 parses back to the same nodes, edges, weights, attributes and spells', async () => {
    const text = await exported('GEXF');
    expect(text).toContain('version="1.3"');
    const g = gexf.parse(Graph, text);
    expect(g.nodes().sort()).toEqual(expected.nodes);
    expect(edgesOf(g)).toEqual(expected.edges);
    expect(edgesOf(g, 'weightedStrength')).toEqual(expected.weighted);
    expect(g.getNodeAttributes('sB')).toMatchObject({ label: 'Service sB', sector: 'DISABILITY', zone: 'SUD', municipality: '21007', language: 'NL' });
    expect(g.getNodeAttribute('sA', 'color')).toBe('rgb(31,119,180)'); // mental health
    // sA–sB met twice: one spell per encounter date, for Gephi's timeline.
    expect(text).toMatch(/source="sA" target="sB"[^]*?<spells><spell start="2023-03-01"\/><spell start="2023-05-10"\/><\/spells>/);
  });

  it('GraphML parses back the same', async () => {
    const g = graphml.parse(Graph, await exported('GRAPHML'));
    expect(g.nodes().sort()).toEqual(expected.nodes);
    expect(edgesOf(g)).toEqual(expected.edges);
    expect(edgesOf(g, 'weightedStrength')).toEqual(expected.weighted);
    expect(g.getNodeAttribute('sC', 'sector')).toBe('HOUSING');
    // Communities as `communities` finds them in SUD (tests/integration/communities.test.ts): {sA, sB}, {sC, sD}; sF has no tie.
    expect(['sA', 'sB', 'sC', 'sD'].map((id) => g.getNodeAttribute(id, 'community') as unknown)).toEqual([1, 1, 2, 2]);
    expect(g.getNodeAttribute('sF', 'community')).toBeUndefined();
  });

  it('CSV nodes and edges with Gephi headers', async () => {
    const nodes = parseCsv<Record<string, string>>(await exported('CSV_NODES'), { columns: true });
    const edges = parseCsv<Record<string, string>>(await exported('CSV_EDGES'), { columns: true });
    expect(nodes.map((n) => n.Id).sort()).toEqual(expected.nodes);
    expect(Object.keys(nodes[0]!)).toEqual(['Id', 'Label', 'Sector', 'Zone', 'Municipality', 'Language', 'Start', 'Community']);
    expect(nodes.map((n) => `${n.Id}:${n.Community}`).sort()).toEqual(['sA:1', 'sB:1', 'sC:2', 'sD:2', 'sF:']); // Gephi colours by it
    expect(edges.map((e) => [...[e.Source!, e.Target!].sort(), Number(e.Weight)]).sort()).toEqual(expected.edges);
    expect(edges.every((e) => e.Type === 'Undirected')).toBe(true);
  });

  it('Cytoscape.js JSON', async () => {
    const cy = JSON.parse(await exported('CYTOSCAPE')) as {
      elements: { nodes: Array<{ data: { id: string } }>; edges: Array<{ data: { source: string; target: string; weight: number } }> };
    };
    expect(cy.elements.nodes.map((n) => n.data.id).sort()).toEqual(expected.nodes);
    expect(cy.elements.edges.map((e) => [...[e.data.source, e.data.target].sort(), e.data.weight]).sort()).toEqual(expected.edges);
  });

  it('GeoJSON: services as points', async () => {
    const geo = JSON.parse(await exported('GEOJSON')) as { features: Array<{ geometry: { type: string; coordinates: number[] }; properties: { id?: string } }> };
    const points = geo.features.filter((f) => f.geometry.type === 'Point');
    expect(points.map((p) => p.properties.id).sort()).toEqual(expected.nodes);
    expect(points[0]?.geometry.coordinates).toEqual([4.32, 50.81]);
    // All five SUD services sit in one municipality (Forest): no line between municipalities.
    expect(geo.features.filter((f) => f.geometry.type === 'LineString')).toEqual([]);
  });

  it('the SVG map renders, with a node per service and a legend by sector', async () => {
    const svg = await exported('SVG');
    expect(svg.match(/<circle cx="[\d.]+" cy="[\d.]+" r="5"/g)).toHaveLength(5);
    expect(svg).toContain('Santé mentale');
    const png = new Resvg(svg, { fitTo: { mode: 'original' } }).render();
    expect([png.width, png.height]).toEqual([1000, 760]);
    // The legend swatch of mental health (at 770, 100) is drawn in its colour.
    const px = (x: number, y: number) => Array.from(png.pixels.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 3));
    const swatches = [...svg.matchAll(/<circle cx="770" cy="(\d+)" r="7" fill="rgb\((\d+),(\d+),(\d+)\)"/g)];
    expect(swatches.length).toBe(3); // DISABILITY, HOUSING, MENTAL_HEALTH
    for (const [, cy, r, g, b] of swatches) expect(px(770, Number(cy))).toEqual([Number(r), Number(g), Number(b)]);
    expect(px(5, 5)).toEqual([255, 255, 255]); // white background
  });
});

describe('people', () => {
  it('are pseudonymised by default, with small counts suppressed; analysts see names', async () => {
    const obs = JSON.parse(await exported('CYTOSCAPE', 'PEOPLE', observatory)) as {
      elements: { nodes: Array<{ data: { id: string; label: string } }>; edges: Array<{ data: { weight: number; suppressed: boolean } }> };
    };
    expect(obs.elements.nodes.length).toBeGreaterThan(0);
    expect(obs.elements.nodes.every((n) => /^psn_/.test(n.data.id) && n.data.label === n.data.id)).toBe(true);
    expect(JSON.stringify(obs)).not.toMatch(/Person [a-z]\d/);
    expect(obs.elements.edges.every((e) => e.data.suppressed && e.data.weight === 1)).toBe(true); // every pair met < 5 times
    const analyst = JSON.parse(await exported('CYTOSCAPE', 'PEOPLE')) as { elements: { nodes: Array<{ data: { label: string } }> } };
    expect(analyst.elements.nodes.map((n) => n.data.label)).toContain('Person a1');
  });

  it('zone keys cannot export people', async () => {
    const res = await api.run('{ networkExport(territory: { zone: "SUD" }, level: PEOPLE, format: GEXF) { nodes } }', {}, { as: { role: 'zone', zone: 'SUD' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('HTTP download', () => {
  const url = useHttpServer();

  it('streams the file for a key holder, refuses without one', async () => {
    const { key } = await createApiKey(testDb(), 'observatory');
    const res = await fetch(`${url()}/exports/network?zone=SUD&format=GEXF`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/gexf+xml');
    expect(res.headers.get('content-disposition')).toContain('network-services.gexf');
    const g = gexf.parse(Graph, await res.text());
    expect(g.order).toBe(5);
    expect((await fetch(`${url()}/exports/network?zone=SUD&format=GEXF`)).status).toBe(403);
    expect((await fetch(`${url()}/exports/network?zone=SUD&format=PDF`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(400);
  });

  it('takes the tie filter as parameters, the same as the GraphQL field (whose url carries it)', async () => {
    const { key } = await createApiKey(testDb(), 'analyst');
    // Above 0.5: sA–sB (1), sA–sD and sC–sD (2/3) stay; sA–sC and sB–sC (1/3) go.
    const res = await api.run<{ networkExport: { edges: number; url: string; appliedTieFilter: { minWeight: number; isDefault: boolean } } }>(
      '{ networkExport(territory: { zone: "SUD" }, format: CSV_EDGES, ties: { minWeight: 0.5, excludeInitiativeKinds: [NETWORK_EVENT] }) { edges url appliedTieFilter { minWeight isDefault } } }',
    );
    expect(res.data?.networkExport).toMatchObject({ edges: 3, appliedTieFilter: { minWeight: 0.5, isDefault: false } });
    expect(res.data?.networkExport.url).toContain('minWeight=0.5&excludeInitiativeKinds=NETWORK_EVENT');
    const csv = await (await fetch(`${url()}${res.data!.networkExport.url}`, { headers: { authorization: `Bearer ${key}` } })).text();
    expect(csv.trim().split('\n')).toHaveLength(1 + 3);
    // Only visits: sA–sD (a2 at v1); sD–sE lies outside SUD.
    const visits = await (await fetch(`${url()}/exports/network?zone=SUD&format=CSV_EDGES&evidence=VISIT`, { headers: { authorization: `Bearer ${key}` } })).text();
    expect(
      visits
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(',').slice(0, 2).join('-')),
    ).toEqual(['sA-sD']);
    expect((await fetch(`${url()}/exports/network?zone=SUD&minWeight=abc`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(400);
    expect((await fetch(`${url()}/exports/network?zone=SUD&evidence=RUMOUR`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(400);
  });
});
