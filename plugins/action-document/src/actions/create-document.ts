import { createHash } from 'node:crypto';
import { defineAction, documentDraftSchema, documentFormatSchema, InputError, z } from '@dwc/sdk';
import { createDocumentEs } from '../i18n-es.js';

export const MAX_CONTENT_BYTES = 10 * 1024 * 1024;

export const createDocumentInputSchema = z
  .object({
    title: documentDraftSchema.shape.title.describe('Document title, 1 to 500 characters.'),
    content: z
      .string()
      .max(MAX_CONTENT_BYTES)
      .refine((content) => Buffer.byteLength(content, 'utf8') <= MAX_CONTENT_BYTES, `must be at most ${MAX_CONTENT_BYTES} bytes (10 MiB) as UTF-8`)
      .describe('Document body, at most 10 MiB.'),
    format: documentFormatSchema.default('markdown').describe('How content is written: text, markdown, html or json (json must parse).'),
    metadata: z.record(z.string(), z.unknown()).default({}).describe('Free-form fields stored with the document, e.g. { "source": "crm" }.'),
    parent_id: z.string().min(1).optional().describe('Id of the stored document this one derives from, for lineage.'),
  })
  .strict();

export const createDocumentOutputSchema = z.object({
  title: z.string().describe('The document title.'),
  format: documentFormatSchema.describe('The document format.'),
  size_bytes: z.number().int().describe('Content size in bytes (UTF-8).'),
  checksum: z.string().describe('SHA-256 of the content (UTF-8), hex.'),
});

/** Records a document produced by the step; the engine stores it with the step's result and its lineage. */
export const createDocumentAction = defineAction({
  type: 'document.create',
  title: 'Create document',
  description: 'Stores a document (title, content, format, metadata) produced by the workflow, linked to its execution and parent.',
  i18n: createDocumentEs,
  input: createDocumentInputSchema,
  output: createDocumentOutputSchema,
  async run(input, ctx) {
    if (input.format === 'json') assertJson(input.content);
    ctx.signal.throwIfAborted();
    ctx.emitDocument({
      title: input.title,
      content: input.content,
      format: input.format,
      metadata: input.metadata,
      ...(input.parent_id === undefined ? {} : { parentId: input.parent_id }),
    });
    return {
      title: input.title,
      format: input.format,
      size_bytes: Buffer.byteLength(input.content, 'utf8'),
      checksum: createHash('sha256').update(input.content, 'utf8').digest('hex'),
    };
  },
});

function assertJson(content: string): void {
  try {
    JSON.parse(content);
  } catch (error) {
    throw new InputError(`"content" is not valid JSON, but format is "json": ${(error as Error).message}. Fix the content or use format "text".`, {
      code: 'invalid_json_content',
      details: { field: 'content' },
    });
  }
}
