import { createHash } from 'node:crypto';
import type { DocumentDraft, StepContext } from '@dwc/sdk';
import { InputError } from '@dwc/sdk';
import { describe, expect, it } from 'vitest';
import { createDocumentAction, MAX_CONTENT_BYTES } from './create-document.js';

const noop = () => undefined;
const log = { trace: noop, debug: noop, info: noop, warn: noop, error: noop, child: () => log };

function recordingContext(signal: AbortSignal = new AbortController().signal) {
  const emitted: DocumentDraft[] = [];
  const ctx: StepContext = {
    executionId: 'exec-1',
    workflowId: 'wf-1',
    stepId: 'write',
    attempt: 1,
    signal,
    log,
    emitDocument: (draft) => emitted.push(draft),
  };
  return { ctx, emitted };
}

const create = (input: Record<string, unknown>, ctx: StepContext) => createDocumentAction.run(createDocumentAction.input.parse(input), ctx);

describe('document.create', () => {
  it('emits a markdown document by default and returns its size and sha256', async () => {
    const { ctx, emitted } = recordingContext();
    const content = '# Report\n\nCafé ☕';
    const result = await create({ title: 'Report', content }, ctx);
    expect(emitted).toEqual([{ title: 'Report', content, format: 'markdown', metadata: {} }]);
    expect(result).toEqual({
      title: 'Report',
      format: 'markdown',
      size_bytes: Buffer.byteLength(content, 'utf8'),
      checksum: createHash('sha256').update(content).digest('hex'),
    });
    expect(result.size_bytes).toBeGreaterThan(content.length);
    expect(createDocumentAction.output.parse(result)).toEqual(result);
  });

  it('passes metadata, format and parent id through to the emitted document', async () => {
    const { ctx, emitted } = recordingContext();
    await create({ title: 'Summary', content: '<p>hi</p>', format: 'html', metadata: { source: 'crm', pages: 3 }, parent_id: 'doc-9' }, ctx);
    expect(emitted).toEqual([{ title: 'Summary', content: '<p>hi</p>', format: 'html', metadata: { source: 'crm', pages: 3 }, parentId: 'doc-9' }]);
  });

  it('accepts JSON content for format json', async () => {
    const { ctx, emitted } = recordingContext();
    await expect(create({ title: 'Data', content: '{"a":[1,2]}', format: 'json' }, ctx)).resolves.toMatchObject({ format: 'json' });
    expect(emitted).toHaveLength(1);
  });

  it('refuses invalid JSON content for format json and emits nothing', async () => {
    const { ctx, emitted } = recordingContext();
    const failure = create({ title: 'Data', content: '{"a":', format: 'json' }, ctx);
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toMatchObject({ code: 'invalid_json_content', details: { field: 'content' } });
    expect(emitted).toEqual([]);
  });

  it('emits nothing once the step is aborted', async () => {
    const controller = new AbortController();
    const reason = new Error('cancelled');
    controller.abort(reason);
    const { ctx, emitted } = recordingContext(controller.signal);
    await expect(create({ title: 'T', content: 'x' }, ctx)).rejects.toBe(reason);
    expect(emitted).toEqual([]);
  });

  it('validates title length, format and content size', () => {
    const valid = (input: Record<string, unknown>) => createDocumentAction.input.safeParse({ title: 'T', content: '', ...input }).success;
    expect(valid({})).toBe(true);
    expect(valid({ title: '' })).toBe(false);
    expect(valid({ title: 'x'.repeat(500) })).toBe(true);
    expect(valid({ title: 'x'.repeat(501) })).toBe(false);
    expect(valid({ format: 'pdf' })).toBe(false);
    expect(valid({ content: 'a'.repeat(MAX_CONTENT_BYTES) })).toBe(true);
    expect(valid({ content: 'é'.repeat(MAX_CONTENT_BYTES / 2 + 1) })).toBe(false);
    expect(valid({ parent_id: '' })).toBe(false);
  });
});
