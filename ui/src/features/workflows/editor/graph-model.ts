import dagre from '@dagrejs/dagre';
import type { WorkflowStep } from '../workflow-types';
import { fastLayout } from './fast-layout';

export const NODE_WIDTH = 220;
export const NODE_HEIGHT = 72;

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** True when the step follows the one before it without naming it in `depends_on`. */
  implicit: boolean;
}

/** What each step waits for: its `depends_on`, or else the step before it (API.md: a plain list is a chain). */
export function dependenciesOf(steps: readonly WorkflowStep[], index: number): { ids: string[]; implicit: boolean } {
  const step = steps[index]!;
  if (step.depends_on !== undefined) return { ids: step.depends_on, implicit: false };
  return index === 0 ? { ids: [], implicit: true } : { ids: [steps[index - 1]!.id], implicit: true };
}

export function edgesOf(steps: readonly WorkflowStep[]): GraphEdge[] {
  const known = new Set(steps.map((s) => s.id));
  const edges: GraphEdge[] = [];
  steps.forEach((step, index) => {
    const { ids, implicit } = dependenciesOf(steps, index);
    for (const source of ids) if (known.has(source)) edges.push({ id: `${source}->${step.id}`, source, target: step.id, implicit });
  });
  return edges;
}

/** Past this many steps dagre's layout takes most of the time to open a workflow; a linear one takes over. */
const DAGRE_MAX_STEPS = 150;

/** Top-to-bottom layered layout (dagre, or `fastLayout` for big graphs); positions are the nodes' top-left corners. */
export function layout(steps: readonly WorkflowStep[], edges: readonly GraphEdge[]): Map<string, { x: number; y: number }> {
  if (steps.length > DAGRE_MAX_STEPS) return fastLayout(steps.map((s) => s.id), edges, NODE_WIDTH, NODE_HEIGHT);
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 40, ranksep: 50, marginx: 20, marginy: 20 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const step of steps) graph.setNode(step.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const edge of edges) graph.setEdge(edge.source, edge.target);
  dagre.layout(graph);
  const positions = new Map<string, { x: number; y: number }>();
  for (const step of steps) {
    const node = graph.node(step.id);
    positions.set(step.id, { x: node.x - NODE_WIDTH / 2, y: node.y - NODE_HEIGHT / 2 });
  }
  return positions;
}
