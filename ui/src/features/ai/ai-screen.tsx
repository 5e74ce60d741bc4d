import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { roleAtLeast } from '../../lib/roles';
import { useAuth } from '../../lib/auth-store';
import { aiKeys, aiUsage, listProviders, type UsageGroup } from './ai-api';
import { Playground } from './playground';
import { ProvidersPanel } from './providers-panel';
import { UsageTable } from './usage-panel';

/** The AI page: playground (editors and up), providers with health and models, usage. */
export function AiScreen() {
  const { t } = useTranslation('ai');
  const role = useAuth((s) => s.user?.role ?? 'viewer');
  const [group, setGroup] = useState<UsageGroup>('provider');
  const providers = useQuery({ queryKey: aiKeys.providers, queryFn: ({ signal }) => listProviders(signal) });
  const usage = useQuery({ queryKey: aiKeys.usage(group), queryFn: ({ signal }) => aiUsage(group, signal) });
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      <ErrorNote error={providers.error ?? usage.error} />
      {providers.isPending ? <Loading /> : (
        <>
          {roleAtLeast(role, 'editor') && <Playground providers={providers.data ?? []} />}
          <ProvidersPanel providers={providers.data ?? []} canManage={roleAtLeast(role, 'admin')} />
        </>
      )}
      <UsageTable rows={usage.data ?? []} group={group} onGroup={setGroup} />
    </section>
  );
}
