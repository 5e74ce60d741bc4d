import { defineTrigger, z, type DwcEvent } from '@dwc/sdk';
import { eventEs } from './i18n-es.js';

const EVENT_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*(\.\*)?$/;

/** Event families a workflow may follow; the bus's own plumbing (plugins, workflows, tokens) is not among them. */
const FOLLOWABLE = ['execution.', 'step.', 'document.', 'approval.', 'notification.', 'external.'];

export const eventSettingsSchema = z.strictObject({
  event: z
    .string()
    .max(200)
    .regex(EVENT_PATTERN, 'an event type such as "execution.failed" or a prefix such as "external.*"')
    .refine((type) => FOLLOWABLE.some((family) => type.startsWith(family)), `must start with one of ${FOLLOWABLE.join(', ')}`)
    .meta({
      description: 'e.g. `execution.succeeded`, `execution.failed`, `document.created`, `approval.decided`, `external.content_request` (POST /api/v3/events), or a prefix `external.*`',
    }),
  match: z
    .record(z.string().max(200), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .default({})
    .meta({ description: 'Payload fields (dotted paths, e.g. `data.topic` or `workflow_id`) that must equal these values' }),
});

export type EventSettings = z.output<typeof eventSettingsSchema>;

/** The value at a dotted path of `value`, or undefined. */
function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Whether the event is one the workflow follows: the match holds, and it is not about a run of this same workflow (which would loop). */
export function eventMatches(event: DwcEvent, settings: EventSettings, workflowId: string): boolean {
  if (event.payload.workflow_id === workflowId && !event.type.startsWith('external.')) return false;
  return Object.entries(settings.match).every(([path, expected]) => at(event.payload, path) === expected);
}

export const eventTrigger = defineTrigger({
  type: 'event',
  title: 'Event',
  description: 'Runs when an event happens (an execution ends, a document is created, an approval is decided, or a client posts to /api/v3/events). The input is {type, timestamp, payload}; for posted events payload is {type, data, user_id}.',
  i18n: eventEs,
  settings: eventSettingsSchema,
  // Events of every process reach every process (on Postgres through the event bridge), so one listener is enough; several would fire twice.
  runsOn: 'one',
  async start(settings, ctx) {
    return ctx.events.on(settings.event, (event) => {
      if (!eventMatches(event, settings, ctx.workflowId)) return;
      ctx.emit({ type: event.type, timestamp: event.timestamp, payload: event.payload }).catch((error: unknown) => ctx.log.error({ err: error, event: event.type }, 'event trigger could not start the workflow'));
    });
  },
});
