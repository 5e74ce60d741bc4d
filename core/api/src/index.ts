/**
 * @dwc/api: the HTTP layer. Routes declared once in a route table (validation, auth and
 * the OpenAPI document all come from it), the WebSocket gateway, and a graceful HTTP server.
 */
export { createApp } from './app.js';
export type { ApiApp } from './app.js';
export { startHttpServer } from './http-server.js';
export { passGates, sendRefusal } from './gates/http-gate.js';
export type { GateRefusal, HttpGate } from './gates/http-gate.js';
export { hostGuard, isLoopbackHost, loopbackHostGuard } from './gates/loopback-host-guard.js';
export type { HostGuardOptions } from './gates/loopback-host-guard.js';
export type { RunningHttpServer, StartHttpServerOptions } from './http-server.js';
export { attachWebSocket, createWebSocketGateway } from './websocket/gateway.js';
export type { WebSocketGateway, WebSocketGatewayOptions } from './websocket/gateway.js';
export { WEBSOCKET_PATH, WEBSOCKET_STATS_PATH } from './websocket/paths.js';
export { webSocketStatsSchema } from './websocket/gateway-stats.js';
export type { WebSocketStats, WebSocketStatsSource } from './websocket/gateway-stats.js';
export { clientMessageSchema } from './websocket/client-messages.js';
export type { ClientMessage } from './websocket/client-messages.js';
export { serverMessageSchema } from './websocket/server-messages.js';
export { FANNED_OUT_EVENTS } from './websocket/fan-out.js';
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
export { routeTable } from './route-table.js';
export type { RouteTable, RouteTableOptions } from './route-table.js';
export { defaultRoutes } from './default-routes.js';
export { buildOpenApiDocument } from './openapi-document.js';
export type { OpenApiDocument, OpenApiOptions } from './openapi-document.js';
export { errorBody, errorResponse, errorResponseSchema } from './error-response.js';
export type { ErrorResponse } from './error-response.js';
export { errorHandler, statusOf, toHttpError } from './error-handler.js';
export type { ErrorHandlerDeps } from './error-handler.js';
export { apiErrors } from './errors.js';
export type { ApiErrorCode } from './errors.js';
export type { HttpErrorReply } from './error-handler.js';
export { HttpStatusError } from './http-status-error.js';
export type { ApiDeps, HealthCheck, PluginStatus, ReadinessReport } from './api-deps.js';
export { createRateLimiters } from './rate-limit/rate-limits.js';
export type { RateLimiters, RateLimitSettings } from './rate-limit/rate-limits.js';
// The Redis rate-limit store is `@dwc/api/redis-rate-limit`, imported only when REDIS_URL is set.
export type { RedisRateLimitStore } from './rate-limit/redis-rate-limit-store.js';
export { authRoutes } from './routes/auth-routes.js';
export { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from './routes/auth/refresh-cookie.js';
export { CLOSE_TOKEN_EXPIRED } from './websocket/gateway.js';
