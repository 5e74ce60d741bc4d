import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Dialog } from '../../components/dialog';
import { ErrorNote } from '../../components/error-note';
import { Loading } from '../../components/loading';
import { AiTemplateForm } from './ai-template-form';
import { createAiWorkflow, listAiTemplates } from './ai-templates-api';

/** Creates a workflow from one of the server's AI templates, then opens it in the editor. */
export function AiTemplateDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation('workflows');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const templates = useQuery({ queryKey: ['ai-workflows', 'templates'], queryFn: ({ signal }) => listAiTemplates(signal), enabled: open, staleTime: Infinity });
  const create = useMutation({
    mutationFn: createAiWorkflow,
    onSuccess: (workflow) => {
      void queryClient.invalidateQueries({ queryKey: ['workflows'] });
      void navigate(`/workflows/${workflow.id}`);
    },
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('templates.title')} description={t('templates.description')}>
      <ErrorNote error={templates.error ?? create.error} />
      {templates.isPending ? <Loading /> : templates.data && <AiTemplateForm templates={templates.data.items} pending={create.isPending} onSubmit={(request) => create.mutate(request)} />}
    </Dialog>
  );
}
