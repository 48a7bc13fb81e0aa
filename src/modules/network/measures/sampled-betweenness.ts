/**
 * Betweenness estimated by sampling shortest paths (Riondato & Kornaropoulos 2016, "Fast
 * approximation of betweenness centrality through sampling", Data Min. Knowl. Disc. 30).
 *
 * r pairs (u, v) are drawn uniformly; for each, one shortest u–v path is drawn uniformly among all
 * of them, and every service inside it gains 1/r. With
 *     r = ⌈(c / ε²) (⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉,  c = 0.5,
 * where VD bounds the vertex diameter (the most services on one shortest path), every service's
 * estimate is within ε of its betweenness, all at once, with probability at least 1 − δ. The
 * bound holds for betweenness normalised by n(n − 1) ordered pairs; ours (centrality.ts) is
 * normalised by (n − 1)(n − 2), so estimates and ε are scaled by n / (n − 2).
 *
 * VD is bounded from one breadth-first search per connected component: from any service x, the
 * longest shortest path of its component has at most 2·ecc(x) steps, so at most 2·ecc(x) + 1
 * services.
 *
 * Unweighted ties only: the estimate is of `betweenness`, not of `weightedBetweenness`.
 */
import { indexed, type ServiceGraph, type Tick } from './graph';

export interface SampledBetweenness {
  values: Map<string, number>;
  /** Pairs drawn. */
  samples: number;
  /** Every estimate is within this of the exact figure… */
  errorBound: number;
  /** …with at least this probability. */
  confidence: number;
  /** The bound on the vertex diameter the sample size was computed from. */
  vertexDiameterBound: number;
}

export interface SamplingOptions {
  /** ε on our normalisation (n − 1)(n − 2). */
  errorBound: number;
  /** δ: the bound fails with at most this probability. */
  failureProbability: number;
  seed: number;
}

/** Riondato–Kornaropoulos's universal constant c, as they use it (§4.1). */
const C = 0.5;

/** The sample size for an error ε (on the n(n − 1) normalisation) and failure probability δ. */
export function sampleSize(vertexDiameter: number, epsilon: number, delta: number): number {
  const capacity = vertexDiameter > 2 ? Math.floor(Math.log2(vertexDiameter - 2)) + 1 : 1;
  return Math.ceil((C / (epsilon * epsilon)) * (capacity + Math.log(1 / delta)));
}

/** mulberry32: a small seeded generator, so a seed gives the same estimate every time. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One side of a bidirectional search: distances and path counts from its source, and the services it reached in order. */
class Side {
  readonly dist: Int32Array;
  readonly sigma: Float64Array;
  readonly reached: Int32Array;
  size = 0;
  /** The deepest level: reached[levelStart, size). */
  levelStart = 0;
  level = 0;

  constructor(n: number) {
    this.dist = new Int32Array(n).fill(-1);
    this.sigma = new Float64Array(n);
    this.reached = new Int32Array(n);
  }

  start(s: number): void {
    this.dist[s] = 0;
    this.sigma[s] = 1;
    this.reached[0] = s;
    this.size = 1;
    this.levelStart = 0;
    this.level = 0;
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.dist[this.reached[i]!] = -1;
    this.size = 0;
  }
}

export function sampledBetweenness(graph: ServiceGraph, opts: SamplingOptions, tick: Tick = () => {}): SampledBetweenness {
  const { ids, offsets, targets } = indexed(graph);
  const n = ids.length;
  const scale = n > 2 ? n / (n - 2) : 1;
  const confidence = 1 - opts.failureProbability;
  const fromU = new Side(n);
  const fromV = new Side(n);
  const degree = (x: number) => offsets[x + 1]! - offsets[x]!;
  const levelArcs = (side: Side) => {
    let arcs = 0;
    for (let i = side.levelStart; i < side.size; i++) arcs += degree(side.reached[i]!);
    return arcs;
  };
  /** Every service reached one level deeper from `side`'s deepest level, with its path count. */
  const expand = (side: Side) => {
    const { dist, sigma, reached } = side;
    const end = side.size;
    const next = side.level + 1;
    for (let i = side.levelStart; i < end; i++) {
      const x = reached[i]!;
      for (let k = offsets[x]!; k < offsets[x + 1]!; k++) {
        const y = targets[k]!;
        if (dist[y]! < 0) {
          dist[y] = next;
          sigma[y] = 0;
          reached[side.size++] = y;
        }
        if (dist[y] === next) sigma[y]! += sigma[x]!;
      }
    }
    side.levelStart = end;
    side.level = next;
  };
  const meeting: number[] = [];
  /**
   * Balanced bidirectional breadth-first search (as in KADABRA, Borassi & Natale 2016): the side
   * with fewer ties to follow goes one level deeper, until the two meet. At the first level where
   * they share services, the u–v distance is the sum of the two depths and every shortest path
   * crosses exactly one shared service, so σ(u, v) = Σ σᵤ(w) σᵥ(w) over them. Answers the distance
   * (−1: no path), with the shared services in `meeting`.
   */
  const meet = (u: number, v: number): number => {
    fromU.start(u);
    fromV.start(v);
    meeting.length = 0;
    for (;;) {
      const side = levelArcs(fromU) <= levelArcs(fromV) ? fromU : fromV;
      const other = side === fromU ? fromV : fromU;
      if (side.levelStart === side.size) return -1;
      expand(side);
      for (let i = side.levelStart; i < side.size; i++) if (other.dist[side.reached[i]!]! >= 0) meeting.push(side.reached[i]!);
      if (meeting.length > 0) return fromU.level + fromV.level;
      if (side.levelStart === side.size) return -1;
    }
  };
  const counts = new Float64Array(n);
  const random = seeded(opts.seed);
  /** From t back to the side's source, each step to a predecessor z drawn with probability σ(z) / σ(t); every service passed but the source counted. */
  const walkBack = (side: Side, from: number) => {
    const { dist, sigma } = side;
    let t = from;
    while (dist[t]! > 0) {
      let pick = random() * sigma[t]!;
      let z = -1;
      for (let k = offsets[t]!; k < offsets[t + 1]!; k++) {
        const w = targets[k]!;
        if (dist[w] !== dist[t]! - 1) continue;
        z = w;
        pick -= sigma[w]!;
        if (pick < 0) break;
      }
      if (dist[z]! > 0) counts[z]! += 1;
      t = z;
    }
  };

  // The vertex diameter's bound: one search per component, from its first service.
  let vertexDiameterBound = 1;
  const seen = new Uint8Array(n);
  for (let x = 0; x < n; x++) {
    if (seen[x]) continue;
    tick();
    fromU.start(x);
    while (fromU.levelStart < fromU.size) expand(fromU);
    for (let i = 0; i < fromU.size; i++) seen[fromU.reached[i]!] = 1;
    vertexDiameterBound = Math.max(vertexDiameterBound, 2 * (fromU.level - 1) + 1);
    fromU.clear();
  }

  const epsilon = opts.errorBound / scale;
  const samples = n > 2 ? sampleSize(vertexDiameterBound, epsilon, opts.failureProbability) : 0;
  for (let i = 0; i < samples; i++) {
    if ((i & 255) === 0) tick();
    const u = Math.floor(random() * n);
    let v = Math.floor(random() * (n - 1));
    if (v >= u) v += 1;
    if (meet(u, v) > 1) {
      // A shortest path drawn uniformly: its shared service w with probability σᵤ(w) σᵥ(w) / σ(u, v), then each half.
      let total = 0;
      for (const w of meeting) total += fromU.sigma[w]! * fromV.sigma[w]!;
      let pick = random() * total;
      let w = meeting[meeting.length - 1]!;
      for (const m of meeting) {
        pick -= fromU.sigma[m]! * fromV.sigma[m]!;
        if (pick < 0) {
          w = m;
          break;
        }
      }
      if (w !== u && w !== v) counts[w]! += 1;
      walkBack(fromU, w);
      walkBack(fromV, w);
    }
    fromU.clear();
    fromV.clear();
  }
  const values = new Map(ids.map((id, i) => [id, samples > 0 ? (counts[i]! / samples) * scale : 0]));
  return { values, samples, errorBound: opts.errorBound, confidence, vertexDiameterBound };
}
