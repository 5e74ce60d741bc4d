/**
 * @dwc/api: the HTTP layer. Express 5 routes declared once in a route table (validation, auth and
 * the OpenAPI document all come from it), the WebSocket gateway, and a graceful HTTP server.
 */
export { createApp } from './app.js';
export { startHttpServer } from './http-server.js';
export type { RunningHttpServer, StartHttpServerOptions } from './http-server.js';
export { attachWebSocket, WEBSOCKET_PATH } from './websocket.js';
export type { WebSocketGateway } from './websocket.js';
export { defineRoute, requiresAuth } from './define-route.js';
export type {
  ApiContext,
  HttpMethod,
  Principal,
  Route,
  RouteContext,
  RouteRequest,
  RouteResponse,
  RouteResponses,
  RouteResult,
  RouteSpec,
} from './define-route.js';
export { mountRoutes } from './mount-routes.js';
export { defaultRoutes } from './default-routes.js';
export { buildOpenApiDocument } from './openapi-document.js';
export type { OpenApiDocument, OpenApiOptions } from './openapi-document.js';
export { errorBody, errorResponse, errorResponseSchema } from './error-response.js';
export type { ErrorResponse } from './error-response.js';
export { errorHandler, toHttpError } from './error-handler.js';
export type { HttpErrorReply } from './error-handler.js';
export { HttpStatusError } from './http-status-error.js';
export type { ApiDeps, HealthCheck, PluginStatus, ReadinessReport } from './api-deps.js';
