import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api-client';

/** Shows an error to the person: the API's message (it says what to do) or a generic line. */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof ApiError || error instanceof Error ? error.message : t('error.title');
  return (
    <p role="alert" className="error-note">
      {message}
    </p>
  );
}
