import type { Edge } from '@xyflow/react';
import { useMemo, useRef } from 'react';
import type { WorkflowStep } from '../workflow-types';
import { edgesOf, layout, NODE_HEIGHT, NODE_WIDTH } from './graph-model';
import type { StepNodeData, StepNodeType } from './step-node';

/**
 * Nodes and edges for React Flow. The layout is recomputed only when the graph's shape changes
 * (ids and dependencies), and a node object is reused while its data is unchanged, so typing in
 * a step's input re-renders nothing on the canvas.
 */
export function useGraph(steps: readonly WorkflowStep[], extra: (step: WorkflowStep) => Partial<StepNodeData>, selected: string | null): { nodes: StepNodeType[]; edges: Edge[] } {
  const shape = steps.map((s, i) => `${s.id}<${s.depends_on?.join(',') ?? `#${i}`}`).join('|');
  const edges = useMemo(() => edgesOf(steps), [shape]);
  const positions = useMemo(() => layout(steps, edges), [shape]);
  const cache = useRef(new Map<string, StepNodeType>());

  const nodes = useMemo(() => {
    const next = new Map<string, StepNodeType>();
    const list = steps.map((step) => {
      const data: StepNodeData = { stepId: step.id, type: step.type, when: step.when !== undefined, forEach: step.for_each !== undefined, errors: 0, ...extra(step) };
      const position = positions.get(step.id) ?? { x: 0, y: 0 };
      const isSelected = step.id === selected;
      const old = cache.current.get(step.id);
      const same =
        old &&
        old.position === position &&
        old.selected === isSelected &&
        Object.keys(data).every((k) => old.data[k] === data[k]) &&
        Object.keys(old.data).length === Object.keys(data).length;
      const node: StepNodeType = same ? old : { id: step.id, type: 'step', position, data, selected: isSelected, width: NODE_WIDTH, height: NODE_HEIGHT };
      next.set(step.id, node);
      return node;
    });
    cache.current = next;
    return list;
  }, [steps, positions, extra, selected]);

  const flowEdges = useMemo<Edge[]>(() => edges.map((e) => ({ id: e.id, source: e.source, target: e.target, className: e.implicit ? 'edge-implicit' : undefined })), [edges]);
  return { nodes, edges: flowEdges };
}
