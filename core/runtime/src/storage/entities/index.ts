import type { EntitySchemaColumnOptions } from 'typeorm';
import { EntitySchema } from '../typeorm.js';
import type { Dialect } from '../dialect.js';
import { pluginConfigEntity } from './plugin-config.js';
import { settingEntity } from './setting.js';
import { aiUsageEntity } from './ai-usage.js';
import { aiWorkflowEntity } from './ai-workflow.js';
import { blobEntity } from './blob.js';
import { documentEmbeddingEntity } from './document-embedding.js';
import { documentEntity } from './document.js';
import { executionEntity } from './execution.js';
import { executionStepEntity } from './execution-step.js';
import { jobEntity } from './job.js';
import { workflowEntity } from './workflow.js';
import { workflowVersionEntity } from './workflow-version.js';
import { auditEventEntity } from './audit-event.js';
import { secretEntity } from './secret.js';
import { apiKeyEntity } from './api-key.js';
import { authSessionEntity } from './auth-session.js';
import { loginFailureEntity } from './login-failure.js';
import { recoveryCodeEntity } from './recovery-code.js';
import { refreshTokenEntity } from './refresh-token.js';
import { userEntity } from './user.js';
import { notificationEntity } from './notification.js';
import { notificationAttemptEntity } from './notification-attempt.js';
import { notificationTemplateEntity } from './notification-template.js';
import { inboxMessageEntity } from './inbox-message.js';
import { pushSubscriptionEntity } from './push-subscription.js';
import { scheduleEntity } from './schedule.js';
import { scheduleRunEntity } from './schedule-run.js';
import { triggerStateEntity } from './trigger-state.js';
import { executionWaitEntity } from './execution-wait.js';
import { automationEntity, automationFeedbackEntity, automationRunEntity } from './automation.js';
import { metricPointEntity } from './metric-point.js';
import { executionStatsHourlyEntity, rollupProgressEntity, stepStatsHourlyEntity } from './execution-stats-hourly.js';

/**
 * Every entity, declared once with Postgres column types. Add new entities here; the migration
 * generator and the schema check in the tests read this list.
 */
export const entities: readonly EntitySchema[] = [
  settingEntity,
  pluginConfigEntity,
  workflowEntity,
  workflowVersionEntity,
  executionEntity,
  executionStepEntity,
  jobEntity,
  documentEntity,
  blobEntity,
  auditEventEntity,
  secretEntity,
  aiUsageEntity,
  documentEmbeddingEntity,
  aiWorkflowEntity,
  userEntity,
  authSessionEntity,
  refreshTokenEntity,
  apiKeyEntity,
  recoveryCodeEntity,
  loginFailureEntity,
  notificationEntity,
  notificationAttemptEntity,
  notificationTemplateEntity,
  inboxMessageEntity,
  pushSubscriptionEntity,
  scheduleEntity,
  scheduleRunEntity,
  triggerStateEntity,
  executionWaitEntity,
  automationEntity,
  automationRunEntity,
  automationFeedbackEntity,
  metricPointEntity,
  executionStatsHourlyEntity,
  stepStatsHourlyEntity,
  rollupProgressEntity,
];

/**
 * SQLite has no `timestamptz` or `jsonb`; TypeORM's `datetime` (UTC text) and `simple-json` (text)
 * hold the same values and hydrate to the same Date and JSON values.
 */
const sqliteTypes: Readonly<Record<string, EntitySchemaColumnOptions['type']>> = {
  timestamptz: 'datetime',
  jsonb: 'simple-json',
};

/**
 * The entity list for one dialect. Repositories look entities up by name, so the SQLite copies
 * are found through the same `settingEntity` / `pluginConfigEntity` objects.
 */
export function entitiesFor(dialect: Dialect): EntitySchema[] {
  if (dialect === 'postgres') return [...entities];
  return entities.map((entity) => {
    const columns: Record<string, EntitySchemaColumnOptions> = {};
    for (const [property, column] of Object.entries(entity.options.columns) as [string, EntitySchemaColumnOptions][]) {
      const mapped = typeof column.type === 'string' ? sqliteTypes[column.type] : undefined;
      columns[property] = mapped === undefined ? column : { ...column, type: mapped };
    }
    return new EntitySchema({ ...entity.options, columns });
  });
}
