import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { live } from '../../lib/live-events';
import { ApprovalList } from './approval-list';
import { approvalsKey, decideApproval, listApprovals, type Approval, type Decision } from './approvals-api';

/** Events after which the inbox may have changed. */
const CHANGES = /^(step\.waiting|approval\.decided|execution\.(waiting|succeeded|failed|cancelled))$/;

/** The approvals inbox: open approval steps the person may decide. */
export function ApprovalsScreen() {
  const { t } = useTranslation('approvals');
  const client = useQueryClient();
  const approvals = useQuery({ queryKey: approvalsKey, queryFn: ({ signal }) => listApprovals(signal) });
  useEffect(() => live.listen((event) => {
    if (CHANGES.test(event.type)) void client.invalidateQueries({ queryKey: approvalsKey });
  }), [client]);
  const decide = useMutation({
    mutationFn: ({ approval, decision, comment }: { approval: Approval; decision: Decision; comment: string }) => decideApproval(approval, decision, comment),
    onSettled: () => client.invalidateQueries({ queryKey: approvalsKey }),
  });
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      {approvals.error ? <ErrorNote error={approvals.error} /> : null}
      {decide.error ? <ErrorNote error={decide.error} /> : null}
      {approvals.data ? (
        <ApprovalList items={approvals.data.items} busy={decide.isPending} onDecide={(approval, decision, comment) => decide.mutate({ approval, decision, comment })} />
      ) : approvals.isPending ? <Loading /> : null}
    </section>
  );
}
