import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AiGenerateResult, AiProvider, GenerateRequest, PullModel, PullProgress, StreamHandlers } from './ai-api';
import { Playground } from './playground';
import { ProvidersPanel } from './providers-panel';
import { UsageTable } from './usage-panel';

const provider = (over: Partial<AiProvider>): AiProvider => ({
  type: 'openai',
  title: 'OpenAI',
  description: '',
  plugin: '@dwc/plugin-ai-openai',
  capabilities: { generation: true, streaming: true, embeddings: true, structured_output: true, analysis: false, model_management: false, offline: false },
  readiness: { state: 'configured' },
  health: { ok: true, latency_ms: 3, checked_at: '2026-01-01T00:00:00Z' },
  models: [{ id: 'gpt-4o-mini' }],
  ...over,
});

describe('AI screen', () => {
  it('streams the answer in, then shows tokens and cost, for the picked provider and model', async () => {
    const asked: GenerateRequest[] = [];
    const generate = async (request: GenerateRequest, handlers: StreamHandlers): Promise<AiGenerateResult> => {
      asked.push(request);
      handlers.onToken('Hel');
      handlers.onToken('lo');
      return { text: 'Hello', finish_reason: 'stop', provider: 'openai', model: 'gpt-4o-mini', usage: { input_tokens: 12, output_tokens: 2, cost_usd: 0.0003, cached: false, latency_ms: 40 } };
    };
    render(<Playground providers={[provider({})]} generate={generate} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Provider' }), 'openai');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Model' }), 'gpt-4o-mini');
    await user.type(screen.getByRole('textbox', { name: 'Prompt' }), 'Say hello');
    await user.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(screen.getByRole('status', { name: 'Answer' }).textContent).toBe('Hello'));
    expect(asked).toEqual([{ prompt: 'Say hello', provider: 'openai', model: 'gpt-4o-mini' }]);
    expect(screen.getByText('12 in, 2 out')).toBeTruthy();
    expect(screen.getByText('$0.0003')).toBeTruthy();
  });

  it('shows readiness, health and a pull form only for providers that manage models, to admins', () => {
    const ollama = provider({ type: 'ollama', title: 'Ollama', readiness: { state: 'probe' }, health: { ok: false, detail: 'connection refused', latency_ms: 1, checked_at: '' }, models: null, models_error: 'not reachable', capabilities: { ...provider({}).capabilities, model_management: true } });
    const wrap = (canManage: boolean) => (
      <QueryClientProvider client={new QueryClient()}>
        <ProvidersPanel providers={[provider({}), ollama]} canManage={canManage} />
      </QueryClientProvider>
    );
    const { rerender } = render(wrap(true));
    const row = screen.getByRole('row', { name: /Ollama/ });
    expect(row.textContent).toContain('Unreachable');
    expect(row.textContent).toContain('connection refused');
    expect(screen.getAllByRole('textbox', { name: /Model to download/ })).toHaveLength(1);
    rerender(wrap(false));
    expect(screen.queryByRole('textbox', { name: /Model to download/ })).toBeNull();
  });

  it('lists usage per provider with tokens and cost', () => {
    render(<UsageTable rows={[{ key: 'openai', calls: 3, failed: 1, cached: 0, input_tokens: 100, output_tokens: 20, cost_usd: 0.5, avg_latency_ms: 9 }]} group="provider" onGroup={() => {}} />);
    const row = screen.getByRole('row', { name: /openai/ });
    expect(row.textContent).toContain('120');
    expect(screen.getByRole('meter', { name: 'Tokens used by openai' })).toBeTruthy();
  });

  it('shows a download\'s progress as it comes, then that the model is installed', async () => {
    const ollama = provider({ type: 'ollama', title: 'Ollama', capabilities: { ...provider({}).capabilities, model_management: true } });
    let report: (p: PullProgress) => void = () => undefined;
    let finish: () => void = () => undefined;
    const calls: string[] = [];
    const pull: PullModel = (type, model, onProgress) => {
      calls.push(`${type}/${model}`);
      report = onProgress;
      return new Promise((resolve) => (finish = () => resolve({ provider: type, model, duration_ms: 5 })));
    };
    render(
      <QueryClientProvider client={new QueryClient()}>
        <ProvidersPanel providers={[ollama]} canManage pull={pull} />
      </QueryClientProvider>,
    );
    fireEvent.change(screen.getByRole('textbox', { name: /Model to download/ }), { target: { value: 'qwen2.5:0.5b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Download' }));
    await waitFor(() => expect(calls).toEqual(['ollama/qwen2.5:0.5b']));
    const bar = () => screen.getByRole('progressbar', { name: 'Downloading qwen2.5:0.5b…' }) as HTMLProgressElement;
    expect(bar().hasAttribute('value')).toBe(false);
    act(() => report({ status: 'pulling manifest' }));
    expect(screen.getByRole('status').textContent).toContain('pulling manifest');
    act(() => report({ status: 'pulling 74701a8c35f6', completed: 250_000_000, total: 1_000_000_000, percent: 25 }));
    expect(bar().value).toBe(25);
    expect(screen.getByRole('status').textContent).toContain('25% (250 MB of 1 GB)');
    await act(async () => finish());
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('qwen2.5:0.5b is installed.'));
  });
});
