/**
 * The order acquaintances are listed in, and their pages: strongest first (weighted strength), then
 * by pair. The cursor of a row is its key, so pages stay stable while the strengths do.
 */
import type { TieEdge } from './graph';

/** A tie's pair as one string (a < b): the key of tie lists and the end of a cursor. */
export const pairKey = (t: { a: string; b: string }) => `${t.a}|${t.b}`;

/** Sorts as the list does: a smaller key comes first (strength inverted into a fixed-width string). */
export const acquaintanceKey = (t: TieEdge) => `${(1e9 - t.strength).toFixed(9).padStart(20, '0')}|${pairKey(t)}`;

/** The edges in list order with their keys, once per loaded list: a dashboard pages through the same cached graph. */
const inOrder = new WeakMap<TieEdge[], Array<{ t: TieEdge; key: string }>>();

function sortedOnce(edges: TieEdge[]): Array<{ t: TieEdge; key: string }> {
  let sorted = inOrder.get(edges);
  if (!sorted) {
    sorted = edges.map((t) => ({ t, key: acquaintanceKey(t) })).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    inOrder.set(edges, sorted);
  }
  return sorted;
}

/** The `size` ties after the cursor `after` (a key; null for the first page). */
export function acquaintancePage(edges: TieEdge[], after: string | null, size: number): TieEdge[] {
  const sorted = sortedOnce(edges);
  const start = after === null ? 0 : sorted.findIndex((t) => t.key > after);
  return start < 0 ? [] : sorted.slice(start, start + size).map((x) => x.t);
}
