import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { desktopBridge } from '../../lib/desktop-bridge';

export interface FolderFieldProps {
  id: string;
  value: string;
  onChange(value: string | undefined): void;
  labelledBy: string;
  describedBy?: string;
  invalid?: boolean;
  placeholder?: string;
}

/**
 * A folder path (a schema string marked `"x-dwc-widget": "folder"`): typed by hand, or in the
 * desktop app chosen in its folder dialog, which also allows the folder to be watched.
 */
export const FolderField = memo(function FolderField({ id, value, onChange, labelledBy, describedBy, invalid, placeholder }: FolderFieldProps) {
  const { t } = useTranslation();
  const bridge = desktopBridge();
  const [choosing, setChoosing] = useState(false);
  const [failed, setFailed] = useState(false);

  const choose = async (): Promise<void> => {
    setChoosing(true);
    setFailed(false);
    try {
      const folder = await bridge!.pickWatchFolder();
      if (folder !== null) onChange(folder);
    } catch {
      setFailed(true);
    } finally {
      setChoosing(false);
    }
  };

  return (
    <div className="folder-field">
      <input
        id={id}
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        aria-invalid={invalid}
        spellCheck={false}
        autoComplete="off"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
      />
      {bridge !== undefined && (
        <button type="button" className="button" disabled={choosing} onClick={() => void choose()}>
          {t('form.chooseFolder')}
        </button>
      )}
      {failed && <span role="alert" className="field-error">{t('form.chooseFolderFailed')}</span>}
    </div>
  );
});
