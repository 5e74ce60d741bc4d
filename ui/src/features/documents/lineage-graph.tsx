import dagre from '@dagrejs/dagre';
import { ReactFlow, ReactFlowProvider, type Edge, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import type { DocumentSummary } from './documents-api';

const W = 200;
const H = 48;

/** The document with its ancestors and descendants, linked by `parent_id`, laid out top to bottom. */
export function LineageGraph({ current, related, label }: { current: DocumentSummary; related: DocumentSummary[]; label: string }) {
  const navigate = useNavigate();
  const { nodes, edges } = useMemo(() => {
    const all = new Map([current, ...related].map((d) => [d.id, d]));
    const graph = new dagre.graphlib.Graph();
    graph.setGraph({ rankdir: 'TB', nodesep: 30, ranksep: 40 });
    graph.setDefaultEdgeLabel(() => ({}));
    for (const id of all.keys()) graph.setNode(id, { width: W, height: H });
    const links: Edge[] = [];
    for (const doc of all.values()) {
      if (doc.parent_id && all.has(doc.parent_id)) {
        graph.setEdge(doc.parent_id, doc.id);
        links.push({ id: `${doc.parent_id}->${doc.id}`, source: doc.parent_id, target: doc.id });
      }
    }
    dagre.layout(graph);
    const placed: Node[] = [...all.values()].map((doc) => {
      const p = graph.node(doc.id);
      return { id: doc.id, position: { x: p.x - W / 2, y: p.y - H / 2 }, data: { label: doc.title }, width: W, className: doc.id === current.id ? 'lineage-node current' : 'lineage-node', connectable: false };
    });
    return { nodes: placed, edges: links };
  }, [current, related]);
  return (
    <div className="lineage" role="img" aria-label={label}>
      <ReactFlowProvider>
        <ReactFlow nodes={nodes} edges={edges} fitView fitViewOptions={{ maxZoom: 1 }} nodesDraggable={false} nodesConnectable={false} proOptions={{ hideAttribution: true }} onNodeClick={(_e, node) => void navigate(`/documents/${node.id}`)} />
      </ReactFlowProvider>
    </div>
  );
}
