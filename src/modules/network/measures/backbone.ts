/**
 * The backbone of a bipartite projection (Neal 2014; Neal's R package `backbone`, `fixedrow()` /
 * `hyperg()`): which co-presence ties are more than the two services' attendance alone would give.
 *
 * The two-mode graph is services × meetings (a meeting is a session, or a group of a session when
 * attendances name one: co-presence counts within a group). In the hypergeometric ("fixed row")
 * model each service keeps its number of meetings k, and takes them at random among the N meetings:
 * the number of meetings two services share is then X ~ Hypergeometric(N, k_a, k_b), and a pair that
 * met c times is kept when P(X ≥ c) < α (one-tailed: only ties stronger than chance are asked for).
 * A service that goes to every meeting shares all of them with everyone, by construction: p = 1,
 * never a backbone tie, however often it met them. Pairs that never met have p = 1 too.
 *
 * Multiple tests (as the package's `mtc`): every dyad of the projection is a test, m = n(n − 1)/2
 * with n the services that take part in at least one meeting; NONE compares each p with α,
 * BONFERRONI with α / m, HOLM steps down (the i-th smallest p with α / (m − i + 1), stopping at the
 * first that fails).
 */
import hypergeometricPmf from '@stdlib/stats-base-dists-hypergeometric-pmf';

export type BackboneModel = 'HYPERGEOMETRIC';
export type BackboneCorrection = 'NONE' | 'BONFERRONI' | 'HOLM';

export interface BackboneSpec {
  model: BackboneModel;
  alpha: number;
  correction: BackboneCorrection;
}

/**
 * P(X ≥ c) for X ~ Hypergeometric(N meetings, K of them one service's, n the other's). Summed from
 * the far end of the tail (smallest terms first), each term stdlib's pmf: no 1 − CDF cancellation,
 * so p-values far below α (and α / m) keep their digits.
 */
export function hypergeometricUpperTail(N: number, K: number, n: number, c: number): number {
  const low = Math.max(0, n + K - N);
  const high = Math.min(K, n);
  if (c <= low) return 1;
  if (c > high) return 0;
  let p = 0;
  for (let x = high; x >= c; x--) p += hypergeometricPmf(x, N, K, n);
  return Math.min(1, p);
}

export interface PairTest {
  /** Service ids, a < b. */
  a: string;
  b: string;
  /** Meetings both took part in. */
  cooccurrences: number;
  degreeA: number;
  degreeB: number;
  p: number;
}

export interface Backbone {
  /** N: meetings with at least one service. */
  meetings: number;
  /** Services that take part in at least one meeting. */
  services: number;
  /** m: dyads of the projection, the family the correction is for. */
  tests: number;
  /** Every pair that met at least once, by pair. */
  pairs: PairTest[];
  /** The pairs kept, as "a|b" (a < b). */
  kept: Set<string>;
}

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Which tests pass, given their p-values, the size of the family and the correction. Ties in p are ordered by key, so the answer is stable. */
export function significant(tests: ReadonlyArray<{ key: string; p: number }>, m: number, alpha: number, correction: BackboneCorrection): Set<string> {
  if (correction === 'NONE') return new Set(tests.filter((t) => t.p < alpha).map((t) => t.key));
  if (correction === 'BONFERRONI') return new Set(tests.filter((t) => t.p < alpha / m).map((t) => t.key));
  const sorted = [...tests].sort((x, y) => x.p - y.p || (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const kept = new Set<string>();
  for (let i = 0; i < sorted.length; i++) {
    const t = sorted[i]!;
    if (!(t.p < alpha / (m - i))) break;
    kept.add(t.key);
  }
  return kept;
}

/**
 * The backbone of the projection of a two-mode graph given as its meetings (each the services that
 * took part; a service listed twice in a meeting counts once, empty meetings are not columns).
 */
export function hypergeometricBackbone(meetings: ReadonlyArray<ReadonlyArray<string>>, spec: Pick<BackboneSpec, 'alpha' | 'correction'>): Backbone {
  const columns = meetings.map((m) => [...new Set(m)].sort()).filter((m) => m.length > 0);
  const degree = new Map<string, number>();
  const together = new Map<string, number>();
  for (const col of columns) {
    for (const s of col) degree.set(s, (degree.get(s) ?? 0) + 1);
    for (let i = 0; i < col.length; i++)
      for (let j = i + 1; j < col.length; j++) {
        const key = `${col[i]}|${col[j]}`;
        together.set(key, (together.get(key) ?? 0) + 1);
      }
  }
  const N = columns.length;
  const n = degree.size;
  const pairs: PairTest[] = [...together.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([key, c]) => {
      const [a, b] = key.split('|') as [string, string];
      const degreeA = degree.get(a)!;
      const degreeB = degree.get(b)!;
      return { a, b, cooccurrences: c, degreeA, degreeB, p: hypergeometricUpperTail(N, degreeA, degreeB, c) };
    });
  const tests = (n * (n - 1)) / 2;
  return {
    meetings: N,
    services: n,
    tests,
    pairs,
    kept: significant(
      pairs.map((t) => ({ key: pairKey(t.a, t.b), p: t.p })),
      tests,
      spec.alpha,
      spec.correction,
    ),
  };
}
