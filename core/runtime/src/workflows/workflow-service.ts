import { ConflictError, type EventBus, type IssueLanguage, type TriggerDefinition } from '@dwc/sdk';
import type { ActionCatalog } from '../actions/action-catalog.js';
import { parseWorkflowDefinition, type WorkflowDefinition } from '../engine/index.js';
import { checkWorkflowNotify, type NotifyChannels } from '../notify/workflow-notify-check.js';
import type { CapabilityRegistry } from '../plugin-host/capability-registry.js';
import { TRIGGER_CHANGED } from '../triggers/trigger-host.js';
import { parseTrigger } from '../triggers/trigger-settings.js';
import { checkStepInputs, stepCheckError } from './check-step-inputs.js';
import type { WorkflowRecord, WorkflowStore } from './workflow-store.js';

export type WorkflowService = ReturnType<typeof createWorkflowService>;

type Steps = WorkflowDefinition['steps'];

/**
 * Workflows as clients save them: every save is parsed and checked before a version is written,
 * so a mistake is refused at save rather than found at run time. Reads go to the store. Turning a
 * trigger on or off, and saving a workflow whose trigger is on, is told on the bus as
 * `workflow.trigger_changed` `{workflow_id, active, trigger}` (the trigger host and the scheduler follow it).
 */
export function createWorkflowService(deps: {
  store: WorkflowStore<WorkflowDefinition>;
  actions: Pick<ActionCatalog, 'get' | 'types'>;
  triggers: CapabilityRegistry<TriggerDefinition>;
  events: EventBus;
  /** Installed notification channels, to refuse a `notify` rule naming another or a recipient it cannot reach. */
  channels?: NotifyChannels;
}) {
  const { store, actions, triggers, events } = deps;

  /**
   * A definition from a request body, checked: its shape, graph and expressions (`invalid_workflow`),
   * its trigger against its type's settings (`trigger_not_found`, `invalid_trigger`), then each step
   * against its action (`action_not_found`, `invalid_step_input`). Throws InputError.
   */
  function parse(body: unknown, language: IssueLanguage = 'en'): WorkflowDefinition {
    const definition = parseWorkflowDefinition(body);
    parseTrigger(triggers, definition.trigger);
    const error = stepCheckError(checkStepInputs(definition.steps, actions, language), definition.steps, language);
    if (error !== undefined) throw error;
    if (deps.channels !== undefined) checkWorkflowNotify(definition.notify, deps.channels);
    return definition;
  }

  /** Refuses a webhook trigger whose method and path another active workflow already listens on. */
  async function assertWebhookFree(id: string, definition: WorkflowDefinition): Promise<void> {
    const { trigger } = definition;
    if (trigger.type !== 'webhook') return;
    const method = String(trigger.method ?? 'POST');
    const taken = (await store.listTriggerActive()).find(
      (other) => other.id !== id && other.definition.trigger.type === 'webhook' && other.definition.trigger.path === trigger.path && String(other.definition.trigger.method ?? 'POST') === method,
    );
    if (taken) {
      throw new ConflictError(`Active workflow ${taken.id} already listens on ${method} /webhook/${String(trigger.path)}.`, {
        code: 'webhook_path_in_use',
        details: { workflow_id: taken.id, method, path: trigger.path },
      });
    }
  }

  const announce = (record: WorkflowRecord<WorkflowDefinition>): void => {
    events.emit(TRIGGER_CHANGED, { workflow_id: record.id, active: record.triggerActive, trigger: record.definition.trigger });
  };

  async function update(id: string, definition: WorkflowDefinition): Promise<WorkflowRecord<WorkflowDefinition>> {
    const before = await store.require(id);
    if (before.triggerActive) await assertWebhookFree(id, definition);
    const saved = await store.update(id, definition);
    if (saved.triggerActive) announce(saved);
    return saved;
  }

  return {
    get: store.get,
    require: store.require,
    list: store.list,
    version: store.version,
    versions: store.versions,
    parse,
    /** Saves a new workflow at version 1 (its trigger off). `language`: of the step-input messages it may refuse with. */
    create: (body: unknown, language?: IssueLanguage) => store.create(parse(body, language)),
    /** Saves `body` as the workflow's next version; an active trigger stays active with the new settings. */
    update: (id: string, body: unknown, language?: IssueLanguage) => update(id, parse(body, language)),
    /** Applies `change` to the latest steps and saves the result, checked as a whole, as the next version. */
    async editSteps(id: string, change: (steps: Steps) => Steps) {
      const workflow = await store.require(id);
      return update(id, parse({ ...workflow.definition, steps: change([...workflow.definition.steps]) }));
    },
    /** Hides the workflow (its trigger stops). */
    async delete(id: string): Promise<void> {
      const workflow = await store.require(id);
      await store.delete(id);
      if (workflow.triggerActive) events.emit(TRIGGER_CHANGED, { workflow_id: id, active: false, trigger: workflow.definition.trigger });
    },
    /**
     * Turns the workflow's trigger on or off. Turning on checks the trigger against its type now
     * (its plugin may have been disabled since the save: `trigger_unavailable`) and that no other
     * active workflow has its webhook path.
     */
    async setActive(id: string, active: boolean): Promise<WorkflowRecord<WorkflowDefinition>> {
      const workflow = await store.require(id);
      if (active) {
        try {
          parseTrigger(triggers, workflow.definition.trigger);
        } catch (error) {
          throw new ConflictError(`The ${workflow.definition.trigger.type} trigger cannot be turned on: ${(error as Error).message}`, {
            code: 'trigger_unavailable',
            details: { type: workflow.definition.trigger.type },
            cause: error,
          });
        }
        await assertWebhookFree(id, workflow.definition);
      }
      const saved = await store.setTriggerActive(id, active);
      announce(saved);
      return saved;
    },
  };
}
