import { NotFoundError } from '@dwc/sdk';
import { z } from 'zod';
import { defineRoute } from '../../define-route.js';
import { errorResponse } from '../../error-response.js';

const tags = ['cache'];
const keySchema = z.string().min(1).max(1024);

const cacheStatsSchema = z
  .object({
    backend: z.enum(['memory', 'redis', 'file']),
    hits: z.number().int().meta({ description: 'Reads that found a value (redis: every process on the prefix)' }),
    misses: z.number().int(),
    hit_rate: z.number().nullable().meta({ description: 'hits / (hits + misses); null before the first read' }),
    evictions: z.number().int().meta({ description: 'Entries the cache dropped itself (size limit or TTL); redis: the server-wide evicted + expired keys' }),
    size: z.number().int().meta({ description: 'Entries held (redis: keys under the prefix)' }),
    bytes: z.number().int().optional().meta({ description: 'Bytes held; memory and file backends' }),
  })
  .meta({ id: 'CacheStats' });

const unavailable = errorResponse('The cache backend (Redis) does not answer');

export const cacheStatsRoute = defineRoute({
  method: 'GET',
  path: '/api/v3/advanced/cache/stats',
  operationId: 'getCacheStats',
  errors: ['cache_unavailable'],
  permission: 'cache:read',
  summary: 'Cache hits, misses, evictions and size',
  tags,
  responses: { 200: { description: 'The cache stats', schema: cacheStatsSchema }, 503: unavailable },
  handler: async ({ deps }) => {
    const stats = await deps.cache.stats();
    const reads = stats.hits + stats.misses;
    return { ...stats, hit_rate: reads === 0 ? null : stats.hits / reads };
  },
});

export const clearCacheRoute = defineRoute({
  method: 'POST',
  path: '/api/v3/advanced/cache/clear',
  operationId: 'clearCache',
  errors: ['cache_unavailable'],
  permission: 'cache:admin',
  summary: 'Remove every cache entry, or those whose key starts with a prefix',
  tags,
  request: {
    body: z
      .object({ prefix: keySchema.optional().meta({ description: 'Only keys starting with this, e.g. `ai:` or `plugin:<name>:`' }) })
      .strict()
      .default({}),
  },
  responses: { 200: { description: 'How many entries went', schema: z.object({ removed: z.number().int() }) }, 400: errorResponse('Bad body'), 503: unavailable },
  handler: async ({ deps, body }) => ({ removed: await deps.cache.clear(body.prefix) }),
});

export const deleteCacheKeyRoute = defineRoute({
  method: 'DELETE',
  path: '/api/v3/advanced/cache/keys/{key}',
  operationId: 'deleteCacheKey',
  errors: ['cache_key_not_found', 'cache_unavailable'],
  permission: 'cache:admin',
  summary: 'Remove one cache entry',
  description: 'The key is one path segment: URL-encode it (`ai%3Aabc`, `a%2Fb`); `:` may also be sent as is.',
  tags,
  request: { params: z.object({ key: keySchema }) },
  responses: { 204: { description: 'Removed' }, 404: errorResponse('No such key'), 503: unavailable },
  handler: async ({ deps, params }) => {
    if (!(await deps.cache.delete(params.key))) throw new NotFoundError(`No cache entry with key "${params.key}".`, { code: 'cache_key_not_found' });
  },
});

/** `/api/v3/advanced/cache`: stats, clear, delete one key. */
export const cacheRoutes = [cacheStatsRoute, clearCacheRoute, deleteCacheKeyRoute];
