export {
  parseWorkflowDefinition,
  validateWorkflowGraph,
  workflowDefinitionSchema,
  workflowStepSchema,
  workflowTriggerSchema,
} from './workflow-definition.js';
export type { GraphIssue, WorkflowDefinition, WorkflowStep, WorkflowTrigger } from './workflow-definition.js';
export { workflowRetentionSchema, workflowSettingsSchema } from './workflow-settings.js';
export type { WorkflowRetention } from './workflow-settings.js';
export type { CompiledExpression } from './expressions/compile-expression.js';
export { configureExpressionEvaluator, defaultExpressionEvaluator } from './expressions/default-evaluator.js';
export { evaluateExpression } from './expressions/evaluate-expression.js';
export type { ExpressionScope, StepScope } from './expressions/evaluate-expression.js';
export { createExpressionEvaluator, DEFAULT_EXPRESSION_LIMITS } from './expressions/expression-evaluator.js';
export type { EvaluateOptions, ExpressionEvaluator, ExpressionLimits } from './expressions/expression-evaluator.js';
export { ExpressionError, ExpressionLimitError } from './expressions/expression-error.js';
export type { ExpressionErrorDetails, ExpressionLimit } from './expressions/expression-error.js';
export { stepExpressions } from './expressions/step-expressions.js';
export { toPlainJson } from './expressions/to-plain-json.js';
export { rewriteOperators } from './expressions/rewrite-operators.js';
export { resolveTemplate } from './templates/resolve-template.js';
export type { ResolveOptions } from './templates/resolve-template.js';
export { evaluateCondition, evaluateList, isTruthy } from './templates/evaluate-condition.js';
export { compileCheck, compileCheckExpression } from './templates/compile-check.js';
export type { TemplateIssue } from './templates/compile-check.js';
export { TemplateError } from './templates/template-error.js';
export type { TemplateErrorDetails, TemplateLocation } from './templates/template-error.js';
export { planWorkflow } from './graph/plan-workflow.js';
export type { ExecutionPlan, PlannableStep, PlannedStep } from './graph/plan-workflow.js';
export { ALL_DEPENDENCIES_SKIPPED, readySteps } from './graph/ready-steps.js';
export type { BlockedStep, ReadySteps } from './graph/ready-steps.js';
export { stepsFrom } from './graph/steps-from.js';
export { FINISHED_STATES, stepStateSchema } from './graph/step-state.js';
export type { StepState, StepStates } from './graph/step-state.js';
export { isRetryableError, NO_RETRY, retryDelayMs, retryPolicySchema, shouldRetry } from './retry-policy.js';
export type { RetryPolicy } from './retry-policy.js';
