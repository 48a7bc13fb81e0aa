/**
 * The hypergeometric backbone on a two-mode graph small enough to count by hand. B1: 8 meetings
 * (N = 8), 7 services; k = the meetings each takes part in.
 *
 *   meeting  m1 m2 m3 m4 m5 m6 m7 m8     k
 *   A         x  x  x                    3
 *   B         x  x  x                    3
 *   C         x  x  x  x  x  x  x  x     8   (goes to everything)
 *   D                  x                 1
 *   E                  x  x  x           3
 *   F         x  x     x  x              4
 *   G                     x  x           2
 *
 * p = P(X ≥ c), X ~ Hypergeometric(N = 8, k_a, k_b), counted as Σ C(k_a, x) C(8 − k_a, k_b − x) / C(8, k_b):
 *   A–B c=3: C(3,3)C(5,0)/C(8,3) = 1/56 ≈ 0.0179
 *   E–G c=2: C(3,2)C(5,0)/C(8,2) = 3/28 ≈ 0.107
 *   D–E c=1: 1 − C(3,0)C(5,3)/C(8,3)… with k_D = 1: P(X ≥ 1) = k_E/N = 3/8 = 0.375
 *   A–F, B–F, E–F c=2: (C(3,2)C(5,2) + C(3,3)C(5,1))/C(8,4) = (30 + 5)/70 = 0.5
 *   D–F c=1: 4/8 = 0.5
 *   F–G c=1: 1 − C(4,0)C(4,2)/C(8,2) = 1 − 6/28 = 22/28 ≈ 0.786
 *   C with anyone: C shares every meeting of the other by construction, p = 1 (A–C met 3 times, as A–B did).
 * 14 pairs met at least once; the family is every dyad of the 7 services: m = 7·6/2 = 21.
 */
import { execFileSync } from 'node:child_process';
import { Random } from '../../../seed/random';
import { hypergeometricBackbone, hypergeometricUpperTail, significant } from './backbone';

const B1 = [
  ['A', 'B', 'C', 'F'], // m1
  ['A', 'B', 'C', 'F'], // m2
  ['A', 'B', 'C'], // m3
  ['C', 'D', 'E', 'F'], // m4
  ['C', 'E', 'F', 'G'], // m5
  ['C', 'E', 'G'], // m6
  ['C'], // m7
  ['C'], // m8
];
const keptOf = (alpha: number, correction: 'NONE' | 'BONFERRONI' | 'HOLM') => [...hypergeometricBackbone(B1, { alpha, correction }).kept].sort();

describe('hypergeometric backbone (B1: N = 8 meetings, 7 services, 21 dyads)', () => {
  const b = hypergeometricBackbone(B1, { alpha: 0.05, correction: 'NONE' });
  const p = (a: string, c: string) => b.pairs.find((t) => t.a === a && t.b === c)?.p;

  it('counts meetings, degrees, co-occurrences and the family', () => {
    expect(b.meetings).toBe(8);
    expect(b.services).toBe(7);
    expect(b.tests).toBe(21); // 7·6/2
    expect(b.pairs).toHaveLength(14); // pairs that met at least once (listed in the header)
    expect(b.pairs.find((t) => t.a === 'A' && t.b === 'B')).toMatchObject({ cooccurrences: 3, degreeA: 3, degreeB: 3 });
    expect(b.pairs.find((t) => t.a === 'C' && t.b === 'F')).toMatchObject({ cooccurrences: 4, degreeA: 8, degreeB: 4 });
  });

  it('gives the p-values counted by hand', () => {
    expect(p('A', 'B')).toBeCloseTo(1 / 56, 12);
    expect(p('E', 'G')).toBeCloseTo(3 / 28, 12);
    expect(p('D', 'E')).toBeCloseTo(3 / 8, 12);
    expect(p('A', 'F')).toBeCloseTo(35 / 70, 12);
    expect(p('D', 'F')).toBeCloseTo(4 / 8, 12);
    expect(p('F', 'G')).toBeCloseTo(22 / 28, 12);
    // C goes to every meeting: sharing all of A's three is what chance gives.
    expect(p('A', 'C')).toBe(1);
    expect(p('C', 'F')).toBe(1);
  });

  it('keeps the pairs below α, with the correction asked', () => {
    expect(keptOf(0.05, 'NONE')).toEqual(['A|B']); // 1/56 < 0.05; E–G 0.107 is not
    expect(keptOf(0.2, 'NONE')).toEqual(['A|B', 'E|G']); // + 3/28
    expect(keptOf(0.4, 'NONE')).toEqual(['A|B', 'D|E', 'E|G']); // + 3/8; never A–C (p = 1) though it met as often as A–B
    expect(keptOf(0.4, 'BONFERRONI')).toEqual(['A|B']); // 1/56 = 0.0179 < 0.4/21 = 0.0190
    expect(keptOf(0.35, 'BONFERRONI')).toEqual([]); // 0.0179 ≥ 0.35/21 = 0.0167
    expect(keptOf(0.5, 'HOLM')).toEqual(['A|B']); // 0.0179 < 0.5/21 = 0.0238, then 3/28 ≥ 0.5/20 = 0.025: stop
  });

  it('ignores empty meetings and a service listed twice', () => {
    const again = hypergeometricBackbone([...B1.map((m) => [...m, m[0]!]), []], { alpha: 0.05, correction: 'NONE' });
    expect(again.meetings).toBe(8);
    expect(again.pairs).toEqual(b.pairs);
  });
});

describe('Holm steps down where Bonferroni does not', () => {
  // m = 4, α = 0.1: Bonferroni's bar is 0.025 for all (keeps 0.01, 0.02); Holm's 0.025, 0.0333, 0.05, 0.1 (keeps 0.01, 0.02, 0.03, stops at 0.5).
  const tests = [
    { key: 'w', p: 0.03 },
    { key: 'x', p: 0.01 },
    { key: 'y', p: 0.5 },
    { key: 'z', p: 0.02 },
  ];
  it('keeps what each correction says', () => {
    expect([...significant(tests, 4, 0.1, 'BONFERRONI')].sort()).toEqual(['x', 'z']);
    expect([...significant(tests, 4, 0.1, 'HOLM')].sort()).toEqual(['w', 'x', 'z']);
    expect([...significant(tests, 4, 0.1, 'NONE')].sort()).toEqual(['w', 'x', 'z']);
  });
});

describe('the hypergeometric tail', () => {
  it('handles the ends of the support', () => {
    expect(hypergeometricUpperTail(10, 4, 5, 0)).toBe(1);
    expect(hypergeometricUpperTail(10, 8, 5, 3)).toBe(1); // at least 8 + 5 − 10 = 3 shared by force
    expect(hypergeometricUpperTail(10, 4, 5, 5)).toBe(0); // more than min(4, 5)
    expect(hypergeometricUpperTail(10, 4, 5, 4)).toBeCloseTo((1 * 6) / 252, 14); // C(4,4)C(6,1)/C(10,5)
  });

  it('agrees with the exact rational tail (Python fractions, math.comb) on random cases, tiny p-values included', () => {
    const rnd = new Random(26);
    const cases = Array.from({ length: 60 }, () => {
      const N = rnd.int(2, 400);
      const K = rnd.int(0, N);
      const n = rnd.int(0, N);
      const c = rnd.int(Math.max(0, n + K - N), Math.min(K, n));
      return [N, K, n, c] as const;
    });
    cases.push([300, 10, 10, 10], [2000, 40, 30, 25]); // p ≈ 1e-18, ≈ 1e-50
    const script = `
import json, sys
from fractions import Fraction
from math import comb
out = []
for N, K, n, c in json.load(sys.stdin):
    t = sum(Fraction(comb(K, x) * comb(N - K, n - x)) for x in range(c, min(K, n) + 1)) / comb(N, n)
    out.append(float(t))
print(json.dumps(out))
`;
    const exact = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(cases), encoding: 'utf8' })) as number[];
    cases.forEach(([N, K, n, c], i) => {
      const ours = hypergeometricUpperTail(N, K, n, c);
      const theirs = exact[i]!;
      // Relative agreement: the tail is summed term by term, so small p-values keep their digits.
      expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(1e-9 * theirs + 1e-300);
    });
  });
});
