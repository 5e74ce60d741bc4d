import { useMutation, useQuery } from '@tanstack/react-query';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../lib/format';
import { documentKeys, downloadExport, getDocument, getLineage, type DocumentFull } from './documents-api';
import { LineageGraph } from './lineage-graph';
import { markdownToSafeHtml, sanitizeHtml } from './safe-html';

function Content({ doc }: { doc: DocumentFull }) {
  const html = useMemo(() => (doc.format === 'markdown' ? markdownToSafeHtml(doc.content) : doc.format === 'html' ? sanitizeHtml(doc.content) : null), [doc]);
  if (html !== null) return <article className="reader" dangerouslySetInnerHTML={{ __html: html }} />;
  const text = doc.format === 'json' ? JSON.stringify(JSON.parse(doc.content), null, 2) : doc.content;
  return <pre className="json reader-text">{text}</pre>;
}

/** A document: rendered safely, its lineage as a graph, and export. */
export function DocumentScreen() {
  const { t } = useTranslation('documents');
  const { id = '' } = useParams();
  const doc = useQuery({ queryKey: documentKeys.one(id), queryFn: ({ signal }) => getDocument(id, signal) });
  const lineage = useQuery({ queryKey: documentKeys.lineage(id), queryFn: ({ signal }) => getLineage(id, signal) });
  const exporting = useMutation({ mutationFn: (format: 'md' | 'html' | 'json') => downloadExport(doc.data!, format) });
  if (doc.isPending) return <Loading />;
  if (!doc.data) return <ErrorNote error={doc.error} />;
  const related = lineage.data ? [...lineage.data.ancestors, ...lineage.data.descendants] : [];
  return (
    <section className="page">
      <p>
        <Link to="/documents">{t('reader.back')}</Link>
      </p>
      <div className="toolbar">
        <h1 className="spacer">{doc.data.title}</h1>
        <Menu.Root>
          <Menu.Trigger className="button">{t('reader.export')}</Menu.Trigger>
          <Menu.Portal>
            <Menu.Content className="menu" align="end" sideOffset={4}>
              {(['md', 'html', 'json'] as const).map((format) => (
                <Menu.Item key={format} className="menu-item" onSelect={() => exporting.mutate(format)}>
                  {t('reader.exportAs', { format })}
                </Menu.Item>
              ))}
            </Menu.Content>
          </Menu.Portal>
        </Menu.Root>
      </div>
      <p className="muted">
        {doc.data.format} · {formatDateTime(doc.data.created_at)}
        {doc.data.execution_id && (
          <>
            {' · '}
            <Link to={`/runs/${doc.data.execution_id}`}>{t('reader.fromRun')}</Link>
          </>
        )}
      </p>
      <ErrorNote error={exporting.error} />
      <h2>{t('reader.content')}</h2>
      <Content doc={doc.data} />
      <h2>{t('reader.lineage')}</h2>
      {lineage.isPending ? <Loading /> : related.length === 0 ? <p className="muted">{t('reader.noLineage')}</p> : <LineageGraph current={doc.data} related={related} label={t('reader.lineageGraph')} />}
    </section>
  );
}
