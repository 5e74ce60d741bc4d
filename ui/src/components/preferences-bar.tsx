import * as Menu from '@radix-ui/react-dropdown-menu';
import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES, type Language } from '../lib/i18n';
import { useTheme, type ThemeChoice } from '../lib/theme';

const THEMES: ThemeChoice[] = ['system', 'light', 'dark'];

/** Language and theme switches, shown on every screen (signed in or not). */
export function PreferencesBar() {
  const { t, i18n } = useTranslation();
  const { choice, setChoice } = useTheme();
  return (
    <div className="preferences">
      <label className="inline-field">
        <span aria-hidden="true">{t('language.label')}</span>
        <select aria-label={t('language.label')} value={i18n.language} onChange={(e) => changeLanguage(e.target.value as Language)}>
          {LANGUAGES.map((lang) => (
            <option key={lang} value={lang}>
              {t(`language.${lang}`)}
            </option>
          ))}
        </select>
      </label>
      <Menu.Root>
        <Menu.Trigger className="button ghost" aria-label={`${t('theme.label')}: ${t(`theme.${choice}`)}`}>
          {t('theme.label')}: {t(`theme.${choice}`)}
        </Menu.Trigger>
        <Menu.Portal>
          <Menu.Content className="menu" align="end" sideOffset={4}>
            <Menu.RadioGroup value={choice} onValueChange={(value) => setChoice(value as ThemeChoice)}>
              {THEMES.map((theme) => (
                <Menu.RadioItem key={theme} value={theme} className="menu-item">
                  <Menu.ItemIndicator className="menu-indicator">✓</Menu.ItemIndicator>
                  {t(`theme.${theme}`)}
                </Menu.RadioItem>
              ))}
            </Menu.RadioGroup>
          </Menu.Content>
        </Menu.Portal>
      </Menu.Root>
    </div>
  );
}
