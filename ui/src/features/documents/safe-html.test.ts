// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { markdownToSafeHtml, sanitizeHtml } from './safe-html';

describe('rendering untrusted documents', () => {
  it('renders Markdown', () => {
    expect(markdownToSafeHtml('# Title\n\n**bold** [link](https://example.com)')).toMatch(/<h1[^>]*>Title<\/h1>[\s\S]*<strong>bold<\/strong>/);
  });

  it('drops scripts, event handlers and javascript: links', () => {
    const html = markdownToSafeHtml('<script>alert(1)</script>\n\n<p onclick="alert(2)">x</p>\n\n[y](javascript:alert(3))');
    expect(html).toContain('>y</a>');
    expect(html).not.toMatch(/<script|onclick|href="javascript:/i);
  });

  it('never loads a remote image, keeping its alt text', () => {
    const html = sanitizeHtml('<img src="https://tracker.example/p.gif" alt="chart"><img src="data:image/png;base64,AAAA" alt="inline">');
    expect(html).not.toContain('tracker.example');
    expect(html).toContain('[chart]');
    expect(html).toContain('data:image/png');
  });

  it('opens links without giving the page to the target', () => {
    expect(sanitizeHtml('<a href="https://example.com">x</a>')).toContain('rel="noopener noreferrer nofollow"');
  });
});
