import { auditActor, renderTemplate } from '@dwc/runtime';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { templateSchema, toTemplateWire } from './notification-wire.js';

const tags = ['notifications'];
const idParams = z.object({ id: z.string().min(1).max(64) });
const templateBody = z
  .object({
    name: z.string().min(1).max(100).regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "." and "-"').meta({ example: 'run_failed' }),
    channel: z.string().min(1).max(100).meta({ example: 'email' }),
    subject: z.string().max(1_000).nullable().optional(),
    body: z.string().min(1).max(100_000).meta({ description: 'Liquid: {{ run.name }}, {% if %}, {% for %}, filters; a missing variable is an error' }),
    html: z.string().max(500_000).nullable().optional(),
    variables: z.array(z.string().min(1).max(200)).max(200).nullable().optional().meta({ description: 'Data paths the template may use, checked at save (`order` covers `order.id`)' }),
    sample_data: z.record(z.string(), z.unknown()).nullable().optional().meta({ description: 'Example data the template must render from, checked at save' }),
  })
  .meta({ id: 'NotificationTemplateInput' });
const toInput = (body: z.output<typeof templateBody>) => ({
  name: body.name, channel: body.channel, subject: body.subject ?? null, body: body.body, html: body.html ?? null, variables: body.variables ?? null,
  sampleData: body.sample_data ?? null,
});

export const listTemplatesRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/notifications/templates',
  operationId: 'listNotificationTemplates',
  permission: 'notifications:read',
  summary: 'Stored templates (latest version of each)',
  tags,
  request: { query: z.object({ channel: z.string().max(100).optional() }) },
  responses: { 200: { description: 'Templates', schema: z.object({ items: z.array(templateSchema) }) } },
  handler: async ({ deps, query }) => ({ items: (await deps.notifications.templates.list({ channel: query.channel })).map(toTemplateWire) }),
});

export const createTemplateRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/notifications/templates',
  operationId: 'createNotificationTemplate',
  permission: 'notifications:write',
  summary: 'Store a template (version 1)',
  tags,
  request: { body: templateBody },
  responses: {
    201: { description: 'The stored template', schema: templateSchema },
    400: errorResponse('Not valid Liquid, a variable not declared, or the sample data misses one'),
    409: errorResponse('A template of that name exists for the channel'),
  },
  handler: async ({ deps, body, auth, res }) => {
    const template = await deps.notifications.templates.create(toInput(body), auth ? auditActor(auth) : null);
    res.status(201);
    return toTemplateWire(template);
  },
});

export const previewTemplateRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/notifications/templates/preview',
  operationId: 'previewNotificationTemplate',
  permission: 'notifications:write',
  summary: 'Render a template with data, without storing anything',
  tags,
  request: {
    body: z.object({ subject: z.string().max(1_000).nullable().optional(), body: z.string().min(1).max(100_000), html: z.string().max(500_000).nullable().optional(), data: z.record(z.string(), z.unknown()).default({}) }),
  },
  responses: {
    200: { description: 'The rendered parts', schema: z.object({ subject: z.string().nullable(), body: z.string(), html: z.string().nullable() }) },
    400: errorResponse('Not valid Liquid, or a variable the data lacks'),
  },
  handler: ({ body }) => renderTemplate({ subject: body.subject, body: body.body, html: body.html }, body.data, 'Preview'),
});

export const getTemplateRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/notifications/templates/{id}',
  operationId: 'getNotificationTemplate',
  permission: 'notifications:read',
  summary: 'A template: its latest version, or `?version=`',
  tags,
  request: { params: idParams, query: z.object({ version: z.coerce.number().int().min(1).optional() }) },
  responses: { 200: { description: 'The template', schema: templateSchema }, 404: errorResponse('No such template or version') },
  handler: async ({ deps, params, query }) => toTemplateWire(await deps.notifications.templates.get(params.id, query.version)),
});

export const listTemplateVersionsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/notifications/templates/{id}/versions',
  operationId: 'listNotificationTemplateVersions',
  permission: 'notifications:read',
  summary: "Every version of a template, newest first",
  tags,
  request: { params: idParams },
  responses: { 200: { description: 'Versions', schema: z.object({ items: z.array(templateSchema) }) }, 404: errorResponse('No such template') },
  handler: async ({ deps, params }) => ({ items: (await deps.notifications.templates.versions(params.id)).map(toTemplateWire) }),
});

export const updateTemplateRoute = defineRoute({
  method: 'PUT',
  path: '/api/v3/notifications/templates/{id}',
  operationId: 'updateNotificationTemplate',
  permission: 'notifications:write',
  summary: 'Save a new version of a template',
  tags,
  request: { params: idParams, body: templateBody },
  responses: {
    200: { description: 'The new version', schema: templateSchema },
    400: errorResponse('Not valid Liquid, a variable not declared, or the sample data misses one'),
    404: errorResponse('No such template'),
    409: errorResponse('Another template has that name for the channel'),
  },
  handler: async ({ deps, params, body, auth }) => toTemplateWire(await deps.notifications.templates.update(params.id, toInput(body), auth ? auditActor(auth) : null)),
});

export const deleteTemplateRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v3/notifications/templates/{id}',
  operationId: 'deleteNotificationTemplate',
  permission: 'notifications:write',
  summary: 'Delete a template and its versions (sent notifications keep their text)',
  tags,
  request: { params: idParams },
  responses: { 204: { description: 'Deleted' }, 404: errorResponse('No such template') },
  handler: async ({ deps, params }) => {
    await deps.notifications.templates.delete(params.id);
  },
});
