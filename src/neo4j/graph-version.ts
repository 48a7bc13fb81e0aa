/**
 * The graph's version: one node the writers bump after each commit, read by whatever keeps answers
 * computed from the graph (the analytics cache). Bumping after the commit, in a transaction of its
 * own, keeps the version node out of the writers' locks: two writers on separate parts of the graph
 * still run side by side, and only wait for each other on this single tiny update.
 *
 * The epoch changes when the node is created again (a wiped or restored database), so a version
 * never names two states of two databases.
 */
import type { NamedQuery } from './driver';

// Plain objects rather than `cypher()`: driver.ts imports this module.

export const GRAPH_VERSION_READ: NamedQuery = { name: 'graphVersion.read', text: `OPTIONAL MATCH (v:GraphVersion {id: 'graph'}) RETURN v.epoch AS epoch, v.n AS n` };

export const GRAPH_VERSION_BUMP: NamedQuery = {
  name: 'graphVersion.bump',
  text: `MERGE (v:GraphVersion {id: 'graph'})
   ON CREATE SET v.epoch = randomUUID(), v.n = 0
   SET v.n = v.n + 1, v.at = datetime()
   RETURN v.epoch AS epoch, v.n AS n`,
};

export interface GraphVersionRow {
  epoch: string | null;
  n: number | null;
}

/** The version as a cache key part; a graph no writer has bumped yet is version "0". */
export const versionKey = (row: GraphVersionRow | undefined): string => (row?.epoch ? `${row.epoch}:${String(row.n ?? 0)}` : '0');
