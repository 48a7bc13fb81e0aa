/**
 * Change over time on graphs small enough to count by hand: the same story as
 * tests/fixtures/network-change.cypher under the default filter.
 *
 *   service  sector          language          every tie weighs 1 here (the measures see only who is tied)
 *   sA       MENTAL_HEALTH   FR
 *   sB       DISABILITY      NL
 *   sC       HOUSING         FR
 *   sD       MENTAL_HEALTH   NL
 *   sE       HOUSING         FR
 *   sF       DISABILITY      FR                (never tied)
 *   sG       HOUSING         FR
 *
 *   2021: A–B, C–D, E–G             2022: the four-clique A B C D       2023: A–B, C–D, E–G       2024: A–B, E–G
 */
import type { ServiceGraph } from '../network/measures/graph';
import { calendarYears, jaccard, matchCommunities, networkSeries, tieChange, type YearPoint } from './series';

const SERVICES: ServiceGraph['nodes'] = [
  { id: 'sA', sector: 'MENTAL_HEALTH', language: 'FR', zone: 'SUD' },
  { id: 'sB', sector: 'DISABILITY', language: 'NL', zone: 'SUD' },
  { id: 'sC', sector: 'HOUSING', language: 'FR', zone: 'SUD' },
  { id: 'sD', sector: 'MENTAL_HEALTH', language: 'NL', zone: 'SUD' },
  { id: 'sE', sector: 'HOUSING', language: 'FR', zone: 'SUD' },
  { id: 'sF', sector: 'DISABILITY', language: 'FR', zone: 'SUD' },
  { id: 'sG', sector: 'HOUSING', language: 'FR', zone: 'SUD' },
];
const ties = (...pairs: string[]) => pairs.map((p) => ({ a: `s${p[0]!}`, b: `s${p[1]!}`, strength: 1 }));
const year = (y: number, edges: ServiceGraph['edges']) => ({ year: y, from: `${y}-01-01`, to: `${y}-12-31`, graph: { nodes: SERVICES, edges } });

describe('calendarYears', () => {
  it('runs from the first to the last year with encounters, gaps included, cut to the window', () => {
    // Encounters in 2021 and 2024 (none in 2022–2023): four years; the window starts in March 2021 and ends in June 2024.
    expect(calendarYears([2024, 2021], { from: '2021-03-01', to: '2024-06-30' })).toEqual([
      { year: 2021, from: '2021-03-01', to: '2021-12-31' },
      { year: 2022, from: '2022-01-01', to: '2022-12-31' },
      { year: 2023, from: '2023-01-01', to: '2023-12-31' },
      { year: 2024, from: '2024-01-01', to: '2024-06-30' },
    ]);
    expect(calendarYears([2023], { from: null, to: null })).toEqual([{ year: 2023, from: '2023-01-01', to: '2023-12-31' }]);
    expect(calendarYears([], { from: null, to: null })).toEqual([]);
  });
});

describe('tieChange', () => {
  it('counts new, lost and kept pairs, whichever way round an edge is written', () => {
    // 2020: a–b, b–c; 2021: c–b, c–d → kept b–c = 1, new c–d = 1, lost a–b = 1
    expect(
      tieChange(
        [
          { a: 'a', b: 'b' },
          { a: 'b', b: 'c' },
        ],
        [
          { a: 'c', b: 'b' },
          { a: 'c', b: 'd' },
        ],
      ),
    ).toEqual({ newTies: 1, lostTies: 1, keptTies: 1 });
    expect(tieChange(null, [{ a: 'a', b: 'b' }])).toBeNull(); // the first year: nothing to compare with
  });
});

describe('matchCommunities (Greene et al. 2010, θ = 0.3)', () => {
  it('says continued, split, merged, new and dissolved', () => {
    expect(jaccard(['a', 'b'], ['a', 'b', 'c', 'd'])).toBe(0.5); // 2 shared / 4 in all
    // Two pairs become one group of four: each pair overlaps it 2/4 = 0.5 ≥ 0.3 → one MERGED.
    const merged = matchCommunities(
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      [['a', 'b', 'c', 'd']],
    );
    expect([merged.continued, merged.split, merged.merged, merged.new, merged.dissolved]).toEqual([0, 0, 1, 0, 0]);
    expect(merged.traces).toEqual([{ index: 1, size: 4, previous: 1, jaccard: 0.5, event: 'MERGED' }]);
    // The four split again, and e–g appears: a–b and c–d each overlap the four 0.5 (two pieces of it: SPLIT); e–g overlaps nothing (NEW).
    const split = matchCommunities(
      [['a', 'b', 'c', 'd']],
      [
        ['a', 'b'],
        ['c', 'd'],
        ['e', 'g'],
      ],
    );
    expect(split.traces.map((t) => [t.event, t.previous, t.jaccard])).toEqual([
      ['SPLIT', 1, 0.5],
      ['SPLIT', 1, 0.5],
      ['NEW', null, 0],
    ]);
    expect([split.continued, split.split, split.merged, split.new, split.dissolved]).toEqual([0, 2, 0, 1, 0]);
    // a–b and e–g again, c–d gone: two CONTINUED (overlap 1), one dissolved.
    const kept = matchCommunities(
      [
        ['a', 'b'],
        ['c', 'd'],
        ['e', 'g'],
      ],
      [
        ['a', 'b'],
        ['e', 'g'],
      ],
    );
    expect(kept.traces.map((t) => [t.event, t.previous])).toEqual([
      ['CONTINUED', 1],
      ['CONTINUED', 3],
    ]);
    expect([kept.continued, kept.split, kept.merged, kept.new, kept.dissolved]).toEqual([2, 0, 0, 0, 1]);
  });

  it('needs an overlap of 0.3: a quarter is not enough', () => {
    // {c, d} vs {a, b, c}: 1 shared / 4 in all = 0.25 < 0.3 → NEW, and {a, b, c} dissolved.
    const m = matchCommunities([['a', 'b', 'c']], [['c', 'd']]);
    expect(m.traces[0]).toEqual({ index: 1, size: 2, previous: null, jaccard: 0.25, event: 'NEW' });
    expect(m.dissolved).toBe(1);
    // {a, b, c} vs {a, b, c, d, e, f, g}: 3/7 ≈ 0.43 ≥ 0.3 → CONTINUED.
    expect(matchCommunities([['a', 'b', 'c']], [['a', 'b', 'c', 'd', 'e', 'f', 'g']]).traces[0]?.event).toBe('CONTINUED');
  });

  it('says nothing in the first year, and every community of a year after one without ties is new', () => {
    const first = matchCommunities(null, [['a', 'b']]);
    expect(first.traces).toEqual([{ index: 1, size: 2, previous: null, jaccard: null, event: null }]);
    expect([first.continued, first.split, first.merged, first.new, first.dissolved]).toEqual([null, null, null, null, null]);
    const afterEmpty = matchCommunities([], [['a', 'b']]);
    expect([afterEmpty.new, afterEmpty.dissolved, afterEmpty.traces[0]?.jaccard]).toEqual([1, 0, 0]);
  });
});

describe('networkSeries on the four years', () => {
  const points = networkSeries(
    [year(2021, ties('AB', 'CD', 'EG')), year(2022, ties('AB', 'AC', 'AD', 'BC', 'BD', 'CD')), year(2023, ties('AB', 'CD', 'EG')), year(2024, ties('AB', 'EG'))],
    {
      resolution: 1,
      seed: 1,
      border: true,
    },
  );
  const by = (y: number) => points.find((p) => p.year === y)!;
  const pick = (p: YearPoint) => [p.ties, p.newTies, p.lostTies, p.keptTies, p.isolates];

  it('counts ties, new, lost, kept and isolates per year', () => {
    // 7 services, 21 possible pairs.
    expect(pick(by(2021))).toEqual([3, null, null, null, 1]); // A–B, C–D, E–G; first year; F untied
    expect(pick(by(2022))).toEqual([6, 4, 1, 2, 3]); // the clique; new A–C, A–D, B–C, B–D; lost E–G; A–B, C–D kept; E, F, G untied
    expect(pick(by(2023))).toEqual([3, 1, 4, 2, 1]); // new E–G; lost A–C, A–D, B–C, B–D; kept A–B, C–D; F untied
    expect(pick(by(2024))).toEqual([2, 0, 1, 2, 3]); // lost C–D; kept A–B, E–G; C, D, F untied
    expect(points.map((p) => p.density)).toEqual([3 / 21, 6 / 21, 3 / 21, 2 / 21]);
    expect(points.map((p) => p.services)).toEqual([7, 7, 7, 7]);
  });

  it('gives the E-I index and the language border of each year', () => {
    // Cross-sector / same-sector: 2021 A–B, C–D cross, E–G (HOUSING–HOUSING) same → (2 − 1) / 3; 2022 only A–D (MH–MH) same → (5 − 1) / 6;
    // 2023 as 2021 → 1/3; 2024 A–B cross, E–G same → 0.
    expect(points.map((p) => [p.crossSectorTies, p.sameSectorTies])).toEqual([
      [2, 1],
      [5, 1],
      [2, 1],
      [1, 1],
    ]);
    expect(points.map((p) => p.eiIndex)).toEqual([1 / 3, 4 / 6, 1 / 3, 0]);
    // FR–NL ties: A–B, C–D, A–D, B–C cross (A, C, E, G French; B, D Dutch); A–C, B–D, E–G do not.
    // 2021 A–B, C–D = 2/3; 2022 A–B, A–D, B–C, C–D = 4/6; 2023 as 2021; 2024 A–B = 1/2.
    expect(points.map((p) => [p.crossLanguageTies, p.languageBorderShare])).toEqual([
      [2, 2 / 3],
      [4, 4 / 6],
      [2, 2 / 3],
      [1, 1 / 2],
    ]);
  });

  it('finds the communities, their modularity, and how they carry over', () => {
    const c = points.map((p) => p.communities);
    expect(c.map((x) => x.count)).toEqual([3, 1, 3, 2]);
    // Q = Σ (L_c / m − (d_c / 2m)²), every tie weighing 1:
    // 2021 and 2023 three pairs, m = 3: 3 × (1/3 − (2/6)²) = 2/3; 2022 one clique: 1 − 1 = 0;
    // 2024 two pairs, m = 2: 2 × (1/2 − (2/4)²) = 0.5.
    expect(c[0]!.modularity).toBeCloseTo(2 / 3, 10);
    expect(c[1]!.modularity).toBeCloseTo(0, 10);
    expect(c[2]!.modularity).toBeCloseTo(2 / 3, 10);
    expect(c[3]!.modularity).toBeCloseTo(0.5, 10);
    // [continued, split, merged, new, dissolved]: 2021 nothing before; 2022 A–B and C–D merge, E–G dissolved;
    // 2023 the clique splits into A–B and C–D (2 pieces), E–G new; 2024 A–B and E–G continue, C–D dissolved.
    expect(c.map((x) => [x.continued, x.split, x.merged, x.new, x.dissolved])).toEqual([
      [null, null, null, null, null],
      [0, 0, 1, 0, 1],
      [0, 2, 0, 1, 0],
      [2, 0, 0, 0, 1],
    ]);
    expect(c[3]!.traces.map((t) => [t.index, t.previous])).toEqual([
      [1, 1], // {A,B} was community 1 of 2023
      [2, 3], // {E,G} was community 3 of 2023
    ]);
  });

  it('has no border figures under a language filter, and no modularity in a year without ties', () => {
    const [only] = networkSeries([year(2024, [])], { resolution: 1, seed: 1, border: false });
    expect(only).toMatchObject({ ties: 0, density: 0, isolates: 7, eiIndex: null, crossLanguageTies: null, languageBorderShare: null });
    expect(only!.communities).toMatchObject({ count: 0, modularity: null, traces: [] });
  });
});
