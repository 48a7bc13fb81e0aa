/**
 * Node positions for a network map: ForceAtlas2 (graphology) started from a circle, so the same
 * network always gives the same picture. Shared by the SVG export and the zone dashboard (browser-safe).
 */
import type Graph from 'graphology';
import { circular } from 'graphology-layout';
import forceAtlas2 from 'graphology-layout-forceatlas2';

/** Sets `x` and `y` on every node. Edges may carry a `weight`. */
export function forceLayout(graph: Graph): void {
  circular.assign(graph);
  if (graph.order > 1 && graph.size > 0)
    forceAtlas2.assign(graph, { iterations: graph.order > 2000 ? 50 : 200, settings: { ...forceAtlas2.inferSettings(graph), gravity: 1, scalingRatio: 10 } });
}
