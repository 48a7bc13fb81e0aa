/** Every year's graph from one read of the year sums, counted by hand. */
import { graphsByYear, yearsWithEncounters, type YearSumsRow } from './years';

const node = (id: string) => ({ id, sector: 'X', language: 'FR' as const, zone: 'SUD' });
const services = ['a', 'b', 'c'].map(node);
// a–b: 2022 one encounter of 0.5; 2023 two of 0.2 on one day. a–c: 2023 one of 0.1. b–c: 2022 three of 0.1 on three days.
const rows: YearSumsRow[] = [
  {
    a: 'a',
    ties: [
      [
        'b',
        [
          [2022, 0.5, 1, 1],
          [2023, 0.4, 2, 1],
        ],
      ],
      ['c', [[2023, 0.1, 1, 1]]],
    ],
  },
  { a: 'b', ties: [['c', [[2022, 0.30000000000000004, 3, 3]]]] },
];
const years = [2022, 2023].map((year) => ({ year, from: `${year}-01-01`, to: `${year}-12-31` }));

it('finds the years with encounters', () => {
  expect(yearsWithEncounters(rows)).toEqual([2022, 2023]);
});

it('keeps, year by year, the ties whose sums pass the tie conditions', () => {
  const pairs = (minWeight: number, minCount: number, minMeetings: number) =>
    graphsByYear(services, rows, years, { minWeight, minCount, minMeetings }).map((g) => g.edges.map((e) => `${e.a}-${e.b} ${e.count}`));
  // weight ≥ 0.25: 2022 a–b (0.5) and b–c (0.3); 2023 a–b (0.4), not a–c (0.1)
  expect(pairs(0.25, 1, 1)).toEqual([['a-b 1', 'b-c 3'], ['a-b 2']]);
  // two encounters or more: 2022 b–c (3); 2023 a–b (2)
  expect(pairs(0, 2, 1)).toEqual([['b-c 3'], ['a-b 2']]);
  // two days or more: 2022 b–c (3 days); 2023 none (a–b met twice on one day)
  expect(pairs(0, 1, 2)).toEqual([['b-c 3'], []]);
  // every graph holds every service, tied or not
  expect(graphsByYear(services, rows, years, { minWeight: 0, minCount: 1, minMeetings: 1 }).map((g) => g.nodes.length)).toEqual([3, 3]);
});
