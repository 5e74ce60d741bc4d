import { defineTrigger } from '@dwc/sdk';
import { scheduleTriggerSettingsSchema } from './schedule-spec.js';
import { scheduleEs } from '../i18n/engine-es.js';

/**
 * The `schedule` trigger: `trigger: {"type": "schedule", "kind": "cron" | "interval" | "daily" |
 * "weekly" | "monthly", ...timing, "timezone", ...policies}`. Its settings schema (what the UI draws
 * the form from) is the scheduler's own, so there is one source of truth.
 *
 * Why it lives in the runtime and not in `plugins/trigger-schedule`: a schedule is a database row
 * the runtime's scheduler claims and fires exactly once across processes, and a plugin sees neither
 * the database nor the scheduler. The row follows the workflow through `workflow.trigger_changed`
 * (see `syncWorkflowSchedules`), so `start` has nothing to listen to: it only returns its stop.
 */
export const scheduleTrigger = defineTrigger({
  type: 'schedule',
  title: 'Schedule',
  description: 'Runs the workflow on a cron expression, an interval, or daily, weekly or monthly at a time of day, in a time zone; each planned run starts exactly once.',
  i18n: scheduleEs,
  settings: scheduleTriggerSettingsSchema,
  start: async () => () => undefined,
});
