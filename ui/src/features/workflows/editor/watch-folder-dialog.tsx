import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Dialog } from '../../../components/dialog';
import { ErrorNote } from '../../../components/error-note';
import { ApiError } from '../../../lib/api-client';
import { desktopBridge } from '../../../lib/desktop-bridge';
import type { WorkflowDefinition } from '../workflow-types';
import { createWorkflow, updateWorkflow, workflowKeys } from '../workflows-api';
import { useEditor } from './editor-store';
import { setWorkflowActive } from './triggers-api';

/** The `file_watch` trigger the dialog sets (the plugin's settings schema; debounce and size limits keep their defaults). */
export function fileWatchTrigger(folder: string, patterns: string, changes: boolean): WorkflowDefinition['trigger'] {
  const globs = patterns.split(',').map((p) => p.trim()).filter(Boolean);
  return { type: 'file_watch', folder, patterns: globs.length > 0 ? globs : ['**/*'], events: changes ? ['add', 'change'] : ['add'] };
}

/** The server's messages about the folder in a refused save (`trigger.folder`), if that is what it refused. */
function folderRefusal(error: unknown): string[] | null {
  if (!(error instanceof ApiError) || error.status !== 400 || error.details === null || typeof error.details !== 'object' || Array.isArray(error.details)) return null;
  const details = error.details as Record<string, unknown>;
  const messages = details['trigger.folder'] ?? details['body.trigger.folder'];
  return Array.isArray(messages) ? messages.map(String) : null;
}

/**
 * Sets the workflow to run for each file that appears in a folder: a `file_watch` trigger, saved
 * with the draft and switched on. In the desktop app the folder comes from its folder dialog
 * (which also allows it to be watched); in a browser it is typed, and must lie under the server's
 * `DWC_WATCH_ROOTS`, or the server refuses it and the dialog says why.
 */
export function WatchFolderDialog({ workflowId, open, onOpenChange }: { workflowId: string | undefined; open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation('workflows');
  const navigate = useNavigate();
  const client = useQueryClient();
  const bridge = desktopBridge();
  const current = useEditor((s) => s.draft.trigger);
  const hasSteps = useEditor((s) => s.draft.steps.length > 0);
  const ids = { folder: useId(), patterns: useId(), error: useId() };
  const [folder, setFolder] = useState(current.type === 'file_watch' && typeof current.folder === 'string' ? current.folder : '');
  const [patterns, setPatterns] = useState(current.type === 'file_watch' && Array.isArray(current.patterns) ? current.patterns.join(', ') : '');
  const [changes, setChanges] = useState(current.type === 'file_watch' && Array.isArray(current.events) && current.events.includes('change'));
  const [picking, setPicking] = useState(false);
  const [pickFailed, setPickFailed] = useState(false);

  const watch = useMutation({
    mutationFn: async () => {
      const draft = { ...useEditor.getState().draft, trigger: fileWatchTrigger(folder.trim(), patterns, changes) };
      const saved = workflowId === undefined ? await createWorkflow(draft) : await updateWorkflow(workflowId, draft);
      return { draft, workflow: await setWorkflowActive(saved.id, true) };
    },
    onSuccess: ({ draft, workflow }) => {
      const editor = useEditor.getState();
      editor.change((d) => ({ ...d, trigger: draft.trigger }));
      editor.saved();
      client.setQueryData(workflowKeys.one(workflow.id), workflow);
      void client.invalidateQueries({ queryKey: ['workflows', 'list'] });
      onOpenChange(false);
      if (workflowId === undefined) void navigate(`/workflows/${workflow.id}`, { replace: true });
    },
  });

  const pick = async (): Promise<void> => {
    setPicking(true);
    setPickFailed(false);
    try {
      const chosen = await bridge!.pickWatchFolder();
      if (chosen !== null) setFolder(chosen);
    } catch {
      setPickFailed(true);
    } finally {
      setPicking(false);
    }
  };

  const refusal = folderRefusal(watch.error);
  const ready = hasSteps && folder.trim() !== '' && !watch.isPending;

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('watch.title')} description={t('watch.description')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (ready) watch.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={ids.folder}>{t('watch.folder')}</label>
          {bridge !== undefined ? (
            <div className="folder-field">
              <output id={ids.folder} className={folder ? 'chosen-folder' : 'chosen-folder muted'} aria-describedby={refusal ? ids.error : undefined}>
                {folder || t('watch.noFolder')}
              </output>
              <button type="button" className="button" disabled={picking} onClick={() => void pick()}>
                {t('form.chooseFolder', { ns: 'common' })}
              </button>
            </div>
          ) : (
            <input
              id={ids.folder}
              value={folder}
              onChange={(e) => setFolder(e.target.value)}
              placeholder={t('watch.folderPlaceholder')}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={refusal !== null}
              aria-describedby={refusal ? ids.error : undefined}
            />
          )}
          <small className="muted">{bridge !== undefined ? t('watch.folderHintDesktop') : t('watch.folderHint')}</small>
          {pickFailed && (
            <span role="alert" className="field-error">
              {t('form.chooseFolderFailed', { ns: 'common' })}
            </span>
          )}
          {refusal && (
            <p id={ids.error} role="alert" className="error-note">
              {t('watch.refused')} {refusal.join('; ')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={ids.patterns}>{t('watch.patterns')}</label>
          <input id={ids.patterns} value={patterns} onChange={(e) => setPatterns(e.target.value)} placeholder="**/*.pdf, **/*.txt" spellCheck={false} autoComplete="off" />
          <small className="muted">{t('watch.patternsHint')}</small>
        </div>
        <label className="inline-field">
          <input type="checkbox" checked={changes} onChange={(e) => setChanges(e.target.checked)} />
          {t('watch.changes')}
        </label>
        {!hasSteps && <p className="note">{t('watch.needsSteps')}</p>}
        {watch.error && !refusal ? <ErrorNote error={watch.error} /> : null}
        <div className="toolbar">
          <button type="submit" disabled={!ready}>
            {watch.isPending ? t('watch.saving') : t('watch.start')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
