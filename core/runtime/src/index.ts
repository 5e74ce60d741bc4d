/**
 * @dwc/runtime: configuration, logging, the event bus, the plugin host and its capability
 * registries, storage and health. No HTTP here; plugins are discovered and handed in, never imported.
 */
export { loadConfig, CONFIG_FILE } from './config/load-config.js';
export type { LoadConfigOptions } from './config/load-config.js';
export { settings } from './config/settings.js';
export type { DwcConfig, SettingKey } from './config/settings.js';
export { createLogger } from './logging/create-logger.js';
export { createEventBus } from './events/event-bus.js';
export { createRuntime } from './create-runtime.js';
export type { CreateRuntimeOptions, Runtime } from './create-runtime.js';
export { checkReadiness } from './health/readiness.js';
export type { HealthCheck, ReadinessReport } from './health/readiness.js';
export { createPluginHost } from './plugin-host/plugin-host.js';
export type { PluginConfigStore, PluginHost, PluginHostOptions, SecretSource } from './plugin-host/plugin-host.js';
export { discoverPlugins } from './plugin-host/discover-plugins.js';
export type { PluginCandidate } from './plugin-host/discover-plugins.js';
export { PluginLoadError } from './plugin-host/plugin-load-error.js';
export type { PluginStatus } from './plugin-host/plugin-status.js';
export { CapabilityRegistry } from './plugin-host/capability-registry.js';
export type { RegisteredCapability } from './plugin-host/capability-registry.js';
export { createRegistries } from './plugin-host/registries.js';
export type { CapabilityKind, Registries } from './plugin-host/registries.js';
export { parseWorkflowDefinition, workflowDefinitionSchema } from './engine/index.js';
export type { WorkflowDefinition } from './engine/index.js';
export type { ExecutionService } from './executions/execution-service.js';
export type { ExecutionStore } from './executions/execution-store.js';
export type { ExecutionRecord, ExecutionStatus, StepRecord, StepStatus, StoredError } from './executions/execution-types.js';
export { CALL_WORKFLOW_STEP } from './executions/execution-runner.js';
export type { WorkflowRecord, WorkflowStore } from './workflows/workflow-store.js';
export type { DocumentRecord, DocumentStore, DocumentSummary } from './documents/document-store.js';
export { exportDocument } from './documents/export-document.js';
export type { ExportFormat } from './documents/export-document.js';
export { taskSubmissionSchema } from './queue/task-service.js';
export type { TaskService, TaskSubmission } from './queue/task-service.js';
export type { JobStore } from './queue/job-store.js';
export { jobPrioritySchema } from './queue/job-types.js';
export type { JobPriority, JobRecord, JobStats, JobStatus } from './queue/job-types.js';
export { API_TOKEN_FILE, createStaticTokenAuth, resolveApiToken } from './security/api-token.js';
export { openDatabase } from './storage/index.js';
export type { Database } from './storage/index.js';
