import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';

export interface StepNodeData extends Record<string, unknown> {
  stepId: string;
  type: string;
  when: boolean;
  forEach: boolean;
  errors: number;
  /** Run status when the graph shows an execution. */
  status?: string;
}

export type StepNodeType = Node<StepNodeData, 'step'>;

/** One step on the canvas; memoised so panning and typing elsewhere never re-render it. */
export const StepNode = memo(function StepNode({ data, selected }: NodeProps<StepNodeType>) {
  const { t } = useTranslation('workflows');
  const status = data.status ?? 'none';
  return (
    <div className={`step-node${selected ? ' selected' : ''}${data.errors ? ' has-errors' : ''}`} data-status={status} data-step={data.stepId}>
      <Handle type="target" position={Position.Top} />
      <div className="step-node-id">{data.stepId}</div>
      <div className="step-node-type">{data.type}</div>
      <div className="step-node-flags">
        {data.when && <span className="flag">{t('editor.when')}</span>}
        {data.forEach && <span className="flag">{t('editor.forEach')}</span>}
        {data.errors > 0 && <span className="flag flag-error">{t('editor.errorCount', { count: data.errors })}</span>}
        {data.status && <span className={`flag badge-${status}`}>{t(`status.${status}`, { ns: 'common' })}</span>}
      </div>
      <Handle type="source" position={Position.Bottom} />
    </div>
  );
});

/** Stable across renders (React Flow re-mounts every node when this object changes). */
export const nodeTypes = { step: StepNode };
