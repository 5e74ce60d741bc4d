import { describe, expect, it } from 'vitest';
import { checkTemplate, renderTemplate } from './template-engine.js';

describe('notification templates', () => {
  it('renders subject, text and HTML, escaping values only in the HTML part', () => {
    const rendered = renderTemplate({ subject: 'Run {{ run.name }}', body: '{{ run.name }} failed', html: '<p>{{ run.name }}</p>' }, { run: { name: '<b>Nightly</b>' } });
    expect(rendered).toEqual({ subject: 'Run <b>Nightly</b>', body: '<b>Nightly</b> failed', html: '<p>&lt;b&gt;Nightly&lt;/b&gt;</p>' });
  });

  it('names a variable the data lacks at send time, but lets if and default guard optional ones', () => {
    expect(() => renderTemplate({ body: 'Hi {{ name }}' }, {})).toThrow(expect.objectContaining({ code: 'template_variable_missing', details: expect.objectContaining({ variable: 'name' }) }));
    expect(renderTemplate({ body: '{% if note %}{{ note }}{% endif %}{{ who | default: "team" }}' }, {}).body).toBe('team');
  });

  it('reads only own data properties and never files', () => {
    expect(() => renderTemplate({ body: '{{ o.constructor }}' }, { o: {} })).toThrow(expect.objectContaining({ code: 'template_variable_missing' }));
    expect(() => renderTemplate({ body: '{% include "/etc/passwd" %}' }, {})).toThrow(expect.objectContaining({ code: 'template_render_failed' }));
  });

  it('refuses at save time a syntax error, an undeclared variable, or sample data that misses one', () => {
    expect(() => checkTemplate({ body: '{{ a ' }, {})).toThrow(expect.objectContaining({ code: 'template_syntax_error' }));
    expect(() => checkTemplate({ subject: '{{ order.id }}', body: '{{ user.name }}' }, { variables: ['order'] })).toThrow(
      expect.objectContaining({ code: 'template_variable_missing', details: { body: ['uses "user.name", which is not in "variables"'] } }),
    );
    expect(() => checkTemplate({ body: '{{ user.name }}' }, { variables: ['user.name'] })).not.toThrow();
    expect(() => checkTemplate({ body: '{{ user.name }}' }, { sampleData: { user: {} } })).toThrow(expect.objectContaining({ code: 'template_variable_missing' }));
    expect(() => checkTemplate({ body: '{% for i in items %}{{ i.x }}{% endfor %}' }, { variables: ['items'] })).not.toThrow();
  });
});
