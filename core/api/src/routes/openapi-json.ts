import { z } from 'zod';
import { defineRoute } from '../define-route.js';

export const openApiRoute = defineRoute({
  method: 'GET',
  path: '/openapi.json',
  operationId: 'getOpenApiDocument',
  permission: 'public',
  summary: 'This OpenAPI 3.1 document, generated from the route table',
  tags: ['documentation'],
  responses: { 200: { description: 'OpenAPI 3.1 document', schema: z.record(z.string(), z.unknown()) } },
  handler: ({ res, api }) => {
    res.type('application/json').send(api.documentJson());
  },
});
