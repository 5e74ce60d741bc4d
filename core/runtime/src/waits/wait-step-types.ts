import { z } from '@dwc/sdk';
import { waitUntilEs, waitEventEs, approvalEs } from '../i18n/engine-es.js';

/** The engine's own step types that park an execution as `waiting` (no plugin provides them; no worker is held). */
export const WAIT_UNTIL_STEP = 'wait.until';
export const WAIT_EVENT_STEP = 'wait.event';
export const APPROVAL_STEP = 'approval';

export type WaitKind = 'until' | 'event' | 'approval';

export const waitKinds: Readonly<Record<string, WaitKind>> = { [WAIT_UNTIL_STEP]: 'until', [WAIT_EVENT_STEP]: 'event', [APPROVAL_STEP]: 'approval' };

/** The wait kind of a step type, if it is one of the waiting steps. */
export const waitKindOf = (type: string): WaitKind | undefined => (Object.hasOwn(waitKinds, type) ? waitKinds[type] : undefined);

const timeoutMs = z.number().int().min(1).meta({ title: 'Timeout (ms)', description: 'Give up waiting after this many milliseconds (no upper bound); left out, wait for ever.' });
const onTimeout = (fallback: 'continue' | 'fail') => z.enum(['continue', 'fail']).default(fallback).meta({
  description: `On timeout: \`continue\` ends the step with \`timed_out: true\` in its output (route later steps with \`when\`), \`fail\` fails it with \`wait_timed_out\`. Default \`${fallback}\`.`,
});

export const waitUntilInputSchema = z.union([
  z.strictObject({ until: z.iso.datetime({ offset: true }).meta({ title: 'Until', description: 'ISO-8601 date-time with an offset; a past time does not wait.' }) }),
  z.strictObject({ duration_ms: z.number().int().min(0).meta({ title: 'Milliseconds', description: 'How long to wait (no upper bound).' }) }),
]);

export const waitUntilOutputSchema = z.object({
  waited_until: z.iso.datetime().meta({ description: 'When the wait was due (ISO-8601, UTC).' }),
  resumed_at: z.iso.datetime().meta({ description: 'When the execution resumed.' }),
});

export const waitEventInputSchema = z.strictObject({
  event_type: z.string().min(1).max(200).meta({
    description: 'The event to wait for: a type posted to `POST /api/v3/events` (e.g. `order_paid`, heard as `external.order_paid`) or an internal event type (e.g. `document.created`).',
  }),
  match: z.record(z.string(), z.unknown()).default({}).meta({
    description: "Fields the event's data must have, by dotted path, each equal to the value given (templates allowed, e.g. `{\"order_id\": \"{{ input.order_id }}\"}`).",
  }),
  timeout_ms: timeoutMs.optional(),
  on_timeout: onTimeout('continue'),
});

export const waitEventOutputSchema = z.object({
  timed_out: z.boolean(),
  event: z.object({ type: z.string(), timestamp: z.string(), data: z.unknown(), user_id: z.string().nullable() }).nullable()
    .meta({ description: 'The event that resumed the step; null on timeout.' }),
  resumed_at: z.iso.datetime(),
});

export const approvalInputSchema = z.strictObject({
  message: z.string().min(1).max(5000).meta({ description: 'What the approvers are asked.' }),
  approvers: z.array(z.string().min(1).max(100)).min(1).max(100).meta({
    description: 'Who may decide: roles (`owner`, `admin`, `editor`, `viewer`) or user ids.',
  }),
  timeout_ms: timeoutMs.optional(),
  on_reject: z.enum(['continue', 'fail']).default('fail').meta({
    description: '`fail` (default) fails the step with `approval_rejected`; `continue` ends it with `decision: "rejected"` for `when` on later steps.',
  }),
  on_timeout: onTimeout('fail'),
});

export const approvalOutputSchema = z.object({
  decision: z.enum(['approved', 'rejected', 'timed_out']),
  approved: z.boolean(),
  timed_out: z.boolean(),
  decided_by: z.object({ user_id: z.string().nullable(), label: z.string() }).nullable(),
  decided_at: z.iso.datetime(),
  comment: z.string().nullable(),
});

export type WaitUntilInput = z.infer<typeof waitUntilInputSchema>;
export type WaitEventInput = z.infer<typeof waitEventInputSchema>;
export type ApprovalInput = z.infer<typeof approvalInputSchema>;
export type ApprovalOutput = z.infer<typeof approvalOutputSchema>;

/** How the waiting steps present themselves next to the plugins' actions. */
export const waitStepTypes = [
  {
    type: WAIT_UNTIL_STEP,
    title: 'Wait until',
    description: 'Parks the execution as `waiting` until a date-time or for a duration (no upper bound); no worker is held and a restart loses nothing.',
    i18n: waitUntilEs,
    input: waitUntilInputSchema,
    output: waitUntilOutputSchema,
  },
  {
    type: WAIT_EVENT_STEP,
    title: 'Wait for an event',
    description: 'Parks the execution as `waiting` until an event of `event_type` whose data matches `match` arrives, or `timeout_ms` passes.',
    i18n: waitEventEs,
    input: waitEventInputSchema,
    output: waitEventOutputSchema,
  },
  {
    type: APPROVAL_STEP,
    title: 'Approval',
    description: 'Parks the execution as `waiting` until one of `approvers` approves or rejects (POST .../steps/{step_id}/approve or /reject), or `timeout_ms` passes.',
    i18n: approvalEs,
    input: approvalInputSchema,
    output: approvalOutputSchema,
  },
] as const;
