import { describe, expect, it } from 'vitest';
import { fastLayout } from './fast-layout';
import { edgesOf } from './graph-model';

describe('fastLayout', () => {
  it('puts every step below the steps it waits for, and no two steps in one place', () => {
    const steps = Array.from({ length: 400 }, (_, i) => ({ id: `s${i}`, type: 'transform', input: {}, ...(i % 10 === 5 && i > 5 ? { depends_on: [`s${i - 5}`] } : {}), ...(i % 10 === 6 && i > 6 ? { depends_on: [`s${i - 1}`, `s${i - 2}`] } : {}) }));
    const edges = edgesOf(steps);
    const positions = fastLayout(steps.map((s) => s.id), edges, 220, 72);
    expect(positions.size).toBe(400);
    for (const edge of edges) expect(positions.get(edge.target)!.y).toBeGreaterThan(positions.get(edge.source)!.y);
    expect(new Set([...positions.values()].map((p) => `${p.x},${p.y}`)).size).toBe(400);
  });

  it('still places every step of a graph with a cycle', () => {
    const edges = [{ id: 'a->b', source: 'a', target: 'b', implicit: false }, { id: 'b->a', source: 'b', target: 'a', implicit: false }];
    expect(fastLayout(['a', 'b'], edges, 10, 10).size).toBe(2);
  });
});
