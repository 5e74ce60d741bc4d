import { z } from 'zod';
import type { RouteResponse } from './define-route.js';

/** The body of every error response (shared/API.md). */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable code, e.g. `invalid_input`', example: 'not_found' }),
      message: z.string().meta({ description: 'What went wrong and what to do about it' }),
      details: z.unknown().optional().meta({ description: 'Extra context; for `invalid_input`, field path -> messages' }),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** A documented error response for a route's `responses`. */
export function errorResponse(description: string): RouteResponse & { schema: typeof errorResponseSchema } {
  return { description, schema: errorResponseSchema };
}

/** The wire body for an error. `details` is left out when there are none. */
export function errorBody(code: string, message: string, details?: unknown): ErrorResponse {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
