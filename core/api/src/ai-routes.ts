import type { Route } from './define-route.js';
import { aiAnalyzeRoute } from './routes/ai/analyze-route.js';
import { aiWorkflowRoutes } from './routes/ai/ai-workflow-routes.js';
import { aiGenerateRoute } from './routes/ai/generate-route.js';
import { aiProvidersRoute, pullAiModelRoute } from './routes/ai/providers-route.js';
import { aiUsageCallsRoute, aiUsageRoute } from './routes/ai/usage-route.js';
import { searchDocumentsPostRoute, searchDocumentsRoute } from './routes/documents/search-routes.js';

/** AI routes and document search. Mounted before the engine routes, so `/documents/search` wins over `/documents/{id}`. */
export const aiRoutes: readonly Route[] = [
  aiGenerateRoute,
  aiAnalyzeRoute,
  aiProvidersRoute,
  pullAiModelRoute,
  aiUsageRoute,
  aiUsageCallsRoute,
  ...aiWorkflowRoutes,
  searchDocumentsRoute,
  searchDocumentsPostRoute,
];
