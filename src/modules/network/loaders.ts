/** Per-request memo of the network module: a territory's subgraph is loaded once however many fields use it. */
export function createNetworkLoaders() {
  return { loads: new Map<string, Promise<unknown>>(), graphVersion: null as Promise<string> | null };
}

export type NetworkLoaders = ReturnType<typeof createNetworkLoaders>;
