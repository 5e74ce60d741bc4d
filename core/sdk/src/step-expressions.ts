/**
 * The host's expression evaluator, as an action sees it (`ctx.expressions`): the same one that
 * resolves templates, `when` and `for_each`, under the same time and memory limits. An action
 * evaluates user expressions through it instead of compiling JSONata itself, so no expression can
 * block the server or exhaust its memory.
 */
export interface StepExpressions {
  /**
   * Evaluates the JSONata `expression` over `data`, with `bindings` as `$name` variables (plain
   * data only), and resolves to plain JSON: sequences become arrays, functions are dropped, and
   * `undefined` means nothing matched. Rejects with a DwcError coded `invalid_expression` (syntax or
   * evaluation error, with the position), `expression_timeout` or `expression_memory_limit` (over
   * the host's limits; the message names the setting that raises them) or `expression_too_large`.
   * Abandoned when the step's signal aborts.
   */
  evaluate(expression: string, data: unknown, bindings?: Readonly<Record<string, unknown>>): Promise<unknown>;
}
