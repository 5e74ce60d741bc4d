import { act, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { JsonSchema } from './json-schema';
import { SchemaForm } from './schema-form';

// As the file_watch trigger's settings schema reaches the UI (z.toJSONSchema of its zod schema).
const fileWatch: JsonSchema = {
  type: 'object',
  properties: {
    folder: { type: 'string', minLength: 1, description: 'Absolute path of the folder to watch', 'x-dwc-widget': 'folder' },
    debounce_ms: { type: 'integer', default: 500 },
  },
  required: ['folder'],
};

function Harness({ initial = {} }: { initial?: Record<string, unknown> }) {
  const [value, setValue] = useState<Record<string, unknown>>(initial);
  return (
    <>
      <SchemaForm schema={fileWatch} value={value} onChange={(k, v) => setValue((old) => ({ ...old, [k]: v }))} onReplace={setValue} />
      <output data-testid="value">{JSON.stringify(value)}</output>
    </>
  );
}

const value = () => JSON.parse(screen.getByTestId('value').textContent!) as Record<string, unknown>;

describe('a folder field of the schema form', () => {
  afterEach(() => {
    delete window.dwcDesktop;
  });

  it('is a plain text box in a browser, with no folder button', () => {
    render(<Harness />);
    const box = screen.getByRole('textbox', { name: /folder/ });
    fireEvent.change(box, { target: { value: '/srv/inbox' } });
    expect(value()).toEqual({ folder: '/srv/inbox' });
    expect(screen.queryByRole('button', { name: 'Choose folder…' })).toBeNull();
  });

  it('in the desktop app, fills in the folder chosen in its dialog', async () => {
    const calls: string[] = [];
    window.dwcDesktop = { pickWatchFolder: async () => (calls.push('pick'), '/home/op/Invoices') };
    render(<Harness initial={{ folder: '/old' }} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Choose folder…' })));
    expect(calls).toEqual(['pick']);
    expect(value()).toEqual({ folder: '/home/op/Invoices' });
    expect((screen.getByRole('textbox', { name: /folder/ }) as HTMLInputElement).value).toBe('/home/op/Invoices');
  });

  it('keeps the folder typed so far when the operator cancels the dialog, and says so when it cannot open', async () => {
    let answer: () => Promise<string | null> = async () => null;
    window.dwcDesktop = { pickWatchFolder: () => answer() };
    render(<Harness initial={{ folder: '/srv/inbox' }} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Choose folder…' })));
    expect(value()).toEqual({ folder: '/srv/inbox' });
    expect(screen.queryByRole('alert')).toBeNull();
    answer = async () => {
      throw new Error('ipc_sender_refused');
    };
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Choose folder…' })));
    expect(screen.getByRole('alert').textContent).toMatch(/type the folder's path/);
    expect(value()).toEqual({ folder: '/srv/inbox' });
  });
});
