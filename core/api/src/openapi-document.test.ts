import { Validator } from '@seriousme/openapi-schema-validator';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from './app.js';
import { defaultRoutes } from './default-routes.js';
import { defineRoute } from './define-route.js';
import { routeTable } from './route-table.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { fakeDeps } from './test-support/fake-deps.js';

type Operation = { operationId?: string; security?: unknown[]; responses: Record<string, unknown>; parameters?: unknown[] };
type ErrorResponseDoc = { description: string; 'x-error-codes'?: string[] };

function operations(document: ReturnType<typeof buildOpenApiDocument>): Map<string, Operation> {
  const found = new Map<string, Operation>();
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) found.set(`${method.toUpperCase()} ${path}`, operation);
  }
  return found;
}

describe('OpenAPI document', () => {
  const document = buildOpenApiDocument(defaultRoutes, { version: '1.2.3' });

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(document)) as Record<string, unknown>);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('contains every route of the table under its operationId', () => {
    const found = operations(document);
    expect(defaultRoutes.length).toBeGreaterThan(10);
    for (const route of defaultRoutes) {
      expect(found.get(`${route.method} ${route.path}`)?.operationId, `${route.method} ${route.path}`).toBe(route.operationId);
    }
    expect(found.size).toBe(defaultRoutes.length);
  });

  it('declares the bearer scheme, requires it by default and marks public routes with security: []', () => {
    expect(document.components?.securitySchemes?.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearer: [] }]);
    const found = operations(document);
    expect(found.get('GET /health')?.security).toEqual([]);
    expect(found.get('GET /api/v3/health')?.security).toEqual([]);
    expect(found.get('GET /api/v3/plugins')?.security).toBeUndefined();
    expect(found.get('GET /api/v3/plugins')?.responses['401']).toBeDefined();
  });

  it('renders plugin fields in snake_case from the route schemas', () => {
    const plugin = document.components?.schemas?.Plugin as { properties: Record<string, unknown> };
    expect(Object.keys(plugin.properties)).toContain('config_schema');
    expect(Object.keys(plugin.properties)).not.toContain('configSchema');
  });

  it('documents path parameters and validation errors of parameterised routes', () => {
    const operation = operations(document).get('GET /api/v3/plugins/{name}');
    expect(operation?.parameters).toEqual([expect.objectContaining({ in: 'path', name: 'name', required: true })]);
    expect(operation?.responses['400']).toBeDefined();
    expect(operation?.responses['404']).toBeDefined();
  });

  it('carries the product version', () => {
    expect(document.info.version).toBe('1.2.3');
  });

  it('includes a route added to the table without any other change', () => {
    const extra = defineRoute({
      method: 'DELETE',
      path: '/api/v3/things/{id}',
      operationId: 'deleteThing', permission: 'workflows:read',
      summary: 'Delete a thing',
      tags: ['things'],
      request: { params: z.object({ id: z.string() }) },
      responses: { 204: { description: 'Deleted' } },
      handler: () => undefined,
    });
    const found = operations(buildOpenApiDocument([...defaultRoutes, extra], { version: '1' }));
    expect(found.get('DELETE /api/v3/things/{id}')?.responses['204']).toEqual({ description: 'Deleted' });
  });

  it('is served at /openapi.json from the mounted table, with the deps version', async () => {
    const res = await request(createApp(fakeDeps().deps)).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.info.version).toBe('9.9.9-test');
    expect(Object.keys(res.body.paths)).toContain('/api/v3/plugins/{name}/config');
  });

  it('lists each route\'s error codes under their catalogue status, in x-error-codes and the description', () => {
    const found = operations(document);
    const getWorkflow = found.get('GET /api/v3/workflows/{id}')!.responses as Record<string, ErrorResponseDoc>;
    expect(getWorkflow['404']?.['x-error-codes']).toEqual(['workflow_not_found']);
    expect(getWorkflow['404']?.description).toMatch(/^No such workflow\n\n- `workflow_not_found`: No workflow with id "\{id\}"/);
    expect(getWorkflow['401']?.['x-error-codes']).toEqual(['unauthenticated', 'invalid_token']);
    expect(getWorkflow['400']?.['x-error-codes']).toEqual(['invalid_input']);
    expect(getWorkflow.default?.['x-error-codes']).toEqual(['internal_error']);
    expect(getWorkflow['507']).toBeUndefined();

    const createWorkflow = found.get('POST /api/v3/workflows')!.responses as Record<string, ErrorResponseDoc>;
    expect(createWorkflow['400']?.['x-error-codes']).toEqual(['invalid_input', 'malformed_json', 'invalid_workflow', 'workflow_cycle']);
    expect(createWorkflow['507']?.['x-error-codes']).toEqual(['storage_full']);
    expect(createWorkflow['507']?.description).toContain('The data folder {folder} is full');

    const login = found.get('POST /api/v3/auth/login')!.responses as Record<string, ErrorResponseDoc>;
    expect(login['401']?.['x-error-codes']).toEqual(['invalid_credentials', 'mfa_required', 'invalid_mfa_code']);
    expect(login['429']?.['x-error-codes']).toEqual(['rate_limited', 'account_locked']);
  });

  it('gives the Error schema\'s code the enum of every code the API answers with', () => {
    const schema = document.components?.schemas?.Error as { properties: { error: { properties: { code: { enum: string[] } } } } };
    const codes = schema.properties.error.properties.code.enum;
    for (const code of ['invalid_input', 'master_key_missing', 'storage_full', 'internal_error', 'workflow_not_found', 'ai_timeout']) expect(codes).toContain(code);
    expect(codes).toEqual([...codes].sort());
  });

  it('refuses a route that names an error code no catalogue has', () => {
    expect(() =>
      defineRoute({
        method: 'GET',
        path: '/api/v3/things',
        operationId: 'listThings',
        permission: 'workflows:read',
        summary: 'List things',
        tags: ['things'],
        // @ts-expect-error not a code of any catalogue
        errors: ['thing_exploded'],
        responses: { 200: { description: 'Things' } },
        handler: () => undefined,
      }),
    ).toThrow('route GET /api/v3/things: error codes thing_exploded are in no catalogue of the SDK, the runtime or the API');
  });

  it('is built once per mounted table and then reused', () => {
    const { api } = routeTable(defaultRoutes, fakeDeps().deps);
    expect(api.document()).toBe(api.document());
    expect(api.documentJson()).toBe(api.documentJson());
  });

  it("marks each schedule kind's workflow_id for the UI's workflow picker", () => {
    for (const kind of ['Cron', 'Interval', 'Daily', 'Weekly', 'Monthly']) {
      const schema = document.components?.schemas?.[`${kind}ScheduleCreate`] as { properties: Record<string, object> };
      expect(schema.properties.workflow_id, kind).toMatchObject({ type: 'string', 'x-dwc-widget': 'workflow' });
    }
  });
});
