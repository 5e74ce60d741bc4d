import { z } from 'zod';
import { defineRoute } from '../define-route.js';
import { REDOC_ASSETS } from '../docs-assets.js';

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Document Workflow Chain API reference</title>
<style>body { margin: 0; padding: 0; }</style>
</head>
<body>
<redoc spec-url="/openapi.json"></redoc>
<script src="${REDOC_ASSETS}/redoc.standalone.js"></script>
</body>
</html>
`;

export const redocRoute = defineRoute({
  method: 'GET',
  path: '/redoc',
  operationId: 'getRedoc',
  permission: 'public',
  summary: 'API reference (Redoc, served offline)',
  tags: ['documentation'],
  responses: { 200: { description: 'HTML page', schema: z.string(), contentType: 'text/html' } },
  handler: ({ res }) => {
    res.type('html').send(page);
  },
});
