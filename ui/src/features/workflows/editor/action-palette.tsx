import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActionInfo } from './actions-api';
import { useLocalized } from '../../../lib/localized';

/** Every step type the server offers; a click (or Enter) adds one after the selected step. */
export const ActionPalette = memo(function ActionPalette({ actions, onAdd }: { actions: readonly ActionInfo[]; onAdd(type: string): void }) {
  const { t } = useTranslation('workflows');
  const { name, description } = useLocalized();
  const [filter, setFilter] = useState('');
  const needle = filter.trim().toLowerCase();
  const shown = needle ? actions.filter((a) => `${a.type} ${a.title} ${name(a)} ${description(a)}`.toLowerCase().includes(needle)) : actions;
  return (
    <aside className="palette" aria-label={t('editor.palette')}>
      <h2>{t('editor.palette')}</h2>
      <input type="search" aria-label={t('editor.filterActions')} placeholder={t('editor.filterActions')} value={filter} onChange={(e) => setFilter(e.target.value)} />
      <ul>
        {shown.map((action) => (
          <li key={action.type}>
            <button type="button" className="palette-item" onClick={() => onAdd(action.type)} title={description(action)}>
              <span className="palette-type">
                <span className="visually-hidden">{t('editor.addStep')} </span>
                {action.type}
              </span>
              <span className="palette-title">{name(action)}</span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
});
