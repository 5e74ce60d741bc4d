import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../lib/format';
import { documentKeys, listDocuments, semanticSearch, type DocumentSummary } from './documents-api';

function Row({ doc, score }: { doc: DocumentSummary; score?: number }) {
  return (
    <tr>
      <td>
        <Link to={`/documents/${doc.id}`}>{doc.title}</Link>
      </td>
      <td>{doc.format}</td>
      <td>{new Intl.NumberFormat(undefined, { style: 'unit', unit: 'byte', notation: 'compact' }).format(doc.size_bytes)}</td>
      <td>{formatDateTime(doc.created_at)}</td>
      {score !== undefined && <td>{score.toFixed(3)}</td>}
    </tr>
  );
}

/** Every document, newest first: text search, or search by meaning when embeddings exist. */
export function DocumentListScreen() {
  const { t } = useTranslation('documents');
  const [text, setText] = useState('');
  const [semantic, setSemantic] = useState(false);
  const q = useDeferredValue(text.trim());
  const pages = useInfiniteQuery({
    queryKey: documentKeys.list(q),
    queryFn: ({ pageParam, signal }) => listDocuments(q, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_before ?? undefined,
    enabled: !semantic,
  });
  const found = useQuery({ queryKey: documentKeys.search(q), queryFn: ({ signal }) => semanticSearch(q, signal), enabled: semantic && q !== '' });
  const docs = pages.data?.pages.flatMap((p) => p.items) ?? [];
  const pending = semantic ? found.isFetching : pages.isPending;
  const rows = semantic ? (found.data?.items ?? []).map((hit) => <Row key={hit.document.id} doc={hit.document} score={hit.score} />) : docs.map((doc) => <Row key={doc.id} doc={doc} />);

  return (
    <section className="page">
      <h1>{t('list.title')}</h1>
      <div className="toolbar">
        <input type="search" aria-label={t('list.search')} placeholder={t('list.search')} value={text} onChange={(e) => setText(e.target.value)} />
        <label className="inline-field">
          <input type="checkbox" checked={semantic} onChange={(e) => setSemantic(e.target.checked)} />
          {t('list.semantic')}
        </label>
      </div>
      <ErrorNote error={semantic ? found.error : pages.error} />
      {pending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p className="muted">{t('list.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('list.name')}</th>
              <th scope="col">{t('list.format')}</th>
              <th scope="col">{t('list.size')}</th>
              <th scope="col">{t('list.created')}</th>
              {semantic && <th scope="col">{t('list.score')}</th>}
            </tr>
          </thead>
          <tbody>{rows}</tbody>
        </table>
      )}
      {!semantic && pages.hasNextPage && (
        <button type="button" className="ghost" onClick={() => void pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
          {t('list.more')}
        </button>
      )}
    </section>
  );
}
