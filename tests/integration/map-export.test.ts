/**
 * GIS exports on the demo graph (seed 42), read back with GDAL (pyogrio) as QGIS would open them:
 * the SUD zone's quartiers as polygons with the network's figures, and its services and ties as
 * points and lines. Geometries are compared with the source file's, figures with the export's counts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { quartierFigures } from '../../src/modules/exports/map';
import { DATA_DIR, QUARTIERS } from '../../src/seed/brussels';
import { codes, useDemoApi } from '../helpers/api';
import { readWithGdal } from '../helpers/gis';

const demo = useDemoApi();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'map-export-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function exported(format: string): Promise<{ file: string; nodes: number; edges: number }> {
  const { data, errors } = await demo().run<{ networkExport: { content: string; nodes: number; edges: number } }>(
    `{ networkExport(territory: { zone: "SUD" }, format: ${format}) { content nodes edges } }`,
  );
  expect(errors).toBeUndefined();
  const file = path.join(dir, `${format}.geojson`);
  fs.writeFileSync(file, data!.networkExport.content);
  return { file, nodes: data!.networkExport.nodes, edges: data!.networkExport.edges };
}

describe('the quartiers of a zone, with the network figures (GEOJSON_QUARTIERS)', () => {
  it("GDAL reads a WGS84 polygon layer of the zone's 40 quartiers, with the source geometries", async () => {
    const { file, nodes, edges } = await exported('GEOJSON_QUARTIERS');
    const layer = readWithGdal(file);
    expect(layer.driver).toBe('GeoJSON');
    expect(['EPSG:4326', 'OGC:CRS84']).toContain(layer.crs);
    expect(layer.geometryType).toBe('MultiPolygon'); // one type for the layer: polygons are promoted
    const sud = QUARTIERS.filter((q) => q.zone.zoneCode === 'SUD');
    expect(layer.features.map((f) => f.properties.code).sort()).toEqual(sud.map((q) => q.code).sort());
    // Geometries as GDAL read them are the source file's polygons, vertex for vertex.
    const source = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'grids/monitoring_quartiers_simplified15m_wgs84.geojson'), 'utf8')) as {
      features: Array<{ properties: { code: number }; geometry: { type: string; coordinates: unknown } }>;
    };
    const shapeOf = new Map(
      source.features.map((f) => [String(f.properties.code), f.geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [f.geometry.coordinates] } : f.geometry]),
    );
    const differing = layer.features.filter((f) => JSON.stringify(f.geometry) !== JSON.stringify(shapeOf.get(String(f.properties.code))));
    expect(differing.map((f) => f.properties.code)).toEqual([]);
    // Every service of the export is in one of the zone's quartiers; every tie is inside one or
    // between two of them (so counted once inside, or once at each end).
    const sum = (name: string) => layer.features.reduce((s, f) => s + Number(f.properties[name]), 0);
    expect(sum('services')).toBe(nodes);
    expect(sum('ties_inside') + sum('ties_outside') / 2).toBe(edges);
    // The cold data beside it, as in the source file (a quartier without people has 0, not null).
    const population = new Map(
      fs
        .readFileSync(path.join(DATA_DIR, 'indicators/population_2019_quartiers_summed.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .map(([code, , , v]) => [code!, v === '' ? null : Number(v)]),
    );
    expect(layer.features.filter((f) => f.properties.population_2019 !== population.get(String(f.properties.code)))).toEqual([]);
    const withShare = layer.features.filter((f) => Number(f.properties.services) > 0);
    expect(withShare.every((f) => f.properties.share_without_tie === Math.round((Number(f.properties.services_without_tie) / Number(f.properties.services)) * 1000) / 1000)).toBe(
      true,
    );
  }, 120_000);

  it('counts by hand on a graph of three services in two quartiers', () => {
    // a, b in Q1; c in Q2; ties a–b (inside Q1) and b–c (Q1 to Q2); d in Q2 has no tie.
    const figures = quartierFigures(
      {
        nodes: ['a', 'b', 'c', 'd'].map((id) => ({ id })),
        edges: [
          { source: 'a', target: 'b' },
          { source: 'b', target: 'c' },
        ] as never,
      },
      new Map([
        ['a', 'Q1'],
        ['b', 'Q1'],
        ['c', 'Q2'],
        ['d', 'Q2'],
      ]),
    );
    expect(Object.fromEntries(figures)).toEqual({
      Q1: { services: 2, servicesWithoutTie: 0, tiesInside: 1, tiesOutside: 1 },
      Q2: { services: 2, servicesWithoutTie: 1, tiesInside: 0, tiesOutside: 1 },
    });
  });
});

describe('services and ties (GEOJSON_TIES)', () => {
  it('GDAL reads one point per service and one line per tie, each line ending at its services', async () => {
    const { file, nodes, edges } = await exported('GEOJSON_TIES');
    const layer = readWithGdal(file);
    expect(['EPSG:4326', 'OGC:CRS84']).toContain(layer.crs);
    const points = layer.features.filter((f) => f.geometry?.type === 'Point');
    const lines = layer.features.filter((f) => f.geometry?.type === 'LineString');
    expect([points.length, lines.length]).toEqual([nodes, edges]);
    const at = new Map(points.map((p) => [p.properties.id, JSON.stringify(p.geometry!.coordinates)]));
    const astray = lines.filter((l) => {
      const [a, b] = l.geometry!.coordinates as unknown[];
      return JSON.stringify(a) !== at.get(l.properties.source) || JSON.stringify(b) !== at.get(l.properties.target);
    });
    expect(astray).toEqual([]);
  }, 120_000);

  it('a people-level map is BAD_USER_INPUT naming the level', async () => {
    const { errors } = await demo().run('{ networkExport(territory: { zone: "SUD" }, format: GEOJSON_TIES, level: PEOPLE) { nodes } }');
    expect(codes(errors)).toEqual(['BAD_USER_INPUT']);
    expect(errors?.[0]?.extensions?.argument).toBe('level');
  });
});

describe('gaps where need is highest (cold data beside warm data)', () => {
  type G = { sectorA: { code: string }; sectorB: { code: string }; unconnectedServices: number; need: number | null };
  const key = (g: G) => `${g.sectorA.code}|${g.sectorB.code}|${g.unconnectedServices}`;

  it('the same gaps, each with the need of the services it leaves unconnected, ranked by it', async () => {
    const q = (need: string) => `{ gaps(territory: { zone: "SUD" }, first: 500${need}) { sectorA { code } sectorB { code } unconnectedServices need } }`;
    const plain = await demo().run<{ gaps: G[] }>(q(''));
    const weighted = await demo().run<{ gaps: G[] }>(q(', need: { indicator: "population", year: 2019 }'));
    const income = await demo().run<{ gaps: G[] }>(q(', need: { indicator: "median_taxable_income_per_declaration", year: 2019, direction: LOW }'));
    expect([plain.errors, weighted.errors, income.errors]).toEqual([undefined, undefined, undefined]);
    expect(plain.data!.gaps.every((g) => g.need === null)).toBe(true);
    for (const ranked of [weighted.data!.gaps, income.data!.gaps]) {
      expect(ranked.map(key).sort()).toEqual(plain.data!.gaps.map(key).sort());
      expect(ranked.every((g) => g.need !== null && g.need > 0)).toBe(true);
      expect(ranked.map((g) => g.need)).toEqual([...ranked.map((g) => g.need!)].sort((a, b) => b - a));
    }
    // Weights average 1 over the zone's services, so a gap's need is of the order of its count.
    const total = (gs: G[], f: (g: G) => number) => gs.reduce((s, g) => s + f(g), 0);
    expect(total(weighted.data!.gaps, (g) => g.need!) / total(weighted.data!.gaps, (g) => g.unconnectedServices)).toBeGreaterThan(0.5);
  });

  it('recommendations with a need weight propose the gaps where need is highest, scored by it', async () => {
    const need = 'need: { indicator: "population", year: 2019 }';
    const { data, errors } = await demo().run<{
      gaps: G[];
      recommendations: Array<{ kind: string; sectorA: { code: string } | null; sectorB: { code: string } | null; score: number; reason: string }>;
    }>(`{
      gaps(territory: { zone: "SUD" }, first: 3, ${need}) { sectorA { code } sectorB { code } unconnectedServices need }
      recommendations(initiative: "ini-connect", territory: { zone: "SUD" }, first: 3, ${need}) { kind sectorA { code } sectorB { code } score reason(lang: FR) }
    }`);
    expect(errors).toBeUndefined();
    const mixes = data!.recommendations.filter((r) => r.kind === 'SECTOR_MIX');
    expect(mixes.map((r) => [r.sectorA?.code, r.sectorB?.code, r.score])).toEqual(data!.gaps.map((g) => [g.sectorA.code, g.sectorB.code, g.need]));
    expect(mixes[0]?.reason).toContain('Besoin pondéré (population 2019)');
  });

  it('a bad indicator name is BAD_USER_INPUT naming need.indicator', async () => {
    const { errors } = await demo().run('{ gaps(territory: { zone: "SUD" }, need: { indicator: "Population!", year: 2019 }) { need } }');
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'need.indicator' });
  });
});

describe('quartierFigures: the export’s figures through GraphQL, for the dashboard’s map', () => {
  type Figures = {
    neighbourhood: { code: string };
    services: number;
    servicesWithoutTie: number;
    shareWithoutTie: number | null;
    tiesInside: number;
    tiesOutside: number;
    eiIndex: number | null;
    crossBorderTies: number;
    languageBorderShare: number | null;
  };
  it('equal the GEOJSON_QUARTIERS export’s for every quartier of SUD, under the default filter and with every tie', async () => {
    for (const ties of ['', ', ties: { minWeight: 0 }']) {
      const { data, errors } = await demo().run<{ networkExport: { content: string }; quartierFigures: { quartiers: Figures[] } }>(
        `{ networkExport(territory: { zone: "SUD" }, format: GEOJSON_QUARTIERS${ties}) { content }
           quartierFigures(territory: { zone: "SUD" }${ties}) { quartiers { neighbourhood { code } services servicesWithoutTie shareWithoutTie tiesInside tiesOutside eiIndex crossBorderTies languageBorderShare } } }`,
      );
      expect(errors).toBeUndefined();
      const layer = JSON.parse(data!.networkExport.content) as { features: Array<{ properties: Record<string, number | string | null> }> };
      const pick = (p: Record<string, unknown>) => [p.services, p.servicesWithoutTie, p.shareWithoutTie, p.tiesInside, p.tiesOutside];
      const fromExport = Object.fromEntries(
        layer.features.map((f) => [
          String(f.properties.code),
          pick({
            services: f.properties.services,
            servicesWithoutTie: f.properties.services_without_tie,
            shareWithoutTie: f.properties.share_without_tie,
            tiesInside: f.properties.ties_inside,
            tiesOutside: f.properties.ties_outside,
          }),
        ]),
      );
      const quartiers = data!.quartierFigures.quartiers;
      // The export rounds the share to three decimals.
      const fromApi = Object.fromEntries(
        quartiers.map((q) => [q.neighbourhood.code, pick({ ...q, shareWithoutTie: q.shareWithoutTie === null ? null : Math.round(q.shareWithoutTie * 1000) / 1000 })]),
      );
      expect(fromApi).toEqual(fromExport);
      // E-I and the border share: defined exactly where the quartier has ties, within their ranges.
      for (const q of quartiers) {
        const tied = q.tiesInside + q.tiesOutside > 0;
        expect([q.neighbourhood.code, q.eiIndex !== null, q.languageBorderShare !== null]).toEqual([q.neighbourhood.code, tied, tied]);
        if (q.eiIndex !== null) expect(Math.abs(q.eiIndex)).toBeLessThanOrEqual(1);
        if (q.languageBorderShare !== null) expect(q.languageBorderShare).toBeCloseTo(q.crossBorderTies / (q.tiesInside + q.tiesOutside), 12);
      }
      expect(quartiers.some((q) => q.eiIndex !== null)).toBe(true);
    }
  }, 120_000);

  it('asked again, they come from the analytics cache: the quartiers are not read again', async () => {
    const query = '{ quartierFigures(territory: { zone: "SUD" }) { quartiers { services tiesInside } } }';
    const first = await demo().run(query);
    const again = await demo().run(query);
    expect(again.data).toEqual(first.data);
    // The scope's check (the zone) and the graph version, nothing else.
    expect(again.roundTrips).toBe(2);
  }, 60_000);

  it('a zone key reads its own zone’s, not another’s', async () => {
    const as = { role: 'zone' as const, zone: 'SUD', keyId: 'k-map' };
    const own = await demo().run<{ quartierFigures: { quartiers: unknown[] } }>('{ quartierFigures(territory: { zone: "SUD" }) { quartiers { services } } }', {}, { as });
    expect(own.errors).toBeUndefined();
    expect(own.data!.quartierFigures.quartiers.length).toBe(QUARTIERS.filter((q) => q.zone.zoneCode === 'SUD').length);
    const other = await demo().run('{ quartierFigures(territory: { zone: "NORD" }) { quartiers { services } } }', {}, { as });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  }, 60_000);
});
