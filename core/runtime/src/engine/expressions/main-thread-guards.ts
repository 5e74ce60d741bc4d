import type jsonata from 'jsonata';

/**
 * The main thread runs an expression only while it is cheap; these guards spot, before JSONata
 * allocates anything, what would block the event loop inside one built-in call, where JSONata's
 * own clock is not consulted.
 */
export interface MainThreadGuardLimits {
  /** Largest range (`[1..n]`) built on the main thread. */
  maxRangeItems: number;
  /** Widest `$pad` built on the main thread. */
  maxPadWidth: number;
}

const OFFLOAD_CODE = 'DWC_OFFLOAD';
const JSONATA_MAX_RANGE = 10_000_000;
const RANGE_GUARD = '__dwc_range_guard';
const PAD_GUARD = '__dwc_pad_guard';

/** Whether a main-thread evaluation gave up so that the expression process runs the expression. */
export function isOffloadSignal(error: unknown, sliceMs: number): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, value } = error as { code?: unknown; value?: unknown };
  return code === OFFLOAD_CODE || (code === 'D1012' && value === sliceMs);
}

// A fresh object each time: JSONata writes position and token onto what it catches.
const offload = () => ({ code: OFFLOAD_CODE, message: 'run in the expression process' });

type Node = jsonata.ExprNode & Record<string, unknown>;

/**
 * Adds the guards to `expression`'s syntax tree (in place) and says whether it must skip the main
 * thread altogether: regular expressions (a backtracking pattern runs inside the regex engine,
 * beyond any clock) and `$eval` (its text is compiled at run time, past these guards).
 */
export function guardForMainThread(expression: jsonata.Expression, limits: MainThreadGuardLimits): { offloadOnly: boolean } {
  let offloadOnly = false;
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const element of value) visit(element);
      return;
    }
    const node = value as Node;
    if ((node.type as string) === 'regex') offloadOnly = true; // the typings say "regexp"; JSONata 2 writes "regex"
    if (node.type === 'variable' && (node.value === 'eval' || node.value === 'pad')) offloadOnly = true;
    const padCall = node.type === 'function' && isVariable(node.procedure, 'pad');
    for (const [key, child] of Object.entries(node)) if (!(padCall && key === 'procedure')) visit(child);
    if (node.type === 'binary' && node.value === '..' && node.lhs && node.rhs) {
      node.rhs = call(RANGE_GUARD, [node.lhs as jsonata.ExprNode, node.rhs], node.position);
    }
    if (padCall && node.arguments && node.arguments.length >= 2) {
      node.arguments[1] = call(PAD_GUARD, [node.arguments[1]!], node.position);
    }
  };
  visit(expression.ast());
  expression.assign(RANGE_GUARD, (from: unknown, to: unknown) => {
    const size = Number.isInteger(from) && Number.isInteger(to) ? (to as number) - (from as number) + 1 : 0;
    // Past JSONata's own cap, JSONata refuses it at once.
    if (size > limits.maxRangeItems && size <= JSONATA_MAX_RANGE) throw offload();
    return to;
  });
  expression.assign(PAD_GUARD, (width: unknown) => {
    if (typeof width === 'number' && Math.abs(width) > limits.maxPadWidth) throw offload();
    return width;
  });
  return { offloadOnly };
}

function isVariable(node: unknown, name: string): boolean {
  return typeof node === 'object' && node !== null && (node as Node).type === 'variable' && (node as Node).value === name;
}

function call(name: string, args: jsonata.ExprNode[], position: number | undefined): jsonata.ExprNode {
  return { type: 'function', value: '(', position, arguments: args, procedure: { type: 'variable', value: name, position } };
}
