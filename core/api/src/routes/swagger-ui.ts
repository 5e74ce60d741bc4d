import { z } from 'zod';
import { defineRoute } from '../define-route.js';
import { SWAGGER_ASSETS, SWAGGER_INIT_SCRIPT } from '../docs-assets.js';

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Document Workflow Chain API</title>
<link rel="stylesheet" href="${SWAGGER_ASSETS}/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="${SWAGGER_ASSETS}/swagger-ui-bundle.js"></script>
<script src="${SWAGGER_INIT_SCRIPT}"></script>
</body>
</html>
`;

export const swaggerUiRoute = defineRoute({
  method: 'GET',
  path: '/docs',
  operationId: 'getSwaggerUi',
  permission: 'public',
  summary: 'Interactive API documentation (Swagger UI, served offline)',
  tags: ['documentation'],
  responses: { 200: { description: 'HTML page', schema: z.string(), contentType: 'text/html' } },
  handler: ({ res }) => {
    res.type('html').send(page);
  },
});
