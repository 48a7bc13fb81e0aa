/** Per-request memo of the network module: a subgraph is loaded once however many measures use it. */
import type { Subgraph } from './scope';

export function createNetworkLoaders() {
  return { subgraphs: new Map<string, Promise<Subgraph>>() };
}

export type NetworkLoaders = ReturnType<typeof createNetworkLoaders>;
