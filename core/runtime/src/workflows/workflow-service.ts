import { InputError } from '@dwc/sdk';
import type { ActionCatalog } from '../actions/action-catalog.js';
import { parseWorkflowDefinition, type WorkflowDefinition } from '../engine/index.js';
import { checkStepInputs, stepCheckError } from './check-step-inputs.js';
import type { WorkflowStore } from './workflow-store.js';

export type WorkflowService = ReturnType<typeof createWorkflowService>;

type Steps = WorkflowDefinition['steps'];

/**
 * Workflows as clients save them: every save is parsed and checked before a version is written,
 * so a mistake is refused at save rather than found at run time. Reads go to the store.
 */
export function createWorkflowService(deps: {
  store: WorkflowStore<WorkflowDefinition>;
  actions: Pick<ActionCatalog, 'get' | 'types'>;
  /** Installed notification channels, to refuse a `notify` rule naming another. */
  channels?: { types(): string[] };
}) {
  const { store, actions } = deps;

  function checkNotifyChannels(definition: WorkflowDefinition): void {
    if (deps.channels === undefined || definition.notify === undefined) return;
    const installed = deps.channels.types();
    const details: Record<string, string[]> = {};
    definition.notify.forEach((rule, index) => {
      if (!installed.includes(rule.channel)) details[`notify.${index}.channel`] = [`no channel "${rule.channel}" is installed; installed: ${installed.join(', ') || 'none'}`];
    });
    const [first] = Object.entries(details);
    if (first) throw new InputError(`The workflow's notify setting names a channel that is not installed (${first[0]}: ${first[1][0]}).`, { code: 'channel_not_installed', details });
  }

  /**
   * A definition from a request body, checked: its shape, graph and expressions (`invalid_workflow`),
   * then each step against its action (`action_not_found`, `invalid_step_input`). Throws InputError.
   */
  function parse(body: unknown): WorkflowDefinition {
    const definition = parseWorkflowDefinition(body);
    const error = stepCheckError(checkStepInputs(definition.steps, actions), definition.steps);
    if (error !== undefined) throw error;
    checkNotifyChannels(definition);
    return definition;
  }

  return {
    get: store.get,
    require: store.require,
    list: store.list,
    delete: store.delete,
    version: store.version,
    versions: store.versions,
    parse,
    /** Saves a new workflow at version 1. */
    create: (body: unknown) => store.create(parse(body)),
    /** Saves `body` as the workflow's next version. */
    update: (id: string, body: unknown) => store.update(id, parse(body)),
    /** Applies `change` to the latest steps and saves the result, checked as a whole, as the next version. */
    async editSteps(id: string, change: (steps: Steps) => Steps) {
      const workflow = await store.require(id);
      return store.update(id, parse({ ...workflow.definition, steps: change([...workflow.definition.steps]) }));
    },
  };
}
