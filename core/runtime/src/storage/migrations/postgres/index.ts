import type { MigrationInterface } from 'typeorm';
import { Initial1795537938769 } from './1795537938769-initial.js';
import { WorkflowsExecutionsJobsDocuments1795538319910 } from './1795538319910-workflows-executions-jobs-documents.js';
import { AuditEventsAndSecrets1795546828766 } from './1795546828766-audit-events-and-secrets.js';
import { AiUsageEmbeddingsWorkflows1795546960351 } from './1795546960351-ai-usage-embeddings-workflows.js';
import { UsersSessionsApiKeys1795548518159 } from './1795548518159-users-sessions-api-keys.js';
import { NotificationsOutbox1796401305475 } from './1796401305475-notifications-outbox.js';
import { ExecutionListIndexes1796401498303 } from './1796401498303-execution-list-indexes.js';
import { WorkflowTriggers1796416431095 } from './1796416431095-workflow-triggers.js';
import { ExecutionWaits1796416435667 } from './1796416435667-execution-waits.js';
import { Schedules1796416505922 } from './1796416505922-schedules.js';
import { MetricPoints1796416538768 } from './1796416538768-metric-points.js';
import { ExecutionStepBlobIndex1796416698113 } from './1796416698113-execution-step-blob-index.js';
import { Automations1796417251935 } from './1796417251935-automations.js';
import { ExecutionStatsHourly1796449507038 } from './1796449507038-execution-stats-hourly.js';

/** Postgres migrations, oldest first. Maintained by `npm run migration:generate`. */
export const postgresMigrations: (new () => MigrationInterface)[] = [Initial1795537938769, WorkflowsExecutionsJobsDocuments1795538319910, AuditEventsAndSecrets1795546828766, AiUsageEmbeddingsWorkflows1795546960351, UsersSessionsApiKeys1795548518159, NotificationsOutbox1796401305475, ExecutionListIndexes1796401498303, WorkflowTriggers1796416431095, ExecutionWaits1796416435667, Schedules1796416505922, MetricPoints1796416538768, ExecutionStepBlobIndex1796416698113, Automations1796417251935, ExecutionStatsHourly1796449507038];
