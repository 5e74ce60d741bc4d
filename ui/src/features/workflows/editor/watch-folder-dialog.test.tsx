import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useEditor } from './editor-store';
import { fileWatchTrigger, WatchFolderDialog } from './watch-folder-dialog';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const saved = { id: 'w1', version: 2, name: 'Invoices', trigger: { type: 'manual' }, steps: [{ id: 'a', type: 'transform', input: {} }], active: false, created_at: '', updated_at: '' };

function show(workflowId: string | undefined = 'w1') {
  const onOpenChange = vi.fn();
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MemoryRouter>
        <WatchFolderDialog workflowId={workflowId} open onOpenChange={onOpenChange} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return onOpenChange;
}

beforeEach(() => useEditor.getState().load({ name: 'Invoices', trigger: { type: 'manual' }, steps: [{ id: 'a', type: 'transform', input: {} }] }));
afterEach(() => {
  vi.restoreAllMocks();
  delete window.dwcDesktop;
});

describe('the watch-a-folder dialog', () => {
  it('in a browser: the folder is typed; saves the workflow with a file_watch trigger, then turns it on', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => json(init?.method === 'PATCH' ? { ...saved, active: true } : saved));
    const onOpenChange = show();
    const user = userEvent.setup();
    expect(screen.queryByRole('button', { name: 'Choose folder…' })).toBeNull();
    await user.type(screen.getByRole('textbox', { name: 'Folder' }), '/srv/inbox');
    await user.type(screen.getByRole('textbox', { name: 'Files (patterns)' }), '**/*.txt, *.md');
    await user.click(screen.getByRole('button', { name: 'Save and watch' }));
    await vi.waitFor(() => expect(onOpenChange).toHaveBeenCalledWith(false));
    const [put, patch] = fetchMock.mock.calls;
    expect(String(put![0])).toBe('/api/v3/workflows/w1');
    expect(put![1]?.method).toBe('PUT');
    expect(JSON.parse(String(put![1]?.body)).trigger).toEqual({ type: 'file_watch', folder: '/srv/inbox', patterns: ['**/*.txt', '*.md'], events: ['add'] });
    expect(patch![1]?.method).toBe('PATCH');
    expect(JSON.parse(String(patch![1]?.body))).toEqual({ active: true });
    expect(useEditor.getState().draft.trigger).toMatchObject({ type: 'file_watch', folder: '/srv/inbox' });
    expect(useEditor.getState().dirty).toBe(false);
  });

  it("shows the server's refusal of a folder outside the allowed ones beside the folder, and does not turn anything on", async () => {
    const refusal = { error: { code: 'invalid_workflow', message: 'Invalid workflow', details: { 'trigger.folder': ['must be inside one of /srv/dwc (DWC_WATCH_ROOTS, or a folder chosen in the desktop app)'] } } };
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json(refusal, 400));
    const onOpenChange = show();
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Folder' }), '/etc');
    await user.click(screen.getByRole('button', { name: 'Save and watch' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The server refused this folder: must be inside one of /srv/dwc (DWC_WATCH_ROOTS, or a folder chosen in the desktop app)');
    expect(screen.getByRole('textbox', { name: 'Folder' }).getAttribute('aria-invalid')).toBe('true');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(onOpenChange).not.toHaveBeenCalled();
    expect(useEditor.getState().draft.trigger).toEqual({ type: 'manual' });
  });

  it('in the desktop app: the folder comes from its folder dialog, and there is no text field', async () => {
    window.dwcDesktop = { pickWatchFolder: vi.fn(async () => '/home/op/Invoices') };
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => json(saved));
    show();
    const user = userEvent.setup();
    expect(screen.queryByRole('textbox', { name: 'Folder' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Save and watch' }).hasAttribute('disabled')).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Choose folder…' }));
    expect(await screen.findByText('/home/op/Invoices')).toBeTruthy();
    expect(window.dwcDesktop.pickWatchFolder).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Save and watch' }).hasAttribute('disabled')).toBe(false);
  });

  it('asks for a step first on an empty workflow', () => {
    useEditor.getState().load({ name: 'Empty', trigger: { type: 'manual' }, steps: [] });
    show(undefined);
    expect(screen.getByText(/Add a step first/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save and watch' }).hasAttribute('disabled')).toBe(true);
  });

  it('watches every file when no pattern is given, and changes too when asked', () => {
    expect(fileWatchTrigger('/a', ' , ', true)).toEqual({ type: 'file_watch', folder: '/a', patterns: ['**/*'], events: ['add', 'change'] });
  });
});
