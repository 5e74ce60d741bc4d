import { z } from 'zod';
import type { IssueLanguage } from './readable-issues.js';

const spanish = z.locales.es().localeError;

/**
 * Options for `schema.safeParse(value, options)` that write zod's own messages in `language`, for
 * this parse only (never the process-wide `z.config`, which would change every request's words).
 * Messages a schema sets itself stay as written.
 */
export function zodParseOptions(language: IssueLanguage): z.core.ParseContext<z.core.$ZodIssue> {
  return language === 'es' ? { error: spanish } : {};
}
