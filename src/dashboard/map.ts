/// <reference lib="dom" />
/**
 * The zone's network map: graphology holds the services and their ties, ForceAtlas2 places them
 * (the same layout as the SVG export), sigma.js draws them with WebGL and reports clicks.
 */
import Graph from 'graphology';
import Sigma from 'sigma';
import { forceLayout } from '../modules/common/force-layout';
import { colourOf } from '../modules/common/sector-colours';

export interface MapNode {
  id: string;
  label: string;
  sector: string | null;
}
export interface MapEdge {
  a: string;
  b: string;
  /** Null when withheld (small-cell rule): drawn as the weakest tie. */
  strength: number | null;
}

export interface NetworkMap {
  graph: Graph;
  renderer: Sigma;
  /** Where a service is drawn, in pixels from the map's top-left corner (for tests and tooltips). */
  positionOf(id: string): { x: number; y: number } | null;
  select(id: string | null): void;
  destroy(): void;
}

export function drawMap(container: HTMLElement, nodes: MapNode[], edges: MapEdge[], onClick: (id: string) => void): NetworkMap {
  const graph = new Graph({ type: 'undirected' });
  for (const n of nodes) graph.mergeNode(n.id, { label: n.label, sector: n.sector ?? '', color: `rgb(${colourOf(n.sector ?? '').join(',')})` });
  for (const e of edges) if (graph.hasNode(e.a) && graph.hasNode(e.b) && e.a !== e.b) graph.mergeEdge(e.a, e.b, { weight: e.strength ?? 1 });
  forceLayout(graph);
  const maxDegree = Math.max(1, ...graph.mapNodes((id) => graph.degree(id)));
  graph.forEachNode((id) => graph.setNodeAttribute(id, 'size', 3 + 9 * Math.sqrt(graph.degree(id) / maxDegree)));
  const maxWeight = Math.max(1, ...graph.mapEdges((_, a) => Number(a.weight)));
  graph.forEachEdge((id, a) => graph.mergeEdgeAttributes(id, { size: 0.5 + 2.5 * (Number(a.weight) / maxWeight), color: '#c3c7cc' }));

  let selected: string | null = null;
  const renderer = new Sigma(graph, container, {
    // Sigma re-measures its container on every frame; a frame that finds it collapsed (a layout
    // pass, a page being left) threw "Container has no width" (seen once in four CI runs). Now it
    // draws at 1 px and takes the real size back on the next frame.
    settings: { labelRenderedSizeThreshold: 9, allowInvalidContainer: true },
    // The selected service and its neighbours stand out; the rest fades.
    nodeReducer: (id, attrs) => {
      if (!selected) return attrs;
      if (id === selected) return { ...attrs, highlighted: true, zIndex: 2 };
      return graph.areNeighbors(id, selected) ? { ...attrs, zIndex: 1 } : { ...attrs, color: '#e3e5e8', label: '' };
    },
    edgeReducer: (id, attrs) => (selected && !graph.hasExtremity(id, selected) ? { ...attrs, hidden: true } : attrs),
  });
  renderer.on('clickNode', ({ node }) => onClick(node));
  return {
    graph,
    renderer,
    positionOf(id) {
      if (!graph.hasNode(id)) return null;
      const { x, y } = graph.getNodeAttributes(id);
      return renderer.graphToViewport({ x: Number(x), y: Number(y) });
    },
    select(id) {
      selected = id && graph.hasNode(id) ? id : null;
      renderer.refresh();
    },
    destroy: () => renderer.kill(),
  };
}
