import { useInfiniteQuery } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { StatusBadge } from '../../components/status-badge';
import { ApiError } from '../../lib/api-client';
import { formatDateTime } from '../../lib/format';
import { executionListQuery, type Execution } from './runs-api';

const STATUSES = ['queued', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'];
const ROW = 40;

const toIso = (local: string) => (local ? new Date(local).toISOString() : undefined);
// The rows of the first page are drawn in the first render, before the list's box is measured.
const initialRect = { width: 0, height: typeof window === 'undefined' ? 0 : window.innerHeight };

const RunRow = memo(function RunRow({ run, index, start }: { run: Execution; index: number; start: number }) {
  return (
    <div role="row" aria-rowindex={index + 2} className="vrow" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${start}px)` }}>
      <span role="cell">
        <Link to={`/runs/${run.id}`}>
          <StatusBadge status={run.status} />
        </Link>
      </span>
      <span role="cell">
        <Link to={`/workflows/${run.workflow_id}`}>{run.workflow_id}</Link>
      </span>
      <span role="cell">{formatDateTime(run.started_at ?? run.created_at)}</span>
      <span role="cell">{formatDateTime(run.finished_at)}</span>
    </div>
  );
});

/** Every execution the person may read, newest first, filtered; rows are virtualised and pages load as you scroll. */
export function RunListScreen() {
  const { t } = useTranslation('runs');
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const workflowId = params.get('workflow_id') ?? '';
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filters = { status, workflow_id: workflowId, from: toIso(from), to: toIso(to) };
  const pages = useInfiniteQuery(executionListQuery(filters));
  const rows = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW, overscan: 10, initialRect });
  const items = virtual.getVirtualItems();
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (last >= rows.length - 20 && pages.hasNextPage && !pages.isFetchingNextPage) void pages.fetchNextPage();
  }, [last, rows.length, pages]);
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <section className="page">
      <h1>{t('list.title')}</h1>
      <div className="toolbar">
        <label className="inline-field">
          <span>{t('list.status')}</span>
          <select value={status} onChange={(e) => set('status', e.target.value)}>
            <option value="">{t('list.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`, { ns: 'common' })}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          <span>{t('list.workflow')}</span>
          <input value={workflowId} onChange={(e) => set('workflow_id', e.target.value.trim())} />
        </label>
        <label className="inline-field">
          <span>{t('list.from')}</span>
          <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="inline-field">
          <span>{t('list.to')}</span>
          <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      {pages.error instanceof ApiError && pages.error.status === 404 ? <p className="muted">{t('list.unavailable')}</p> : <ErrorNote error={pages.error} />}
      {pages.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="muted">{t('list.empty')}</p>
      ) : (
        <div role="table" aria-label={t('list.title')} aria-rowcount={rows.length + 1} className="vtable">
          <div role="row" className="vrow vhead" aria-rowindex={1}>
            <span role="columnheader">{t('list.status')}</span>
            <span role="columnheader">{t('list.workflow')}</span>
            <span role="columnheader">{t('list.started')}</span>
            <span role="columnheader">{t('list.finished')}</span>
          </div>
          <div ref={scroller} className="vbody" role="rowgroup">
            <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
              {items.map((item) => (
                <RunRow key={rows[item.index]!.id} run={rows[item.index]!} index={item.index} start={item.start} />
              ))}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
