import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { streamGenerate, type AiGenerateResult, type AiProvider, type GenerateRequest, type StreamHandlers } from './ai-api';
import { useLocalized } from '../../lib/localized';

export interface PlaygroundProps {
  providers: AiProvider[];
  /** Streams one answer; the screen passes `streamGenerate`. */
  generate?: (request: GenerateRequest, handlers: StreamHandlers, signal: AbortSignal) => Promise<AiGenerateResult>;
}

/** Prompt a provider and model, and watch the answer stream in with its tokens and cost. */
export function Playground({ providers, generate = streamGenerate }: PlaygroundProps) {
  const { t, i18n } = useTranslation('ai');
  const { name: localName } = useLocalized();
  const writers = providers.filter((p) => p.capabilities.generation);
  const [provider, setProvider] = useState('');
  const [model, setModel] = useState('');
  const [prompt, setPrompt] = useState('');
  const [text, setText] = useState('');
  const [result, setResult] = useState<AiGenerateResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const abort = useRef<AbortController | null>(null);
  const answerId = useId();
  const models = writers.find((p) => p.type === provider)?.models ?? [];
  const number = new Intl.NumberFormat(i18n.language);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    abort.current = new AbortController();
    setBusy(true);
    setText('');
    setResult(null);
    setError(null);
    try {
      const request: GenerateRequest = { prompt, ...(provider ? { provider } : {}), ...(model ? { model } : {}) };
      const done = await generate(request, { onToken: (chunk) => setText((old) => old + chunk), onReset: () => setText('') }, abort.current.signal);
      setText(done.text);
      setResult(done);
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError')) setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} aria-labelledby={`${answerId}-title`}>
      <h2 id={`${answerId}-title`}>{t('playground.title')}</h2>
      <div className="toolbar">
        <label className="field">
          <span id={`${answerId}-provider`}>{t('playground.provider')}</span>
          <select aria-labelledby={`${answerId}-provider`} value={provider} onChange={(e) => { setProvider(e.target.value); setModel(''); }}>
            <option value="">{t('playground.automatic')}</option>
            {writers.map((p) => (
              <option key={p.type} value={p.type}>{localName(p)}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span id={`${answerId}-model`}>{t('playground.model')}</span>
          <select aria-labelledby={`${answerId}-model`} value={model} onChange={(e) => setModel(e.target.value)} disabled={!provider}>
            <option value="">{t('playground.defaultModel')}</option>
            {models.map((m) => (
              <option key={m.id} value={m.id}>{m.id}</option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span>{t('playground.prompt')}</span>
        <textarea rows={4} value={prompt} onChange={(e) => setPrompt(e.target.value)} required />
      </label>
      <div className="toolbar">
        <button type="submit" className="button" disabled={busy || prompt.trim() === ''}>{t('playground.send')}</button>
        {busy && (
          <button type="button" className="button ghost" onClick={() => abort.current?.abort()}>{t('playground.stop')}</button>
        )}
      </div>
      <ErrorNote error={error} />
      <h3 id={answerId}>{t('playground.answer')}</h3>
      <output className="stream" aria-labelledby={answerId} aria-live="polite" aria-busy={busy}>{text}</output>
      {result && (
        <dl className="facts">
          <dt>{t('playground.answeredBy')}</dt>
          <dd>{result.provider} · {result.model}</dd>
          <dt>{t('playground.tokens')}</dt>
          <dd>{t('playground.tokenCounts', { input: number.format(result.usage.input_tokens), output: number.format(result.usage.output_tokens) })}</dd>
          <dt>{t('playground.cost')}</dt>
          <dd>{result.usage.cost_usd === null ? t('playground.unpriced') : new Intl.NumberFormat(i18n.language, { style: 'currency', currency: 'USD', maximumFractionDigits: 6 }).format(result.usage.cost_usd)}</dd>
        </dl>
      )}
    </form>
  );
}
