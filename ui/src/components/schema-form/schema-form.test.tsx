import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from './json-schema';
import { SchemaForm } from './schema-form';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    url: { type: 'string', description: 'The URL to call.' },
    method: { type: 'string', enum: ['GET', 'POST'], default: 'GET' },
    tasks: { type: 'array', items: { type: 'string', enum: ['summary', 'sentiment'] } },
    retries: { type: 'integer' },
    follow: { type: 'boolean' },
  },
  required: ['url'],
};

function Harness({ schema: s, initial = {} }: { schema: JsonSchema; initial?: Record<string, unknown> }) {
  const [value, setValue] = useState<Record<string, unknown>>(initial);
  return (
    <>
      <SchemaForm schema={s} value={value} onChange={(k, v) => setValue((old) => ({ ...old, [k]: v }))} onReplace={setValue} errors={{ url: ['missing required field `url`'] }} />
      <output data-testid="value">{JSON.stringify(value)}</output>
    </>
  );
}

const value = () => JSON.parse(screen.getByTestId('value').textContent!) as Record<string, unknown>;

describe('SchemaForm', () => {
  it('draws a field per property from the schema alone, each reachable by its label', () => {
    render(<Harness schema={schema} />);
    expect(screen.getByRole('textbox', { name: /url/ })).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'method' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'tasks' })).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'retries' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'follow' })).toBeTruthy();
  });

  it('keeps the types of the schema: numbers as numbers, templates as text, lists of choices as arrays', () => {
    render(<Harness schema={schema} />);
    fireEvent.change(screen.getByRole('textbox', { name: 'retries' }), { target: { value: '3' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'method' }), { target: { value: 'POST' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'sentiment' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'follow' }));
    expect(value()).toEqual({ retries: 3, method: 'POST', tasks: ['sentiment'], follow: true });
    fireEvent.change(screen.getByRole('textbox', { name: 'retries' }), { target: { value: '{{ input.n }}' } });
    expect(value().retries).toBe('{{ input.n }}');
  });

  it("shows the server's message on the field it names", () => {
    render(<Harness schema={schema} />);
    expect(screen.getByRole('alert').textContent).toBe('missing required field `url`');
  });

  it('offers the alternatives of an anyOf and keeps only the fields of the chosen one', () => {
    const delay: JsonSchema = {
      anyOf: [
        { type: 'object', properties: { duration_ms: { type: 'integer' } }, description: 'Wait for a duration.' },
        { type: 'object', properties: { until: { type: 'string' } }, description: 'Wait until a time.' },
      ],
    };
    render(<Harness schema={delay} initial={{ duration_ms: 5 }} />);
    const kind = screen.getByRole('combobox', { name: 'Kind' }) as HTMLSelectElement;
    expect(kind.selectedOptions[0]!.textContent).toBe('Wait for a duration.');
    fireEvent.change(kind, { target: { value: '1' } });
    expect(value()).toEqual({});
    expect(screen.getByRole('textbox', { name: 'until' })).toBeTruthy();
  });

  it('shows the Spanish titles, help and choice labels a schema carries under x-dwc-i18n when the language is Spanish', async () => {
    const spanish: JsonSchema = {
      type: 'object',
      properties: {
        url: { type: 'string', description: 'The URL to call.', 'x-dwc-i18n': { es: { title: 'Dirección', description: 'La URL a la que se llama.' } } },
        method: { type: 'string', enum: ['GET', 'POST'], default: 'GET', 'x-dwc-i18n': { es: { title: 'Método', enum: { GET: 'Leer', POST: 'Enviar' } } } },
        tasks: { type: 'array', items: { type: 'string', enum: ['summary', 'sentiment'] }, 'x-dwc-i18n': { es: { title: 'Tareas', enum: { summary: 'Resumen', sentiment: 'Sentimiento' } } } },
      },
    };
    await act(() => i18next.changeLanguage('es'));
    try {
      render(<Harness schema={spanish} />);
      expect(screen.getByRole('textbox', { name: /Dirección/ })).toBeTruthy();
      expect(screen.getByText('La URL a la que se llama.')).toBeTruthy();
      const method = screen.getByRole('combobox', { name: 'Método' });
      expect([...method.querySelectorAll('option')].map((o) => o.textContent)).toEqual(['(Leer)', 'Leer', 'Enviar']);
      expect(screen.getByRole('checkbox', { name: 'Sentimiento' })).toBeTruthy();
    } finally {
      await act(() => i18next.changeLanguage('en'));
    }
    // The same form follows the switch back to English.
    expect(screen.getByRole('combobox', { name: 'method' })).toBeTruthy();
    expect(screen.getByText('The URL to call.')).toBeTruthy();
    cleanup();
  });

  it('names anyOf alternatives by their Spanish title', async () => {
    const union: JsonSchema = {
      anyOf: [
        { type: 'object', description: 'Wait for a duration.', properties: { duration_ms: { type: 'integer' } }, 'x-dwc-i18n': { es: { title: 'Esperar una duración' } } },
        { type: 'object', description: 'Wait until a date-time.', properties: { until: { type: 'string' } }, 'x-dwc-i18n': { es: { title: 'Esperar hasta una hora' } } },
      ],
    };
    await act(() => i18next.changeLanguage('es'));
    try {
      render(<Harness schema={union} />);
      expect(screen.getByRole('option', { name: 'Esperar hasta una hora' })).toBeTruthy();
    } finally {
      await act(() => i18next.changeLanguage('en'));
    }
  });
});
