import type { DocumentRecord } from './document-store.js';

export type ExportFormat = 'md' | 'html' | 'json';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * Renders a document for download. HTML export escapes everything except content that already
 * is HTML, which is embedded in a sandboxed page with a restrictive Content-Security-Policy.
 */
export function exportDocument(document: DocumentRecord, format: ExportFormat): { contentType: string; fileName: string; body: string } {
  const base = document.title.replace(/[^\w.-]+/g, '_').slice(0, 100) || document.id;
  if (format === 'json') {
    return {
      contentType: 'application/json; charset=utf-8',
      fileName: `${base}.json`,
      body: JSON.stringify({
        id: document.id, title: document.title, format: document.format, content: document.content, metadata: document.metadata,
        execution_id: document.executionId, workflow_id: document.workflowId, step_id: document.stepId, parent_id: document.parentId,
        size_bytes: document.sizeBytes, checksum: document.checksum, created_at: document.createdAt.toISOString(),
      }, null, 2),
    };
  }
  if (format === 'md') {
    const body = document.format === 'json' ? `\`\`\`json\n${document.content}\n\`\`\`` : document.content;
    return { contentType: 'text/markdown; charset=utf-8', fileName: `${base}.md`, body: `# ${document.title}\n\n${body}\n` };
  }
  const inner = document.format === 'html' ? document.content : `<pre>${escapeHtml(document.content)}</pre>`;
  return {
    contentType: 'text/html; charset=utf-8',
    fileName: `${base}.html`,
    body: `<!doctype html>\n<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">` +
      `<title>${escapeHtml(document.title)}</title></head>\n<body><h1>${escapeHtml(document.title)}</h1>\n${inner}\n</body></html>\n`,
  };
}
