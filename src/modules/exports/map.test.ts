/** Per-quartier figures of the map (exports/map.ts), counted by hand. */
import { quartierFigures, quartierMixing } from './map';

// Q1 holds a (HEALTH, FR) and b (HEALTH, NL); Q2 holds c (SOCIAL, NL) and d (SOCIAL, BOTH), d untied.
// Ties: a–b inside Q1 (same sector, crosses the border); b–c from Q1 to Q2 (two sectors, NL–NL).
const nodes = [
  { id: 'a', sector: 'HEALTH', language: 'FR' },
  { id: 'b', sector: 'HEALTH', language: 'NL' },
  { id: 'c', sector: 'SOCIAL', language: 'NL' },
  { id: 'd', sector: 'SOCIAL', language: 'BOTH' },
];
const edges = [
  { source: 'a', target: 'b' },
  { source: 'b', target: 'c' },
];
const quartierOf = new Map([
  ['a', 'Q1'],
  ['b', 'Q1'],
  ['c', 'Q2'],
  ['d', 'Q2'],
]);

it('counts services, ties inside and to other quartiers', () => {
  expect(Object.fromEntries(quartierFigures({ nodes, edges }, quartierOf))).toEqual({
    Q1: { services: 2, servicesWithoutTie: 0, tiesInside: 1, tiesOutside: 1 },
    Q2: { services: 2, servicesWithoutTie: 1, tiesInside: 0, tiesOutside: 1 },
  });
});

it('counts what each quartier’s ties cross: a tie between two quartiers at both ends', () => {
  // Q1: a–b (same sector, FR–NL) and b–c (two sectors): E 1, I 1, one across the border.
  // Q2: b–c only: E 1, I 0, none across the border.
  expect(Object.fromEntries(quartierMixing(nodes, edges, quartierOf))).toEqual({
    Q1: { crossSector: 1, sameSector: 1, crossBorder: 1 },
    Q2: { crossSector: 1, sameSector: 0, crossBorder: 0 },
  });
});
