/**
 * The real grid by import, and geography in the API. The graph starts with the region, zones and
 * municipalities of the demo territory (no quartiers); `monitoring-grid` then imports the shared
 * GeoJSON of the 145 quartiers as a user would, and must give what the demo seed gives (the facts of
 * src/seed/brussels.ts, read from the same files). Then sectors, indicators, and the API's geometry,
 * territoryAt and indicators for a key of each role.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROLES, type Principal, type Role } from '../../src/access/principal';
import { cypher } from '../../src/neo4j/driver';
import { DATA_DIR, QUARTIERS } from '../../src/seed/brussels';
import { emptyDataset } from '../../src/seed/dataset';
import { loadDataset } from '../../src/seed/load';
import { Random } from '../../src/seed/random';
import { generateTerritory } from '../../src/seed/territory-gen';
import { importTerritory, kindOfCode } from '../../src/modules/territory/import';
import { contains, parseArea } from '../../src/modules/territory/geometry';
import { codes, testApi, type TestApi } from '../helpers/api';
import { closeTestDb, resetGraph, testDb } from '../helpers/db';

const file = (name: string) => path.join(DATA_DIR, name);
const GRID = file('grids/monitoring_quartiers_simplified15m_wgs84.geojson');

let api: TestApi;
beforeAll(async () => {
  await resetGraph();
  const d = emptyDataset();
  generateTerritory(d, new Random(1), 0);
  await loadDataset(testDb(), { ...d, neighbourhoods: [], statisticalSectors: [], indicators: [] });
  api = await testApi();
}, 120_000);
afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed
  await api?.server.stop();
  await closeTestDb();
});

describe('npm run import -- monitoring-grid', () => {
  it('the code ranges give the kinds the shared grid lists (118 residential, 3 cemeteries, 6 industrial, 18 parks)', () => {
    expect(QUARTIERS.filter((q) => kindOfCode(Number(q.code)) !== q.kind)).toEqual([]);
  });

  it('imports the 145 quartiers from GeoJSON with what the demo has: names, municipalities, zone and provenance', async () => {
    const report = await importTerritory(testDb(), 'monitoring-grid', fs.readFileSync(GRID, 'utf8'), { fileName: GRID });
    expect(report).toMatchObject({ rows: 145, created: 145, updated: 0, unchanged: 0, rejected: [] });
    const rows = await testDb().read<{
      code: string;
      nameFr: string;
      nameNl: string;
      kind: string;
      main: string;
      zone: string;
      provenance: string;
      shares: Array<{ nis: string; share: number }>;
    }>(
      cypher(
        'test.importedGrid',
        `MATCH (n:Neighbourhood)-[:IN_MUNICIPALITY]->(m), (n)-[z:IN_ZONE]->(zone)
         RETURN n.code AS code, n.nameFr AS nameFr, n.nameNl AS nameNl, n.kind AS kind, m.nis AS main, zone.code AS zone, z.provenance AS provenance,
                [(n)-[o:OVERLAPS]->(x) | {nis: x.nis, share: o.areaShare}] AS shares`,
      ),
    );
    const imported = new Map(rows.map((r) => [r.code, r]));
    const differences: string[] = [];
    for (const q of QUARTIERS) {
      const r = imported.get(q.code);
      if (!r) {
        differences.push(`${q.code} missing`);
        continue;
      }
      const got = { names: [r.nameFr, r.nameNl], kind: r.kind, main: r.main, zone: r.zone, provenance: r.provenance, set: r.shares.map((s) => s.nis).sort() };
      const want = { names: [q.nameFr, q.nameNl], kind: q.kind, main: q.mainNis, zone: q.zone.zoneCode, provenance: q.zone.provenance, set: q.shares.map((s) => s.nis).sort() };
      if (JSON.stringify(got) !== JSON.stringify(want)) differences.push(`${q.code}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
      // Shares by overlay with the simplified municipal polygons, against the shared file's (full UrbIS polygons).
      for (const s of q.shares) {
        const mine = r.shares.find((x) => x.nis === s.nis)?.share ?? 0;
        if (s.share !== null && Math.abs(mine - s.share) > 0.03) differences.push(`${q.code} share in ${s.nis}: ${mine} vs ${s.share}`);
      }
    }
    expect(differences).toEqual([]);
    // Zone shapes are the union of their quartiers'.
    const [zones] = await testDb().read<{ shaped: number }>(cypher('test.zoneShapes', 'MATCH (z:Zone) WHERE z.geometry IS NOT NULL RETURN count(z) AS shaped'));
    expect(zones?.shaped).toBe(5);
  }, 120_000);

  it('a second import changes nothing', async () => {
    const report = await importTerritory(testDb(), 'monitoring-grid', fs.readFileSync(GRID, 'utf8'), { fileName: GRID });
    expect(report).toMatchObject({ rows: 145, created: 0, updated: 0, unchanged: 145, rejected: [] });
  }, 120_000);

  it('reads the official property names (MDZONE, NAMEFRE, NAMEDUT) and reports bad rows one by one', async () => {
    const doc = JSON.parse(fs.readFileSync(GRID, 'utf8')) as { features: Array<{ properties: Record<string, unknown>; geometry: unknown }> };
    const [first] = doc.features;
    const features = [
      { type: 'Feature', properties: { MDZONE: first!.properties.code, NAMEFRE: first!.properties.name_fr, NAMEDUT: first!.properties.name_nl }, geometry: first!.geometry },
      { type: 'Feature', properties: { MDZONE: 'x', NAMEFRE: 'a', NAMEDUT: 'b' }, geometry: first!.geometry },
      {
        type: 'Feature',
        properties: { MDZONE: 5000, NAMEFRE: 'a', NAMEDUT: 'b' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [150000, 170000],
              [150100, 170000],
              [150100, 170100],
              [150000, 170000],
            ],
          ],
        },
      },
      { type: 'Feature', properties: { MDZONE: 5001, NAMEFRE: 'a' }, geometry: first!.geometry },
    ];
    const report = await importTerritory(testDb(), 'monitoring-grid', JSON.stringify({ type: 'FeatureCollection', features }), { fileName: 'quartiers.geojson', dryRun: true });
    expect(report).toMatchObject({ rows: 4, created: 0 });
    expect(report.updated + report.unchanged).toBe(1); // quartier 1 again (without its INSPIRE id: updated)
    expect(report.rejected.map((r) => [r.row, r.field])).toEqual([
      [2, 'mdzone'],
      [3, 'geometry'],
      [4, 'namedut'],
    ]);
  });
});

describe('statistical sectors and indicators', () => {
  it('imports the 2024 (724 sectors) and 2025 (749) tables with their quartier; 877 codes in all', async () => {
    for (const [name, year, rows] of [
      ['grids/ibsa_sectors_2024_to_monitoring_quartiers.csv', 2024, 724],
      ['grids/ibsa_sectors_2025_to_monitoring_quartiers.csv', 2025, 749],
    ] as const) {
      const report = await importTerritory(testDb(), 'statistical-sectors', fs.readFileSync(file(name), 'utf8'), { fileName: name });
      expect([year, report.rows, report.rejected]).toEqual([year, rows, []]);
    }
    const [r] = await testDb().read<{ sectors: number; both: number; orphans: number }>(
      cypher(
        'test.sectors',
        `MATCH (s:StatisticalSector) RETURN count(s) AS sectors, sum(CASE WHEN size(s.years) = 2 THEN 1 ELSE 0 END) AS both,
                sum(CASE WHEN EXISTS { (s)-[:IN_NEIGHBOURHOOD]->() } THEN 0 ELSE 1 END) AS orphans`,
      ),
    );
    expect(r).toEqual({ sectors: 877, both: 596, orphans: 0 }); // 724 + 749 − 596 codes in both tables
    const again = await importTerritory(testDb(), 'statistical-sectors', fs.readFileSync(file('grids/ibsa_sectors_2024_to_monitoring_quartiers.csv'), 'utf8'), {
      fileName: 'x.csv',
      year: 2024,
    });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 724 });
  }, 120_000);

  it('imports indicators per level with year and source; an empty value stays missing; bad rows are reported', async () => {
    const pop = await importTerritory(testDb(), 'indicators', fs.readFileSync(file('indicators/population_2019_quartiers_summed.csv'), 'utf8'), {
      fileName: 'p.csv',
      level: 'NEIGHBOURHOOD',
      source: 'Statbel 2019, summed by quartier',
    });
    expect(pop).toMatchObject({ rows: 145, created: 145, rejected: [] });
    const income = await importTerritory(testDb(), 'indicators', fs.readFileSync(file('indicators/median_taxable_income_2019_quartiers_ibsa.csv'), 'utf8'), {
      fileName: 'i.csv',
      level: 'NEIGHBOURHOOD',
      source: 'IBSA',
    });
    expect(income).toMatchObject({ rows: 145, rejected: [] });
    expect(income.notes).toEqual(['27 value(s) empty at the source: stored as missing (null), not 0.']);
    const bad = await importTerritory(
      testDb(),
      'indicators',
      'code,year,indicator,value,unit\n1,19x,population,3,persons\n9999,2019,population,3,persons\n1,2019,Population,3,persons\n1,2019,population,abc,persons\n',
      {
        fileName: 'bad.csv',
        level: 'NEIGHBOURHOOD',
        source: 'test',
      },
    );
    expect(bad.rejected.map((r) => [r.row, r.field])).toEqual([
      [2, 'year'],
      [3, 'code'],
      [4, 'indicator'],
      [5, 'value'],
    ]);
    const noLevel = await importTerritory(testDb(), 'indicators', 'code,year,indicator,value,unit\n', { fileName: 'x.csv' });
    expect(noLevel.rejected).toEqual([{ row: 1, field: 'level', reason: 'give --level NEIGHBOURHOOD|MUNICIPALITY|STATISTICAL_SECTOR' }]);
  });
});

describe('geography in the API', () => {
  const grandPlace = QUARTIERS.find((q) => q.code === '1')!;

  it('territoryAt answers quartier, municipality and zone for a point, and nulls outside the region', async () => {
    const [lon, lat] = grandPlace.innerPoint;
    const { data, errors } = await api.run<{ at: unknown; out: unknown }>(
      `query($lon: Float!, $lat: Float!) {
        at: territoryAt(lon: $lon, lat: $lat) { neighbourhood { code name(lang: NL) provenance { status } } municipality { nisCode } zone { code } }
        out: territoryAt(lon: 4.0, lat: 50.0) { neighbourhood { code } municipality { nisCode } zone { code } }
      }`,
      { lon, lat },
    );
    expect(errors).toBeUndefined();
    expect(data).toEqual({
      at: { neighbourhood: { code: '1', name: grandPlace.nameNl, provenance: { status: 'INFERRED' } }, municipality: { nisCode: '21004' }, zone: { code: 'CENTRE_OUEST' } },
      out: { neighbourhood: null, municipality: null, zone: null },
    });
  });

  it('a point of every quartier (its inner point) is found in that quartier', async () => {
    const wrong: string[] = [];
    for (const q of QUARTIERS) {
      const { data } = await api.run<{ territoryAt: { neighbourhood: { code: string } | null } }>(
        'query($lon: Float!, $lat: Float!) { territoryAt(lon: $lon, lat: $lat) { neighbourhood { code } } }',
        {
          lon: q.innerPoint[0],
          lat: q.innerPoint[1],
        },
      );
      if (data?.territoryAt.neighbourhood?.code !== q.code) wrong.push(`${q.code} → ${data?.territoryAt.neighbourhood?.code}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('bad coordinates and tolerances are BAD_USER_INPUT naming the argument', async () => {
    const lat = await api.run('{ territoryAt(lon: 4.35, lat: 95) { lon } }');
    expect(lat.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'lat' });
    const lon = await api.run('{ territoryAt(lon: -200, lat: 50) { lon } }');
    expect(lon.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'lon' });
    const tolerance = await api.run('{ neighbourhood(code: "1") { geometry(toleranceMetres: -1) { crs } } }');
    expect(tolerance.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'toleranceMetres' });
  });

  it('geometry is GeoJSON in WGS84 with attribution; a tolerance simplifies it, and the shape still holds its inner point', async () => {
    const { data, errors } = await api.run<{
      neighbourhood: {
        full: { geoJson: string; crs: string; attribution: string; bbox: number[] };
        coarse: { geoJson: string; toleranceMetres: number };
        municipalities: Array<{ municipality: { nisCode: string }; areaShare: number; main: boolean }>;
        kind: string;
      };
      zone: { geometry: { geoJson: string } };
      municipality: { geometry: { geoJson: string }; centroid: { lon: number; lat: number } };
    }>(`{
      neighbourhood(code: "21") { full: geometry { geoJson crs attribution bbox } coarse: geometry(toleranceMetres: 100) { geoJson toleranceMetres } municipalities { municipality { nisCode } areaShare main } kind }
      zone(code: "SUD") { geometry(toleranceMetres: 50) { geoJson } }
      municipality(nisCode: "21004") { geometry { geoJson } centroid { lon lat } }
    }`);
    expect(errors).toBeUndefined();
    const n = data!.neighbourhood;
    expect(n.full.crs).toBe('EPSG:4326');
    expect(n.full.attribution).toContain('UrbIS © CIRB/SPRB');
    const vertices = (json: string) => JSON.stringify(JSON.parse(json)).split('],[').length;
    expect(vertices(n.coarse.geoJson)).toBeLessThan(vertices(n.full.geoJson));
    const q21 = QUARTIERS.find((q) => q.code === '21')!;
    expect(contains(parseArea(n.full.geoJson), q21.innerPoint[0], q21.innerPoint[1])).toBe(true);
    // Quartier Nord touches Brussels-City (main), Schaerbeek and Saint-Josse (SOURCES: 0.597, 0.271, 0.132 against full UrbIS polygons).
    expect(n.municipalities.map((m) => [m.municipality.nisCode, m.main])).toEqual([
      ['21004', true],
      ['21015', false],
      ['21014', false],
    ]);
    expect(n.kind).toBe('RESIDENTIAL');
    expect((JSON.parse(data!.zone.geometry.geoJson) as { type: unknown }).type).toMatch(/Polygon/);
    expect(contains(parseArea(data!.municipality.geometry.geoJson), grandPlace.innerPoint[0], grandPlace.innerPoint[1])).toBe(true);
  });

  it('indicators carry year, unit and source; a missing figure is null', async () => {
    const { data } = await api.run<{
      a: { indicators: Array<{ indicator: string; year: number; value: number | null; source: string }> };
      b: { indicators: Array<{ value: number | null }> };
    }>(`{
      a: neighbourhood(code: "1") { indicators(year: 2019) { indicator year value unit source } }
      b: neighbourhood(code: "907") { indicators(names: ["median_taxable_income_per_declaration"]) { value } }
    }`);
    const population = data?.a.indicators.find((i) => i.indicator === 'population');
    const fileValue = fs
      .readFileSync(file('indicators/population_2019_quartiers_summed.csv'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('1,2019,'))!
      .split(',')[3];
    expect(population).toMatchObject({ year: 2019, value: Number(fileValue), source: 'Statbel 2019, summed by quartier' });
    expect(data?.b.indicators).toEqual([{ value: null }]); // the Bois de la Cambre: no figure published
  });

  it('a zone and the region sum counts over their parts (said so in the source); medians are not summed', async () => {
    await importTerritory(testDb(), 'indicators', fs.readFileSync(file('indicators/population_2019_municipalities.csv'), 'utf8'), {
      fileName: 'm.csv',
      level: 'MUNICIPALITY',
      source: 'Statbel 2019',
    });
    const { data } = await api.run<{ zone: { indicators: Array<{ indicator: string; value: number; source: string }> }; region: { indicators: Array<{ value: number }> } }>(`{
      zone(code: "SUD_EST") { indicators(year: 2019) { indicator value source } }
      region { indicators(names: ["population"]) { value } }
    }`);
    const lines = (name: string) =>
      fs
        .readFileSync(file(name), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','));
    const population = new Map(lines('indicators/population_2019_quartiers_summed.csv').map(([code, , , value]) => [code!, Number(value)]));
    const expected = QUARTIERS.filter((q) => q.zone.zoneCode === 'SUD_EST').reduce((sum, q) => sum + population.get(q.code)!, 0);
    expect(data?.zone.indicators.map((i) => [i.indicator, i.value])).toEqual([['population', expected]]);
    expect(data?.zone.indicators[0]?.source).toMatch(/^summed over the zone's 21 quartiers \(21 of 21 with a figure\) by the project, from: Statbel/);
    // The 19 municipalities sum to Brussels' official population on 1 January 2019 (SOURCES.md: 1,208,542).
    expect(data?.region.indicators).toEqual([{ value: lines('indicators/population_2019_municipalities.csv').reduce((sum, [, , , v]) => sum + Number(v), 0) }]);
    expect(data?.region.indicators[0]?.value).toBe(1208542);
  });

  const PRINCIPALS: Record<Role, Principal> = {
    public: { role: 'public' },
    analyst: { role: 'analyst', keyId: 'k-analyst' },
    zone: { role: 'zone', zone: 'NORD', keyId: 'k-zone-nord' },
    observatory: { role: 'observatory', keyId: 'k-obs' },
    editor: { role: 'editor', keyId: 'k-editor' },
    admin: { role: 'admin', keyId: 'k-admin' },
  };
  it.each(ROLES)('as %s (a zone key of NORD asks about a point in Centre-Ouest): territory facts are public', async (role) => {
    const [lon, lat] = grandPlace.innerPoint;
    const { data, errors } = await api.run<{ territoryAt: { zone: { code: string } } }>(
      `{ territoryAt(lon: ${lon}, lat: ${lat}) { zone { code geometry(toleranceMetres: 200) { crs } } neighbourhood { indicators { value } geometry { crs } } } }`,
      {},
      { as: PRINCIPALS[role] },
    );
    expect(codes(errors)).toEqual([]);
    expect(data?.territoryAt.zone.code).toBe('CENTRE_OUEST');
  });
});

describe('HSDS services placed by the quartier polygons', () => {
  it('a location is placed in the quartier whose polygon holds it; one outside the region in none', async () => {
    const { importHsds } = await import('../../src/modules/editing/hsds');
    const [gpLon, gpLat] = QUARTIERS.find((q) => q.code === '1')!.innerPoint;
    const service = (id: string, latitude: number, longitude: number) => ({
      id,
      name: `Test ${id}`,
      organization: { id: 'hsds-geo-org', name: 'Test org' },
      languages: [{ code: 'fr' }],
      service_at_locations: [{ location: { latitude, longitude } }],
    });
    const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hsds-geo-')), 'services.json');
    // Inside Grand Place; and a point inside the region's box but outside every quartier (north-west corner).
    fs.writeFileSync(json, JSON.stringify([service('hsds-geo-1', gpLat, gpLon), service('hsds-geo-2', 50.915, 4.245)]));
    await importHsds(testDb(), json, { secret: 'test' });
    const rows = await testDb().read<{ id: string; quartier: string | null }>(
      cypher('test.hsdsPlaced', "MATCH (s:Service) WHERE s.id IN ['hsds-geo-1', 'hsds-geo-2'] RETURN s.id AS id, head([(s)-[:LOCATED_IN]->(n) | n.code]) AS quartier ORDER BY id"),
    );
    expect(rows).toEqual([
      { id: 'hsds-geo-1', quartier: '1' },
      { id: 'hsds-geo-2', quartier: null },
    ]);
  });
});

describe('npm run import -- social-health-grid', () => {
  it("writes the QSS with their zone and re-derives the monitoring quartiers' zones from their sectors", async () => {
    // A test table, not the official one (which was not found): real 2024 sector codes grouped into
    // three made-up QSS. Quartiers 1 and 19 lie wholly in one; quartier 21's sectors are split.
    const sectorsOf = (quartier: string) =>
      fs
        .readFileSync(file('grids/ibsa_sectors_2024_to_monitoring_quartiers.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .filter((c) => c[3] === quartier)
        .map((c) => c[6]!);
    const q21 = sectorsOf('21');
    const table = [
      'CodeSector,QuartierSS_Gwwijk,NomQuartierSSFR,NaamGWwijkNL,BassinFR,ZoneNL',
      ...sectorsOf('1').map((s) => `${s},T1,Test centre,Test centrum,Centre-Ouest,`),
      ...sectorsOf('19').map((s) => `${s},T2,Test nord,Test noord,Nord,`),
      ...q21.slice(0, Math.ceil(q21.length / 2)).map((s) => `${s},T1,Test centre,Test centrum,Centre-Ouest,`),
      ...q21.slice(Math.ceil(q21.length / 2)).map((s) => `${s},T3,Test nord-est,Test noord-oost,Nord-Est,`),
      '21004ZZZZ,T1,x,x,Centre-Ouest,',
      `${sectorsOf('2')[0]},T4,x,x,Ouest,`,
    ].join('\n');
    const report = await importTerritory(testDb(), 'social-health-grid', table, { fileName: 'qss.csv' });
    expect(report.created).toBe(3);
    expect(report.rejected.map((r) => r.field)).toEqual(['CodeSector', 'BassinFR']);
    const rows = await testDb().read<{ code: string; zone: string; provenance: string }>(
      cypher(
        'test.qssZones',
        "MATCH (n:Neighbourhood)-[l:IN_ZONE]->(z) WHERE n.code IN ['1', '19', '21', 'QSS-T1', 'QSS-T3'] RETURN n.code AS code, z.code AS zone, l.provenance AS provenance ORDER BY code",
      ),
    );
    const [t1, t3] = [Math.ceil(q21.length / 2), q21.length - Math.ceil(q21.length / 2)];
    expect(rows).toEqual([
      { code: '1', zone: 'CENTRE_OUEST', provenance: 'VERIFIED' }, // was INFERRED (project file)
      { code: '19', zone: 'NORD', provenance: 'VERIFIED' },
      { code: '21', zone: t1 >= t3 ? 'CENTRE_OUEST' : 'NORD_EST', provenance: 'INFERRED' }, // split: the majority
      { code: 'QSS-T1', zone: 'CENTRE_OUEST', provenance: 'VERIFIED' },
      { code: 'QSS-T3', zone: 'NORD_EST', provenance: 'VERIFIED' },
    ]);
  });
});
