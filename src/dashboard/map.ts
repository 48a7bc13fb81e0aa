/// <reference lib="dom" />
/**
 * The zone's network map: graphology holds the services and their ties, ForceAtlas2 places them
 * (the same layout as the SVG export), sigma.js draws them with WebGL and reports clicks.
 */
import Graph from 'graphology';
import Sigma from 'sigma';
import { forceLayout } from '../modules/common/force-layout';
import { colourOf } from '../modules/common/sector-colours';

/** At most this many names are written on the map at once. */
const MAX_LABELS = 12;
/** Sigma's default label size and font, to measure labels as it draws them. */
const LABEL_SIZE = 12;
const LABEL_FONT = 'sans-serif';

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
  /** Encounters behind the tie (null when withheld). */
  count: number | null;
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
  graph.forEachNode((id) => graph.setNodeAttribute(id, 'size', 2 + 6 * Math.sqrt(graph.degree(id) / maxDegree)));
  const maxWeight = Math.max(1, ...graph.mapEdges((_, a) => Number(a.weight)));
  graph.forEachEdge((id, a) => graph.mergeEdgeAttributes(id, { size: 0.5 + 2.5 * (Number(a.weight) / maxWeight), color: '#c3c7cc' }));

  let selected: string | null = null;
  /** The services whose names are written on the map (the rest show theirs on hover). */
  const labelled = new Set<string>();
  const renderer = new Sigma(graph, container, {
    // Sigma re-measures its container on every frame; a frame that finds it collapsed (a layout
    // pass, a page being left) threw "Container has no width" (seen once in four CI runs). Now it
    // draws at 1 px and takes the real size back on the next frame.
    // Only chosen labels are drawn (chooseLabels): sigma's own choice let long names overlap and run off the canvas.
    settings: { labelRenderedSizeThreshold: Number.POSITIVE_INFINITY, allowInvalidContainer: true },
    // The selected service and its neighbours stand out; the rest fades.
    nodeReducer: (id, attrs) => {
      const shown = labelled.has(id) ? { ...attrs, labelVisibility: 'visible' as const } : attrs;
      if (!selected) return shown;
      if (id === selected) return { ...shown, highlighted: true, zIndex: 2 };
      return graph.areNeighbors(id, selected) ? { ...shown, zIndex: 1 } : { ...attrs, color: '#e3e5e8', label: '' };
    },
    edgeReducer: (id, attrs) => (selected && !graph.hasExtremity(id, selected) ? { ...attrs, hidden: true } : attrs),
  });

  /**
   * The names written on the map: the best-connected services first, each only where its whole
   * label fits inside the canvas and overlaps no label already chosen; at most MAX_LABELS.
   */
  const measure = document.createElement('canvas').getContext('2d');
  const chooseLabels = () => {
    labelled.clear();
    const { width, height } = container.getBoundingClientRect();
    if (!measure || width < 10) return;
    measure.font = `${LABEL_SIZE}px ${LABEL_FONT}`;
    const taken: Array<[number, number, number, number]> = [];
    const byDegree = graph.nodes().sort((a, b) => graph.degree(b) - graph.degree(a));
    for (const id of byDegree) {
      if (labelled.size >= MAX_LABELS) break;
      const attrs = graph.getNodeAttributes(id);
      const at = renderer.graphToViewport({ x: Number(attrs.x), y: Number(attrs.y) });
      const radius = renderer.scaleSize(Number(attrs.size));
      const box: [number, number, number, number] = [
        at.x + radius + 2,
        at.y - LABEL_SIZE / 2 - 2,
        at.x + radius + 4 + measure.measureText(String(attrs.label)).width,
        at.y + LABEL_SIZE / 2 + 2,
      ];
      if (box[0] < 0 || box[1] < 0 || box[2] > width - 2 || box[3] > height) continue;
      if (taken.some((o) => box[0] < o[2] && o[0] < box[2] && box[1] < o[3] && o[1] < box[3])) continue;
      taken.push(box);
      labelled.add(id);
    }
    renderer.refresh();
  };
  chooseLabels();
  renderer.on('resize', chooseLabels);
  renderer.getCamera().on('updated', chooseLabels);
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
