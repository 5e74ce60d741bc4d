import { useQuery } from '@tanstack/react-query';
import { diffLines } from 'diff';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../../components/dialog';
import { Loading } from '../../../components/loading';
import { formatDateTime } from '../../../lib/format';
import { getVersion, listVersions, workflowKeys } from '../workflows-api';

function VersionDiff({ workflowId, from, to }: { workflowId: string; from: number; to: number }) {
  const { t } = useTranslation('workflows');
  const a = useQuery({ queryKey: [...workflowKeys.versions(workflowId), from], queryFn: ({ signal }) => getVersion(workflowId, from, signal) });
  const b = useQuery({ queryKey: [...workflowKeys.versions(workflowId), to], queryFn: ({ signal }) => getVersion(workflowId, to, signal) });
  if (!a.data || !b.data) return <Loading />;
  const parts = diffLines(JSON.stringify(a.data.definition, null, 2), JSON.stringify(b.data.definition, null, 2));
  return (
    <pre className="diff" aria-label={t('versions.diffLabel', { from, to })}>
      {parts.map((part, i) => (
        <span key={i} className={part.added ? 'diff-added' : part.removed ? 'diff-removed' : undefined}>
          {part.value
            .replace(/\n$/, '')
            .split('\n')
            .map((line) => `${part.added ? '+ ' : part.removed ? '- ' : '  '}${line}`)
            .join('\n') + '\n'}
        </span>
      ))}
    </pre>
  );
}

/** The workflow's immutable versions; pick two to see what changed between them. */
export function VersionsDialog({ workflowId, current, open, onOpenChange }: { workflowId: string; current: number; open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation('workflows');
  const versions = useQuery({ queryKey: workflowKeys.versions(workflowId), queryFn: ({ signal }) => listVersions(workflowId, signal), enabled: open });
  const [from, setFrom] = useState(Math.max(1, current - 1));
  const [to, setTo] = useState(current);
  const items = versions.data?.items ?? [];
  const picker = (label: string, value: number, set: (v: number) => void) => (
    <label className="inline-field">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(Number(e.target.value))}>
        {items.map((v) => (
          <option key={v.version} value={v.version}>
            {t('versions.option', { version: v.version, date: formatDateTime(v.created_at) })}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('versions.title')}>
      {versions.isPending ? (
        <Loading />
      ) : (
        <>
          <div className="toolbar">
            {picker(t('versions.from'), from, setFrom)}
            {picker(t('versions.to'), to, setTo)}
          </div>
          <VersionDiff workflowId={workflowId} from={from} to={to} />
        </>
      )}
    </Dialog>
  );
}
