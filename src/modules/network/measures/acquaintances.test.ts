import { acquaintanceKey, acquaintancePage } from './acquaintances';

// Four ties: two of weight 1 (ordered by pair: sA–sB before sA–sC), one of 2/3, one of 1/3.
const edges = [
  { a: 'sB', b: 'sC', strength: 1 / 3 },
  { a: 'sA', b: 'sC', strength: 1 },
  { a: 'sC', b: 'sD', strength: 2 / 3 },
  { a: 'sA', b: 'sB', strength: 1 },
];
const pairs = (page: typeof edges) => page.map((t) => `${t.a}-${t.b}`);

it('lists the strongest first, equal strengths by pair', () => {
  expect(pairs(acquaintancePage(edges, null, 10))).toEqual(['sA-sB', 'sA-sC', 'sC-sD', 'sB-sC']);
});

it('pages after a cursor without repeating or skipping', () => {
  const first = acquaintancePage(edges, null, 2);
  expect(pairs(first)).toEqual(['sA-sB', 'sA-sC']);
  const second = acquaintancePage(edges, acquaintanceKey(first[1]!), 2);
  expect(pairs(second)).toEqual(['sC-sD', 'sB-sC']);
  expect(acquaintancePage(edges, acquaintanceKey(second[1]!), 2)).toEqual([]); // past the last
});
