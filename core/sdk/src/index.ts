/**
 * @dwc/sdk: the contract between Document Workflow Chain and its plugins.
 *
 * A plugin package default-exports `definePlugin({...})`; its `setup(ctx)` registers actions,
 * triggers, notification channels, AI providers and metrics exporters made with the `define*`
 * factories. All inputs and outputs are zod schemas; `z` is re-exported so plugins use the
 * same zod instance as the host.
 */
export { z } from 'zod';
export { SDK_API_VERSION } from './api-version.js';
export { CAPABILITY_ID } from './capability-id.js';
export { CAPABILITY_KIND_NAMES, CAPABILITY_KINDS } from './capability-kinds.js';
export type { CapabilityKindName, CapabilityRegistrarName } from './capability-kinds.js';
export { envValue, PluginSettingError, readSetting } from './plugin-settings.js';
export type { SettingSpec } from './plugin-settings.js';
export { definePlugin, permissionsSchema } from './plugin.js';
export { checkI18n, fieldI18n, formJsonSchema, I18N_LANGUAGES, I18N_SCHEMA_KEYWORD, missingSchemaTexts, missingTexts, schemaFields, withSchemaI18n } from './i18n/i18n.js';
export type { Describable, FieldTexts, I18nLanguage, I18nTexts, LocaleTexts, SchemaFieldInfo } from './i18n/i18n.js';
export { lazyRequire } from './lazy-require.js';
export type { Dispose, HostInfo, Permissions, PluginContext, PluginDefinition, PluginSpec, Registrar } from './plugin.js';
export { defineAction } from './action.js';
export type { ActionDefinition, ActionSpec, StepContext } from './action.js';
export type { StepExpressions } from './step-expressions.js';
export { defineTrigger } from './trigger.js';
export { pollEvery } from './trigger-poll.js';
export type { TriggerDefinition, TriggerEmit, TriggerEmitOptions, TriggerRecords, TriggerRunsOn, TriggerSpec, TriggerStartContext, TriggerState } from './trigger.js';
export { channelMessageSchema, defineChannel, notificationPrioritySchema } from './channel.js';
export type {
  ChannelContext,
  ChannelDefinition,
  ChannelInbox,
  ChannelMessage,
  ChannelMessageDraft,
  ChannelPushSubscriptions,
  ChannelSpec,
  ChannelTestResult,
  DeliveryResult,
  InboxDelivery,
  NotificationPriority,
  PushSubscriptionTarget,
} from './channel.js';
export { ChannelDeliveryError, channelErrorFromResponse, channelErrorFromTransport, isRetryableStatus } from './channel-errors.js';
export { AiProviderError, ANALYSIS_TASKS, defineAiProvider, defineLazyAiProvider } from './ai-provider.js';
export { aiErrorFromStatus, aiErrorFromTransport, retryAfterMs } from './ai-provider-errors.js';
export { apiKeyReadiness, defineRemoteAiProvider } from './ai-remote-provider.js';
export type { RemoteAiCall, RemoteAiConnection, RemoteAiOperations } from './ai-remote-provider.js';
export type { AiFailureHints } from './ai-provider-errors.js';
export type {
  AiCallContext,
  AiProgress,
  AiCapabilities,
  AiFailureReason,
  AiHealth,
  AnalysisTask,
  AnalyzeRequest,
  AnalyzeResult,
  AiProviderDefinition,
  AiProviderInfo,
  AiProviderSpec,
  AiReadiness,
  ChatMessage,
  EmbedResult,
  GenerateRequest,
  GenerateResult,
  ModelInfo,
  TokenUsage,
} from './ai-provider.js';
export type {
  AiAnalyzeRequest,
  AiAnalyzeResult,
  AiAttempt,
  AiCallInfo,
  AiCallUsage,
  AiEmbedRequest,
  AiEmbedResult,
  AiGenerateRequest,
  AiGenerateResult,
  AiIndexRequest,
  AiIndexResult,
  AiRouting,
  StepAi,
} from './step-ai.js';
export { defineExporter } from './exporter.js';
export type { ExporterContext, ExporterDefinition, ExporterSpec, HistogramValue, MetricFamily, MetricSample } from './exporter.js';
export { documentDraftSchema, documentFormatSchema } from './document.js';
export type { DocumentDraft, DocumentFormat } from './document.js';
export type { Cache } from './cache.js';
export type { DwcEvent, EventBus, EventHandler } from './events.js';
export type { LogFn, Logger } from './logger.js';
export {
  AuthenticationError,
  ConfigError,
  ConflictError,
  DwcError,
  ExternalServiceError,
  InputError,
  NotFoundError,
  PermissionError,
  TimeoutError,
  UnavailableError,
} from './errors.js';
export type { DwcErrorOptions, FieldErrors } from './errors.js';
export { describeFieldErrors, describeZodError, fieldErrorsOf, fieldPath, toFieldErrors } from './field-errors.js';
export { readableIssues } from './issues/readable-issues.js';
export type { IssueContext, IssueLanguage, ReadableIssue } from './issues/readable-issues.js';
export { zodParseOptions } from './issues/zod-locale.js';
export { defineErrorCatalogue, errorCatalogues, errorCodeEntry, localizedErrorMessage, translatedAdvice } from './error-catalogue.js';
export type { DwcErrorClass, ErrorCatalogue, ErrorCodeEntry, MessageValues } from './error-catalogue.js';
export { sdkErrors } from './error-codes.js';
export { postJson } from './post-json.js';
export type { PostAnswer, PostJsonOptions } from './post-json.js';
export { DEFAULT_PRIVATE_NETWORK_HINT, hostOf, OPEN_NETWORK, privateDenied, privateNetworkError } from './net/network-policy.js';
export type { NetworkPolicy } from './net/network-policy.js';
export { isPrivateAddress } from './net/private-address.js';
export { assertPublicUrl, guardedLookup, systemResolver } from './net/guarded-lookup.js';
export type { Resolver } from './net/guarded-lookup.js';
