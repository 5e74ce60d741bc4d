import DOMPurify from 'dompurify';
import { marked } from 'marked';

const purifier = DOMPurify(window);

// AI output is untrusted: images load only from this origin or data:, links never reach the opener.
purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'IMG') {
    const src = node.getAttribute('src') ?? '';
    const local = src.startsWith('data:image/') || (src.startsWith('/') && !src.startsWith('//'));
    if (!local) {
      const alt = node.getAttribute('alt') ?? '';
      node.replaceWith(document.createTextNode(alt ? `[${alt}]` : ''));
    }
  }
  if (node.tagName === 'A') {
    node.setAttribute('rel', 'noopener noreferrer nofollow');
    node.setAttribute('target', '_blank');
  }
});

const OPTIONS = { FORBID_TAGS: ['style', 'form', 'input', 'button', 'iframe', 'object', 'embed', 'svg', 'math'], FORBID_ATTR: ['style'] };

/** HTML (from a document or from Markdown) with no script, no event handler, no style and no remote image. */
export function sanitizeHtml(html: string): string {
  return purifier.sanitize(html, OPTIONS);
}

export function markdownToSafeHtml(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown, { async: false, gfm: true }));
}
