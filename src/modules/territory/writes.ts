/**
 * Writes of the territory: monitoring quartiers with their shape, municipalities and zone link,
 * statistical sectors and indicator values. The seed and the imports share them, so an import of the
 * official grid gives the graph the demo has. Each MERGEs on the unit's code: running twice changes
 * nothing.
 */
import { cypher, type Db } from '../../neo4j/driver';
import { unionAreas, bboxOf, parseArea } from './geometry';
import { indicatorKey, type IndicatorLevel, type IndicatorValue } from './indicators';

/**
 * A quartier: IN_MUNICIPALITY to its main municipality (one, so a service's municipality is one),
 * OVERLAPS {areaShare} to every municipality it touches, IN_ZONE {provenance, basis} to its zone.
 * Links a row does not give again are removed (a re-import with a new zone moves the quartier).
 */
export const WRITE_QUARTIERS = cypher(
  'territory.write.quartiers',
  `UNWIND $rows AS row MERGE (n:Neighbourhood {code: row.code})
   SET n.grid = row.grid, n.nameFr = row.nameFr, n.nameNl = row.nameNl, n.synthetic = row.synthetic, n.rezoneArea = row.rezoneArea,
       n.kind = row.kind, n.areaKm2 = row.areaKm2, n.inspireId = row.inspireId, n.lat = row.lat, n.lon = row.lon,
       n.innerLat = row.innerLat, n.innerLon = row.innerLon,
       n.geometry = row.geometry, n.west = row.west, n.south = row.south, n.east = row.east, n.north = row.north
   WITH n, row
   CALL { WITH n MATCH (n)-[r:IN_MUNICIPALITY|OVERLAPS|IN_ZONE]->() DELETE r }
   WITH n, row MATCH (m:Municipality {nis: row.municipalityNis}) MERGE (n)-[:IN_MUNICIPALITY]->(m)
   WITH n, row
   CALL { WITH n, row UNWIND row.municipalities AS share MATCH (o:Municipality {nis: share.nis}) MERGE (n)-[r:OVERLAPS]->(o) SET r.areaShare = share.share }
   WITH n, row OPTIONAL MATCH (z:Zone {code: row.zoneCode})
   FOREACH (_ IN CASE WHEN z IS NULL THEN [] ELSE [1] END |
     MERGE (n)-[r:IN_ZONE]->(z) SET r.provenance = row.zoneProvenance, r.basis = row.zoneBasis)`,
);

export const WRITE_SECTORS = cypher(
  'territory.write.sectors',
  `UNWIND $rows AS row MERGE (s:StatisticalSector {code: row.code})
   SET s.nameFr = row.nameFr, s.nameNl = row.nameNl, s.years = row.years
   WITH s, row
   CALL { WITH s MATCH (s)-[r:IN_NEIGHBOURHOOD|IN_MUNICIPALITY]->() DELETE r }
   WITH s, row OPTIONAL MATCH (n:Neighbourhood {code: row.neighbourhoodCode})
   FOREACH (_ IN CASE WHEN n IS NULL THEN [] ELSE [1] END | MERGE (s)-[:IN_NEIGHBOURHOOD]->(n))
   WITH s, row OPTIONAL MATCH (m:Municipality {nis: row.municipalityNis})
   FOREACH (_ IN CASE WHEN m IS NULL THEN [] ELSE [1] END | MERGE (s)-[:IN_MUNICIPALITY]->(m))
   RETURN count(*) AS written`,
);

/** One statement per level (the label is part of the text); returns the codes that matched no unit. */
const INDICATOR_TARGET: Record<IndicatorLevel, string> = {
  NEIGHBOURHOOD: '(t:Neighbourhood {code: row.code})',
  MUNICIPALITY: '(t:Municipality {nis: row.code})',
  STATISTICAL_SECTOR: '(t:StatisticalSector {code: row.code})',
};
export const WRITE_INDICATORS = Object.fromEntries(
  Object.entries(INDICATOR_TARGET).map(([level, target]) => [
    level,
    cypher(
      `territory.write.indicators.${level.toLowerCase()}`,
      `UNWIND $rows AS row OPTIONAL MATCH ${target}
       CALL { WITH row, t WITH row, t WHERE t IS NOT NULL
         MERGE (v:IndicatorValue {key: row.key})
         SET v.indicator = row.indicator, v.year = row.year, v.value = row.value, v.unit = row.unit, v.source = row.source, v.level = row.level, v.code = row.code
         MERGE (v)-[:DESCRIBES]->(t) }
       WITH row, t WHERE t IS NULL RETURN row.code AS missing`,
    ),
  ]),
) as Record<IndicatorLevel, ReturnType<typeof cypher>>;

export async function writeIndicators(db: Db, values: readonly IndicatorValue[], batch = 2000): Promise<{ written: number; unknownCodes: string[] }> {
  const unknown = new Set<string>();
  let written = 0;
  for (const level of Object.keys(INDICATOR_TARGET) as IndicatorLevel[]) {
    const rows = values.filter((v) => v.level === level).map((v) => ({ ...v, key: indicatorKey(v) }));
    for (let i = 0; i < rows.length; i += batch) {
      const part = rows.slice(i, i + batch);
      const missing = await db.write<{ missing: string }>(WRITE_INDICATORS[level], { rows: part });
      for (const m of missing) unknown.add(m.missing);
      written += part.length - missing.length;
    }
  }
  return { written, unknownCodes: [...unknown].sort() };
}

const QUARTIER_SHAPES_BY_ZONE = cypher(
  'territory.zoneShapes.read',
  `MATCH (z:Zone) WHERE $codes IS NULL OR z.code IN $codes
   RETURN z.code AS code, [(z)<-[:IN_ZONE]-(n:Neighbourhood) WHERE n.geometry IS NOT NULL | n.geometry] AS shapes`,
);
const SET_ZONE_SHAPE = cypher(
  'territory.zoneShapes.write',
  'UNWIND $rows AS row MATCH (z:Zone {code: row.code}) SET z.geometry = row.geometry, z.west = row.west, z.south = row.south, z.east = row.east, z.north = row.north',
);

/** A zone's shape is the union of its quartiers': recomputed after an import moves or reshapes them. */
export async function refreshZoneShapes(db: Db, codes: string[] | null = null): Promise<number> {
  const zones = await db.read<{ code: string; shapes: string[] }>(QUARTIER_SHAPES_BY_ZONE, { codes });
  const rows = zones.map((z) => {
    const g = unionAreas(z.shapes.map(parseArea));
    if (!g) return { code: z.code, geometry: null, west: null, south: null, east: null, north: null };
    const [west, south, east, north] = bboxOf(g);
    return { code: z.code, geometry: JSON.stringify(g), west, south, east, north };
  });
  if (rows.length) await db.write(SET_ZONE_SHAPE, { rows });
  return rows.length;
}
