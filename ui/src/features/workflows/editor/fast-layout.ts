import type { GraphEdge } from './graph-model';

const H_GAP = 40;
const V_GAP = 50;

/**
 * A layered top-to-bottom layout in linear time, for graphs too big for dagre's crossing
 * minimisation to stay quick: a step's rank is its longest path from a root; within a rank, steps
 * are ordered by the mean position of their parents (one pass down) and centred.
 */
export function fastLayout(ids: readonly string[], edges: readonly GraphEdge[], width: number, height: number): Map<string, { x: number; y: number }> {
  const parents = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const edge of edges) parents.get(edge.target)?.push(edge.source);
  const rank = new Map<string, number>();
  const rankOf = (id: string, path: Set<string>): number => {
    const known = rank.get(id);
    if (known !== undefined) return known;
    path.add(id);
    let value = 0;
    for (const parent of parents.get(id) ?? []) if (!path.has(parent)) value = Math.max(value, rankOf(parent, path) + 1);
    path.delete(id);
    rank.set(id, value);
    return value;
  };
  const layers: string[][] = [];
  for (const id of ids) (layers[rankOf(id, new Set())] ??= []).push(id);

  const slot = new Map<string, number>();
  const widest = Math.max(...layers.map((layer) => layer?.length ?? 0));
  const positions = new Map<string, { x: number; y: number }>();
  layers.forEach((layer, depth) => {
    if (!layer) return;
    const mean = (id: string) => {
      const ps = (parents.get(id) ?? []).filter((p) => slot.has(p));
      return ps.length === 0 ? 0 : ps.reduce((sum, p) => sum + slot.get(p)!, 0) / ps.length;
    };
    const ordered = [...layer].sort((a, b) => mean(a) - mean(b));
    const offset = (widest - ordered.length) / 2;
    ordered.forEach((id, i) => {
      slot.set(id, offset + i);
      positions.set(id, { x: 20 + (offset + i) * (width + H_GAP), y: 20 + depth * (height + V_GAP) });
    });
  });
  return positions;
}
