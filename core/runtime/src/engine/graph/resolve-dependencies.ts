/** The part of a step that decides what it waits for. */
export interface DependencySource {
  id: string;
  depends_on?: readonly string[] | undefined;
}

/**
 * Each step's dependencies: its `depends_on` when given (`[]` makes it a root that starts at
 * once), otherwise the step before it in the list, so a plain list is a chain. Ids that name no
 * step, the step itself, and repeats are dropped; the definition validator reports them.
 */
export function resolveDependencies(steps: readonly DependencySource[]): Map<string, string[]> {
  const ids = new Set(steps.map((step) => step.id));
  const resolved = new Map<string, string[]>();
  steps.forEach((step, index) => {
    if (step.depends_on === undefined) {
      const previous = steps[index - 1];
      resolved.set(step.id, previous === undefined ? [] : [previous.id]);
      return;
    }
    const known = step.depends_on.filter((id) => id !== step.id && ids.has(id));
    resolved.set(step.id, [...new Set(known)]);
  });
  return resolved;
}
