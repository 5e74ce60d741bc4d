import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const PAGE = 20_000;

/** A JSON value as text, shown a page at a time so a large output never freezes the page. */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  const { t } = useTranslation('runs');
  const [pages, setPages] = useState(1);
  if (value === undefined || value === null) return <p className="muted">—</p>;
  const text = typeof value === 'string' ? value : JSON.stringify(value, null, 2);
  const shown = text.slice(0, pages * PAGE);
  return (
    <>
      <pre className="json" aria-label={label} tabIndex={0}>
        {shown}
      </pre>
      {shown.length < text.length && (
        <button type="button" className="ghost" onClick={() => setPages(pages + 1)}>
          {t('step.more', { shown: shown.length, total: text.length })}
        </button>
      )}
    </>
  );
}
