import { ConflictError, InputError, NotFoundError, type EventBus, type AiGenerateRequest, type AiGenerateResult } from '@dwc/sdk';
import type { Logger } from 'pino';
import type { ExecutionService } from '../executions/execution-service.js';
import type { ExecutionStore } from '../executions/execution-store.js';
import type { StepRecord } from '../executions/execution-types.js';
import type { WorkflowService } from '../workflows/workflow-service.js';
import { EXTERNAL_PREFIX } from '../waits/event-match.js';
import type { ActionCatalog } from '../actions/action-catalog.js';
import { checkActionParameters, describeAutomationActions } from './action-parameters.js';
import { stepInputOf, stepTypeOf } from './action-steps.js';
import { decideWithAi, rulesDecision, type RunDecision } from './ai-decision.js';
import { automationBodySchema, type AutomationBody } from './automation-schemas.js';
import type { AutomationRecord, AutomationRunRecord, AutomationStore, PlannedAction, RunPlan } from './automation-store.js';
import { automationTemplates } from './automation-templates.js';
import { actionStepId, automationWorkflow, parametersOf } from './automation-workflow.js';
import { fillPlaceholders } from './fill-placeholders.js';
import { matchConditions } from './match-conditions.js';
import { chooseVariant, variantOdds, type RandomSource, type VariantOdds } from './thompson.js';

export type AutomationService = ReturnType<typeof createAutomationService>;

/** The variant name feedback on an action without variants is kept under. */
export const DEFAULT_VARIANT = 'default';

/** The current odds of each variant of one action. */
export interface ActionOdds {
  action_index: number;
  variants: VariantOdds[];
}

/** A run as the API shows it: what triggered it, which conditions matched, the decision, and what each action did. */
export interface AutomationRunView extends AutomationRunRecord {
  status: string;
  actions: (PlannedAction & { status: string; output: unknown; error: unknown })[];
}

/**
 * Automations: a trigger with conditions and a list of actions. Each run checks the conditions,
 * picks variants (Thompson sampling over the feedback, when learning), lets the AI decide (when
 * asked; below the confidence threshold an approval comes first; without an AI the rules decide)
 * and executes the automation's workflow as one durable execution.
 */
export function createAutomationService(deps: {
  store: AutomationStore;
  workflows: WorkflowService;
  actions: Pick<ActionCatalog, 'get' | 'describe'>;
  executions: ExecutionService;
  executionStore: Pick<ExecutionStore, 'get' | 'allSteps'>;
  generate: (request: AiGenerateRequest) => Promise<AiGenerateResult>;
  userEmail: (userId: string) => Promise<string | null>;
  events: EventBus;
  logger: Logger;
  random?: RandomSource;
}) {
  const random = deps.random ?? Math.random;

  async function require(id: string): Promise<AutomationRecord> {
    const automation = await deps.store.get(id);
    if (!automation) throw new NotFoundError(`No automation with id "${id}".`, { code: 'automation_not_found', values: { id } });
    return automation;
  }

  async function odds(automation: AutomationRecord): Promise<ActionOdds[]> {
    const feedback = await deps.store.feedback(automation.id);
    return automation.actions.flatMap((action, index) => action.variants
      ? [{ action_index: index, variants: variantOdds(action.variants.map((v) => v.id), feedback.get(index) ?? [], random, 1000) }]
      : []);
  }

  async function view(run: AutomationRunRecord): Promise<AutomationRunView> {
    const execution = run.executionId ? await deps.executionStore.get(run.executionId) : undefined;
    const steps = execution ? await deps.executionStore.allSteps(execution.id) : [];
    const byId = new Map<string, StepRecord>(steps.filter((s) => s.itemIndex === -1).map((s) => [s.stepId, s]));
    return {
      ...run,
      status: execution?.status ?? (run.matched ? 'queued' : 'not_matched'),
      actions: (run.plan?.actions ?? []).map((action) => {
        const step = byId.get(action.step_id);
        return { ...action, status: step?.status ?? 'pending', output: step?.output ?? null, error: step?.error ?? null };
      }),
    };
  }

  async function trigger(id: string, request: { trigger_data: Record<string, unknown>; context: Record<string, unknown> }, source: string): Promise<AutomationRunView> {
    const automation = await require(id);
    if (!automation.enabled) throw new ConflictError(`Automation ${id} is disabled; enable it with PUT to run it.`, { code: 'automation_disabled' });
    const triggerData = request.trigger_data;
    const conditions = await matchConditions(automation.trigger.conditions, triggerData).catch((error: unknown) => {
      throw new InputError(`The automation's condition expression failed: ${error instanceof Error ? error.message : String(error)}`, { code: 'invalid_expression' });
    });
    const matched = conditions.every((c) => c.matched);
    const base = { automationId: id, triggerData, context: { ...request.context, source }, conditions, matched };
    if (!matched) return view(await deps.store.insertRun({ ...base, executionId: null, decision: null, plan: null }));

    const feedback = automation.learning_enabled ? await deps.store.feedback(id) : new Map();
    const ids = automation.actions.map((_, index) => actionStepId(index));
    const decision: RunDecision = automation.ai_decision_making
      ? await decideWithAi(deps.generate, {
        name: automation.name, description: automation.description ?? null, actions: automation.actions, triggerData, context: request.context,
        threshold: automation.decision.confidence_threshold, provider: automation.decision.provider,
      })
      : rulesDecision(ids);
    const creatorEmail = automation.createdBy ? await deps.userEmail(automation.createdBy) : null;
    const people = { creator: { email: creatorEmail, userId: automation.createdBy } };
    const actions: PlannedAction[] = automation.actions.map((action, index) => {
      const variant = action.variants
        ? (automation.learning_enabled ? chooseVariant(action.variants.map((v) => v.id), feedback.get(index) ?? [], random) : action.variants[0]!.id)
        : null;
      const parameters = fillPlaceholders(parametersOf(action, variant), triggerData) as Record<string, unknown>;
      return {
        index, step_id: actionStepId(index), type: action.type, step_type: stepTypeOf(action), variant,
        run: decision.decision === 'run' && decision.actions.includes(actionStepId(index)),
        input: stepInputOf(action.type, parameters, triggerData, people),
      };
    });
    const plan: RunPlan = {
      actions, needs_approval: decision.needs_approval, approvers: automation.decision.approvers,
      approval_message: `Automation "${automation.name}": the AI is ${Math.round((decision.confidence ?? 0) * 100)}% sure it should run ${decision.actions.join(', ')} (${decision.reason}). Approve?`,
    };
    const run = await deps.store.insertRun({ ...base, executionId: null, decision, plan });
    const execution = await deps.executions.start(automation.workflowId, { trigger_data: triggerData, context: request.context, plan }, {
      trigger: { type: 'automation', automation_id: id, run_id: run.id, source },
    });
    await deps.store.setRunExecution(run.id, execution.id);
    return view({ ...run, executionId: execution.id });
  }

  return {
    async create(body: unknown, createdBy: string | null): Promise<AutomationRecord> {
      const parsed = parse(body, deps.actions);
      const workflow = await deps.workflows.create(automationWorkflow(parsed));
      return deps.store.create(parsed, workflow.id, createdBy);
    },
    async update(id: string, body: unknown): Promise<AutomationRecord> {
      const existing = await require(id);
      const parsed = parse(body, deps.actions);
      await deps.workflows.update(existing.workflowId, automationWorkflow(parsed));
      await deps.store.update(id, parsed);
      return require(id);
    },
    async delete(id: string): Promise<void> {
      const existing = await require(id);
      await deps.store.delete(id);
      await deps.workflows.delete(existing.workflowId).catch(() => undefined);
    },
    get: require,
    list: () => deps.store.list(),
    /** The current odds of each variant (actions with variants only). */
    odds,
    trigger: (id: string, request: { trigger_data: Record<string, unknown>; context: Record<string, unknown> }) => trigger(id, request, 'api'),

    async runs(id: string, limit: number, before?: string): Promise<AutomationRunView[]> {
      await require(id);
      return Promise.all((await deps.store.runs(id, limit, before)).map(view));
    },

    /** Credits the variants a run used with its outcome (`score`, or `success` as 1 or 0); returns the odds afterwards. */
    async feedback(id: string, body: { run_id: string; success?: boolean | undefined; score?: number | undefined; action_index?: number | undefined; comment?: string | undefined }) {
      const automation = await require(id);
      const run = await deps.store.getRun(body.run_id);
      if (!run || run.automationId !== id) throw new NotFoundError(`Automation ${id} has no run "${body.run_id}".`, { code: 'automation_run_not_found' });
      const reward = body.score ?? (body.success ? 1 : 0);
      // Every action that ran is credited; one without variants under `default` (counted in stats, no odds to move).
      const credited = (run.plan?.actions ?? []).filter((a) => a.run && (body.action_index === undefined || a.index === body.action_index));
      await deps.store.addFeedback(credited.map((a) => ({ automationId: id, runId: run.id, actionIndex: a.index, variant: a.variant ?? DEFAULT_VARIANT, reward, comment: body.comment ?? null })));
      return { run_id: run.id, reward, credited: credited.map((a) => ({ action_index: a.index, variant: a.variant ?? DEFAULT_VARIANT })), learning_enabled: automation.learning_enabled, variant_odds: await odds(automation) };
    },

    async stats() {
      const [automations, counts] = await Promise.all([deps.store.list(), deps.store.runCounts()]);
      const per = await Promise.all(automations.map(async (a) => ({
        id: a.id, name: a.name, enabled: a.enabled, trigger_type: a.trigger.type, ...(counts.get(a.id) ?? { runs: 0, matched: 0, feedback: 0 }),
        variant_odds: a.learning_enabled ? await odds(a) : [],
      })));
      return {
        total_automations: automations.length,
        enabled: automations.filter((a) => a.enabled).length,
        total_runs: per.reduce((n, a) => n + a.runs, 0),
        matched_runs: per.reduce((n, a) => n + a.matched, 0),
        feedback: per.reduce((n, a) => n + a.feedback, 0),
        automations: per,
      };
    },

    templates: () => automationTemplates,
    /** The named action types available now, with their parameters as JSON Schema. */
    actionTypes: () => describeAutomationActions(deps.actions),

    /** Fires `event_based` automations on events posted to `POST /api/v3/events` (bus `external.<event_type>`) whose conditions match. */
    listen(): () => void {
      return deps.events.on('*', (event) => {
        if (!event.type.startsWith(EXTERNAL_PREFIX)) return;
        const eventType = event.type.slice(EXTERNAL_PREFIX.length);
        const payload = event.payload as { data?: unknown; user_id?: unknown };
        const data = payload.data !== null && typeof payload.data === 'object' ? (payload.data as Record<string, unknown>) : {};
        void (async () => {
          for (const automation of await deps.store.list()) {
            if (!automation.enabled || automation.trigger.type !== 'event_based' || automation.trigger.conditions.event_type !== eventType) continue;
            const run = await trigger(automation.id, { trigger_data: { event_type: eventType, ...data }, context: { user_id: payload.user_id ?? null } }, 'event');
            deps.logger.info({ automation_id: automation.id, run_id: run.id, matched: run.matched }, 'event fired an automation');
          }
        })().catch((error: unknown) => deps.logger.error({ err: error, event: event.type }, 'firing automations on an event failed'));
      });
    },
  };
}

function parse(body: unknown, catalog: Pick<ActionCatalog, 'get'>): AutomationBody {
  const parsed = automationBodySchema.safeParse(body);
  const details = parsed.success
    ? checkActionParameters(parsed.data.actions, catalog)
    : parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
  if (!parsed.success || details.length > 0) {
    throw new InputError(`The automation is invalid: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}.`, { code: 'invalid_automation', details });
  }
  return parsed.data;
}
