import { roleSchema } from '@dwc/runtime';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';
import { requestMeta } from '../../request-meta.js';
import { emailField, nameField, passwordField, userSchema } from './auth-wire.js';

const tags = ['auth', 'users'];
const idParams = z.object({ id: z.string().min(1).max(64) });

export const listUsersRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/auth/users',
  operationId: 'listUsers',
  permission: 'users:admin',
  summary: 'List users',
  tags,
  responses: { 200: { description: 'Every user', schema: z.object({ items: z.array(userSchema) }) } },
  handler: async ({ deps }) => ({ items: await deps.auth.accounts.list() }),
});

export const createUserRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/auth/users',
  operationId: 'createUser',
  errors: ['owner_only', 'email_taken', 'weak_password'],
  permission: 'users:admin',
  summary: 'Create a user with a role (only owners create owners)',
  tags,
  request: { body: z.strictObject({ email: emailField, password: passwordField, role: roleSchema, name: nameField.optional() }) },
  responses: { 201: { description: 'The user', schema: userSchema }, 403: errorResponse('Only owners create owners'), 409: errorResponse('The e-mail is taken') },
  handler: async ({ deps, body, auth, req, res }) => {
    const user = await deps.auth.accounts.create(auth!, body, requestMeta(req));
    res.status(201);
    return user;
  },
});

export const getUserRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/auth/users/{id}',
  operationId: 'getUser',
  errors: ['not_found'],
  permission: 'users:admin',
  summary: 'Get a user',
  tags,
  request: { params: idParams },
  responses: { 200: { description: 'The user', schema: userSchema }, 404: errorResponse('No such user') },
  handler: ({ deps, params }) => deps.auth.accounts.get(params.id),
});

export const updateUserRoute = defineRoute({
  method: 'PATCH',
  path: '/api/v3/auth/users/{id}',
  operationId: 'updateUser',
  errors: ['owner_only', 'last_owner', 'not_found'],
  permission: 'users:admin',
  summary: 'Change a user\'s name, role or disabled flag',
  description: 'Role changes are audited. Only owners change owners\' or admins\' roles or make owners; the last owner cannot be demoted or disabled.',
  tags,
  request: {
    params: idParams,
    body: z.strictObject({ name: nameField.optional(), role: roleSchema.optional(), disabled: z.boolean().optional() }).refine((body) => Object.keys(body).length > 0, 'send at least one of name, role, disabled'),
  },
  responses: { 200: { description: 'The user', schema: userSchema }, 403: errorResponse('Owner-only change'), 404: errorResponse('No such user'), 409: errorResponse('Last owner') },
  handler: ({ deps, params, body, auth, req }) => deps.auth.accounts.update(auth!, params.id, body, requestMeta(req)),
});

export const deleteUserRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v3/auth/users/{id}',
  operationId: 'deleteUser',
  errors: ['owner_only', 'last_owner', 'not_found'],
  permission: 'users:admin',
  summary: 'Delete a user and end their sessions',
  tags,
  request: { params: idParams },
  responses: { 204: { description: 'Deleted' }, 403: errorResponse('Only owners delete owners'), 404: errorResponse('No such user'), 409: errorResponse('Last owner') },
  handler: async ({ deps, params, auth, req }) => {
    await deps.auth.accounts.delete(auth!, params.id, requestMeta(req));
  },
});
