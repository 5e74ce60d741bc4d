import { Background, Controls, ReactFlow, useReactFlow, type Connection, type Edge, type OnSelectionChangeParams } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { memo, useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkflowStep } from '../workflow-types';
import { nodeTypes, type StepNodeData, type StepNodeType } from './step-node';
import { useGraph } from './use-graph';

export interface WorkflowCanvasProps {
  steps: readonly WorkflowStep[];
  selected: string | null;
  /** Extra node data (errors, run status) per step; keep it stable (useCallback). */
  extra: (step: WorkflowStep) => Partial<StepNodeData>;
  onSelect(id: string | null): void;
  /** Absent: a read-only graph (the run view). */
  onConnect?(source: string, target: string): void;
  onDeleteSteps?(ids: string[]): void;
  onDeleteEdges?(edges: { source: string; target: string }[]): void;
}

const proOptions = { hideAttribution: true };
const fitViewOptions = { maxZoom: 1, padding: 0.15 };

/** The steps as a graph: chain, branches and joins laid out top to bottom; memoised, so keep its props stable. */
export const WorkflowCanvas = memo(function WorkflowCanvas({ steps, selected, extra, onSelect, onConnect, onDeleteSteps, onDeleteEdges }: WorkflowCanvasProps) {
  const { t } = useTranslation('workflows');
  const { nodes, edges } = useGraph(steps, extra, selected);
  const { fitView } = useReactFlow();
  // A step added or removed: show the whole graph again.
  useEffect(() => {
    const timer = setTimeout(() => void fitView(fitViewOptions), 0);
    return () => clearTimeout(timer);
  }, [steps.length, fitView]);
  const editable = onConnect !== undefined;
  const handleConnect = useCallback((c: Connection) => c.source && c.target && onConnect?.(c.source, c.target), [onConnect]);
  const handleSelection = useCallback(({ nodes: picked }: OnSelectionChangeParams) => {
    if (picked.length === 1) onSelect(picked[0]!.id);
  }, [onSelect]);
  const handleNodesDelete = useCallback((gone: StepNodeType[]) => onDeleteSteps?.(gone.map((n) => n.id)), [onDeleteSteps]);
  const handleEdgesDelete = useCallback((gone: Edge[]) => onDeleteEdges?.(gone.map((e) => ({ source: e.source, target: e.target }))), [onDeleteEdges]);
  return (
    <div className="canvas" aria-label={t('editor.canvas')} role="region">
      <ReactFlow<StepNodeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodeClick={(_e, node) => onSelect(node.id)}
        onPaneClick={() => onSelect(null)}
        onSelectionChange={handleSelection}
        onConnect={editable ? handleConnect : undefined}
        onNodesDelete={editable ? handleNodesDelete : undefined}
        onEdgesDelete={editable ? handleEdgesDelete : undefined}
        nodesDraggable={false}
        nodesConnectable={editable}
        edgesFocusable={editable}
        deleteKeyCode={editable ? ['Delete', 'Backspace'] : null}
        onlyRenderVisibleElements
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.01}
        proOptions={proOptions}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
});
