import { createRequire } from 'node:module';
import { InputError } from '@dwc/sdk';
import type { Liquid, LiquidOptions, Template } from 'liquidjs';

/**
 * Liquid, logic-less enough and sandboxed: templates are parsed into an AST and interpreted (no
 * eval, no `Function`), read only own properties of the data, cannot include files (the template
 * map is empty), and are bounded in parse size, render time and memory. A variable the data lacks
 * is an error, except as the condition of `if`/`unless` and under the `default` filter.
 */
const textOptions: LiquidOptions = {
  strictVariables: true,
  strictFilters: true,
  lenientIf: true,
  ownPropertyOnly: true,
  templates: {},
  parseLimit: 100_000,
  renderLimit: 1_000,
  memoryLimit: 10_000_000,
};
const htmlOptions: LiquidOptions = { ...textOptions, outputEscape: 'escape' };

export type TemplatePart = 'subject' | 'body' | 'html';

export interface TemplateSource {
  subject?: string | null;
  body: string;
  html?: string | null;
}

export interface RenderedMessage {
  subject: string | null;
  body: string;
  html: string | null;
}

const engines: Partial<Record<'text' | 'html', Liquid>> = {};
/** liquidjs is required with the first template, not at start: a process may never render one. */
function engineFor(part: TemplatePart): Liquid {
  const kind = part === 'html' ? 'html' : 'text';
  return (engines[kind] ??= newEngine(kind === 'html' ? htmlOptions : textOptions));
}

function newEngine(options: LiquidOptions): Liquid {
  const { Liquid: LiquidClass } = createRequire(import.meta.url)('liquidjs') as { Liquid: typeof Liquid };
  return new LiquidClass(options);
}

function parse(part: TemplatePart, text: string): Template[] {
  try {
    return engineFor(part).parse(text);
  } catch (error) {
    throw new InputError(`The template's ${part} is not valid Liquid: ${firstLine(error)}`, {
      code: 'template_syntax_error',
      details: { [part]: [firstLine(error)] },
    });
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}

/** The variable a strict render found missing, from liquidjs's `undefined variable: x` message. */
function missingVariable(error: unknown): string | undefined {
  return /undefined variable: ([^\s,]+)/.exec(firstLine(error))?.[1];
}

function renderPart(part: TemplatePart, text: string, data: Record<string, unknown>, where: string): string {
  const template = parse(part, text);
  try {
    return engineFor(part).renderSync(template, data) as string;
  } catch (error) {
    const missing = missingVariable(error);
    if (missing !== undefined) {
      throw new InputError(`${where}: the ${part} uses "${missing}", which the data does not have. Add it to "data" (or guard it with {% if %} or | default).`, {
        code: 'template_variable_missing',
        details: { [part]: [`missing variable "${missing}"`], variable: missing },
      });
    }
    throw new InputError(`${where}: the ${part} could not be rendered: ${firstLine(error)}`, { code: 'template_render_failed', details: { [part]: [firstLine(error)] } });
  }
}

/** Renders every part of a template with `data`; a missing variable is an `InputError` naming it. */
export function renderTemplate(source: TemplateSource, data: Record<string, unknown>, where = 'Template'): RenderedMessage {
  return {
    subject: source.subject == null ? null : renderPart('subject', source.subject, data, where),
    body: renderPart('body', source.body, data, where),
    html: source.html == null ? null : renderPart('html', source.html, data, where),
  };
}

/** The data paths a template part reads (`order.id`, `user.name`), outside loops' own variables. */
export function templateVariables(part: TemplatePart, text: string): string[] {
  return engineFor(part).globalFullVariablesSync(parse(part, text));
}

/**
 * Checks a template when it is saved: it must parse; with `variables` declared, it may use only
 * those (a declared `order` covers `order.id`); with `sampleData`, it must render from it.
 */
export function checkTemplate(source: TemplateSource, options: { variables?: readonly string[] | null; sampleData?: Record<string, unknown> | null }): void {
  const parts = (['subject', 'body', 'html'] as const).filter((part) => source[part] != null);
  const problems: Record<string, string[]> = {};
  for (const part of parts) {
    const used = templateVariables(part, source[part]!);
    if (options.variables != null) {
      const declared = options.variables;
      const undeclared = used.filter((path) => !declared.some((name) => path === name || path.startsWith(`${name}.`) || path.startsWith(`${name}[`)));
      if (undeclared.length > 0) problems[part] = undeclared.map((path) => `uses "${path}", which is not in "variables"`);
    }
  }
  if (Object.keys(problems).length > 0) {
    const first = Object.entries(problems)[0]!;
    throw new InputError(`The template's ${first[0]} ${first[1][0]}; declare it or remove it.`, { code: 'template_variable_missing', details: problems });
  }
  if (options.sampleData != null) renderTemplate(source, options.sampleData, 'With the sample data');
}
