import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import i18next from 'i18next';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ErrorNote } from '../../../components/error-note';
import { Forbidden } from '../../../components/forbidden';
import { Loading } from '../../../components/loading';
import { useAuth } from '../../../lib/auth-store';
import { useCan } from '../../../lib/roles';
import type { WorkflowStep } from '../workflow-types';
import { createWorkflow, getWorkflow, updateWorkflow, workflowKeys } from '../workflows-api';
import { ActionPalette } from './action-palette';
import { ActiveToggle } from './active-toggle';
import { actionsKey, listActions, type ActionInfo } from './actions-api';
import { addStep, connect, disconnect, removeSteps, useEditor, useGraphSteps } from './editor-store';
import { RunDialog } from './run-dialog';
import { StepPanel } from './step-panel';
import { stepErrorsFrom, WORKFLOW } from './step-errors';
import { TriggerPanel } from './trigger-panel';
import { listTriggers, triggersKey } from './triggers-api';
import { VersionsDialog } from './versions-dialog';
import { WatchFolderDialog } from './watch-folder-dialog';
import { WorkflowCanvas } from './workflow-canvas';
import { FolderIcon, RedoIcon, UndoIcon } from '../../../components/icons';

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.closest('.cm-editor') !== null || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** The visual editor: palette, graph, step panel; undo/redo, save, versions and run. */
export function EditorScreen() {
  const { t } = useTranslation('workflows');
  const { id } = useParams();
  const canWrite = useCan('workflows:write');
  const role = useAuth((s) => s.user?.role);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const actions = useQuery({ queryKey: actionsKey, queryFn: ({ signal }) => listActions(signal), staleTime: 300_000 });
  const triggers = useQuery({ queryKey: triggersKey, queryFn: ({ signal }) => listTriggers(signal), staleTime: 300_000 });
  const workflow = useQuery({ queryKey: workflowKeys.one(id ?? ''), queryFn: ({ signal }) => getWorkflow(id!, signal), enabled: id !== undefined, staleTime: Infinity });
  // Narrow selections: typing in a step's input re-renders the step panel, not the screen or the canvas.
  const name = useEditor((s) => s.draft.name);
  const trigger = useEditor((s) => s.draft.trigger);
  const steps = useGraphSteps();
  const selected = useEditor((s) => s.selected);
  const dirty = useEditor((s) => s.dirty);
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const errors = useEditor((s) => s.errors);
  const { change, undo, redo, select, load, setErrors, saved } = useEditor.getState();
  const [running, setRunning] = useState(false);
  const [showVersions, setShowVersions] = useState(false);
  const [watching, setWatching] = useState(false);

  // The draft is loaded once per workflow opened; later changes of language or cache leave it alone.
  const loaded = useRef<string | null>(null);
  useEffect(() => {
    const key = id ?? 'new';
    if (loaded.current === key) return;
    if (id === undefined) load({ name: i18next.t('editor.untitled', { ns: 'workflows' }), trigger: { type: 'manual' }, steps: [] });
    else if (workflow.data) load({ name: workflow.data.name, description: workflow.data.description ?? undefined, trigger: workflow.data.trigger, steps: workflow.data.steps, settings: workflow.data.settings });
    else return;
    loaded.current = key;
  }, [id, workflow.data, load]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') redo();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo]);

  const save = useMutation({
    mutationFn: () => {
      const { draft } = useEditor.getState();
      return id === undefined ? createWorkflow(draft) : updateWorkflow(id, draft);
    },
    onSuccess: (result) => {
      saved();
      queryClient.setQueryData(workflowKeys.one(result.id), result);
      void queryClient.invalidateQueries({ queryKey: ['workflows', 'list'] });
      if (id === undefined) void navigate(`/workflows/${result.id}`, { replace: true });
    },
    onError: (error) => setErrors(stepErrorsFrom(error, useEditor.getState().draft.steps) ?? {}),
  });

  const byType = useMemo(() => new Map<string, ActionInfo>((actions.data ?? []).map((a) => [a.type, a])), [actions.data]);
  const onAdd = useCallback(
    (type: string) => {
      let added = '';
      change((d) => {
        const result = addStep(d, type, useEditor.getState().selected);
        added = result.id;
        return result.draft;
      });
      select(added);
    },
    [change, select],
  );
  const onConnect = useCallback((source: string, target: string) => change((d) => connect(d, source, target)), [change]);
  const onDeleteSteps = useCallback((ids: string[]) => (change((d) => removeSteps(d, ids)), select(null)), [change, select]);
  const onDeleteEdges = useCallback((edges: { source: string; target: string }[]) => change((d) => edges.reduce((acc, e) => disconnect(acc, e.source, e.target), d)), [change]);
  const extra = useCallback((step: WorkflowStep) => {
    const count = Object.values(errors[step.id] ?? {}).reduce((n, list) => n + list.length, 0);
    return { errors: count };
  }, [errors]);

  if (!canWrite && id === undefined) return <Forbidden />;
  if (id !== undefined && workflow.isPending) return <Loading />;
  if (workflow.error) return <ErrorNote error={workflow.error} />;
  const step = steps.find((s) => s.id === selected);
  const workflowErrors = Object.entries(errors[WORKFLOW] ?? {});
  const version = workflow.data?.version;

  return (
    <section className="editor" aria-label={t('editor.title')}>
      <div className="toolbar editor-toolbar">
        <label className="inline-field">
          <span className="visually-hidden">{t('editor.name')}</span>
          <input className="name-input" aria-label={t('editor.name')} readOnly={!canWrite} value={name} onChange={(e) => change((d) => ({ ...d, name: e.target.value }), 'name')} />
        </label>
        {version !== undefined && <span className="muted">{t('editor.version', { version })}</span>}
        <button type="button" className="ghost" aria-pressed={selected === null} onClick={() => select(null)}>
          {t('triggerPanel.open', { type: t(`trigger.${trigger.type}`, { defaultValue: trigger.type }) })}
        </button>
        {canWrite && (
          <button type="button" className="ghost icon-button" onClick={() => setWatching(true)} aria-label={t('watch.open')} title={t('watch.open')}>
            <FolderIcon />
          </button>
        )}
        {canWrite && id !== undefined && workflow.data && <ActiveToggle workflowId={id} active={workflow.data.active} dirty={dirty} />}
        <span className="spacer" />
        {canWrite && (
          <>
        <button type="button" className="ghost icon-button" onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z" aria-label={t('editor.undo')} title={`${t('editor.undo')} (Ctrl+Z)`}>
          <UndoIcon />
        </button>
        <button type="button" className="ghost icon-button" onClick={redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z" aria-label={t('editor.redo')} title={`${t('editor.redo')} (Ctrl+Shift+Z)`}>
          <RedoIcon />
        </button>
          </>
        )}
        {id !== undefined && (
          <Link className="button ghost" to={`/workflows/${encodeURIComponent(id)}/analytics`}>
            {t('workflow.open', { ns: 'dashboard' })}
          </Link>
        )}
        {id !== undefined && (
          <button type="button" className="ghost" onClick={() => setShowVersions(true)}>
            {t('editor.versions')}
          </button>
        )}
        {canWrite && (
          <button type="button" onClick={() => save.mutate()} disabled={save.isPending || steps.length === 0}>
            {save.isPending ? t('editor.saving') : dirty || id === undefined ? t('editor.save') : t('editor.saved')}
          </button>
        )}
        {canWrite && id !== undefined && (
          <button type="button" onClick={() => setRunning(true)} disabled={dirty}>
            {t('editor.run')}
          </button>
        )}
      </div>
      {!canWrite && (
        <p className="note" role="status">
          {t('forbidden.readOnly', { ns: 'common', role: role ? t(`roles.${role}`, { ns: 'common' }) : '' })}
        </p>
      )}
      {save.error && !stepErrorsFrom(save.error, steps) ? <ErrorNote error={save.error} /> : null}
      {save.error && stepErrorsFrom(save.error, steps) ? (
        <div role="alert" className="error-note">
          {t('editor.refused')}
          {workflowErrors.length > 0 && (
            <ul>
              {workflowErrors.map(([field, messages]) => (
                <li key={field}>{field ? `${field}: ${messages.join('; ')}` : messages.join('; ')}</li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      <div className="editor-body">
        {!canWrite ? <div /> : actions.isPending ? <Loading /> : <ActionPalette actions={actions.data ?? []} onAdd={onAdd} />}
        <ReactFlowProvider>
          {steps.length === 0 ? (
            <div className="canvas canvas-empty">
              <p className="muted">{t('editor.empty')}</p>
            </div>
          ) : (
            canWrite ? (
            <WorkflowCanvas steps={steps} selected={selected} extra={extra} onSelect={select} onConnect={onConnect} onDeleteSteps={onDeleteSteps} onDeleteEdges={onDeleteEdges} />
          ) : (
            <WorkflowCanvas steps={steps} selected={selected} extra={extra} onSelect={select} />
          )
          )}
        </ReactFlowProvider>
        {step ? (
          <StepPanel key={step.id} id={step.id} steps={steps} actions={byType} readOnly={!canWrite} />
        ) : (
          <TriggerPanel trigger={trigger} triggers={triggers.data} error={triggers.error} readOnly={!canWrite} />
        )}
      </div>
      {canWrite && id !== undefined && <RunDialog workflowId={id} open={running} onOpenChange={setRunning} />}
      {canWrite && watching && <WatchFolderDialog workflowId={id} open={watching} onOpenChange={setWatching} />}
      {id !== undefined && version !== undefined && showVersions && <VersionsDialog workflowId={id} current={version} open={showVersions} onOpenChange={setShowVersions} />}
    </section>
  );
}
