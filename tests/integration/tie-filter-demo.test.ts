/**
 * The default tie filter on the demo graph (seed 42): per zone, ties, fragile ties and gaps with every
 * tie (`minWeight: 0`, co-presence as before weights) and with the default (minWeight 0.25). The
 * figures are printed for docs/graph-model.md; the assertions hold whatever the generator draws: the
 * default only removes ties, and keeps none that a single network event alone made between two people.
 */
import { cypher } from '../../src/neo4j/driver';
import { hypergeometricBackbone } from '../../src/modules/network/measures/backbone';
import { backboneMeetings } from '../../src/modules/network/queries';
import { useDemoApi } from '../helpers/api';
import { testDb } from '../helpers/db';
import { ZONES, zoneFigures } from '../helpers/zone-figures';

const api = useDemoApi();
const figures = (zone: string, ties: string) => zoneFigures(api(), zone, ties);

it('per zone: ties, fragile ties and gaps with every tie and with the default', async () => {
  const rows: string[] = ['| zone | ties (all → default) | fragile ties | gaps | E-I index |', '|---|---|---|---|---|'];
  for (const zone of ZONES) {
    const all = await figures(zone, ', ties: { minWeight: 0 }');
    const def = await figures(zone, '');
    expect(def.ties).toBeLessThanOrEqual(all.ties);
    expect(def.gaps).toBeGreaterThanOrEqual(all.gaps);
    const ei = (x: number | null) => (x === null ? '–' : x.toFixed(2));
    rows.push(`| ${zone} | ${all.ties} → ${def.ties} | ${all.fragile} → ${def.fragile} | ${all.gaps} → ${def.gaps} | ${ei(all.ei)} → ${ei(def.ei)} |`);
  }
  console.log(rows.join('\n'));
}, 300_000);

it('no tie kept by the default rests on one network event alone', async () => {
  const [row] = await testDb().read<{ all: number; oneEvent: number; kept: number }>(
    cypher(
      'test.oneEventTies',
      `MATCH (i:Initiative {kind: 'NETWORK_EVENT'}) WITH collect(i.id) AS events
       MATCH (:Service)-[k:KNOWS]->(:Service)
       WITH k, all(v IN k.via WHERE v IN events) AND k.meetings = 1 AS oneEvent
       RETURN count(k) AS all, sum(CASE WHEN oneEvent THEN 1 ELSE 0 END) AS oneEvent, sum(CASE WHEN oneEvent AND k.weight >= 0.25 THEN 1 ELSE 0 END) AS kept`,
    ),
  );
  console.log(`KNOWS ties: ${row!.all}; made by one network-event day alone: ${row!.oneEvent}; of which kept by the default: ${row!.kept}`);
  expect(row!.oneEvent).toBeGreaterThan(0);
  expect(row!.kept / row!.oneEvent).toBeLessThan(0.05);
});

it('per zone: what the hypergeometric backbone (α = 0.05) keeps, alone and with the default', async () => {
  const rows: string[] = [
    '| zone | ties: all → backbone (Holm) | default → default + backbone | fragile ties: default → + backbone | gaps: default → + backbone | E-I index: all → backbone → default → default + backbone |',
    '|---|---|---|---|---|---|',
  ];
  const BACKBONE = 'backbone: { model: HYPERGEOMETRIC, alpha: 0.05 }';
  for (const zone of ZONES) {
    const all = await figures(zone, ', ties: { minWeight: 0 }');
    const alone = await figures(zone, `, ties: { minWeight: 0, ${BACKBONE} }`);
    const holm = await figures(zone, `, ties: { minWeight: 0, backbone: { model: HYPERGEOMETRIC, alpha: 0.05, correction: HOLM } }`);
    const def = await figures(zone, '');
    const both = await figures(zone, `, ties: { ${BACKBONE} }`);
    // The backbone only takes encounters away: never more ties, never fewer gaps.
    expect(alone.ties).toBeLessThanOrEqual(all.ties);
    expect(holm.ties).toBeLessThanOrEqual(alone.ties);
    expect(both.ties).toBeLessThanOrEqual(def.ties);
    expect(both.gaps).toBeGreaterThanOrEqual(def.gaps);
    const ei = (x: number | null) => (x === null ? '–' : x.toFixed(2));
    rows.push(
      `| ${zone} | ${all.ties} → ${alone.ties} (${holm.ties}) | ${def.ties} → ${both.ties} | ${def.fragile} → ${both.fragile} | ${def.gaps} → ${both.gaps} | ${ei(all.ei)} → ${ei(alone.ei)} → ${ei(def.ei)} → ${ei(both.ei)} |`,
    );
  }
  // The region's two-mode graph, as scope.ts builds it (no window, every initiative).
  const meetings = await testDb().read<{ services: string[] }>(backboneMeetings, { from: null, to: null, initiatives: null });
  const b = hypergeometricBackbone(
    meetings.map((m) => m.services),
    { alpha: 0.05, correction: 'NONE' },
  );
  const holm = hypergeometricBackbone(
    meetings.map((m) => m.services),
    { alpha: 0.05, correction: 'HOLM' },
  );
  const [events] = await testDb().read<{ oneEvent: string[] }>(
    cypher(
      'test.oneEventPairs',
      `MATCH (i:Initiative {kind: 'NETWORK_EVENT'}) WITH collect(i.id) AS events
       MATCH (s:Service)-[k:KNOWS]->(t:Service) WHERE all(v IN k.via WHERE v IN events) AND k.meetings = 1
       RETURN collect(s.id + '|' + t.id) AS oneEvent`,
    ),
  );
  const oneEvent = events!.oneEvent;
  console.log(
    `${rows.join('\n')}\nTwo-mode graph: ${b.meetings} meetings, ${b.services} services, ${b.pairs.length} pairs met (of ${b.tests} dyads); ` +
      `kept at α = 0.05: ${b.kept.size} (Holm: ${holm.kept.size}); of the ${oneEvent.length} ties made by one network-event day alone, kept: ${oneEvent.filter((k) => b.kept.has(k)).length} (Holm: ${oneEvent.filter((k) => holm.kept.has(k)).length})`,
  );
  expect(b.kept.size).toBeLessThan(b.pairs.length);
  expect(holm.kept.size).toBeLessThanOrEqual(b.kept.size);
}, 600_000);
