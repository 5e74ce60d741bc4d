import { useTranslation } from 'react-i18next';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <section className="page">
      <h1>{t('error.notFound')}</h1>
    </section>
  );
}
