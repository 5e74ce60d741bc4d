/**
 * The first dependency cycle found, as the ids along it with the first repeated at the end
 * (`['a', 'b', 'a']`), or undefined when the graph is acyclic. Steps are visited in `order`, so
 * the answer is stable for one definition.
 */
export function findCycle(order: readonly string[], dependencies: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const done = new Set<string>();
  const onPath = new Map<string, number>();
  const path: string[] = [];

  const visit = (id: string): string[] | undefined => {
    if (done.has(id)) return undefined;
    const at = onPath.get(id);
    if (at !== undefined) return [...path.slice(at), id];
    onPath.set(id, path.length);
    path.push(id);
    for (const dependency of dependencies.get(id) ?? []) {
      const cycle = visit(dependency);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(id);
    done.add(id);
    return undefined;
  };

  for (const id of order) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return undefined;
}
