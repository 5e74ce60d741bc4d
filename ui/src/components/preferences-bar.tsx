import * as Menu from '@radix-ui/react-dropdown-menu';
import { useTranslation } from 'react-i18next';
import { changeLanguage, LANGUAGES, type Language } from '../lib/i18n';
import { useTheme, type ThemeChoice } from '../lib/theme';
import { MoonIcon, SunIcon, SystemThemeIcon } from './icons';

const THEMES: ThemeChoice[] = ['system', 'light', 'dark'];
const THEME_ICONS = { system: SystemThemeIcon, light: SunIcon, dark: MoonIcon } as const;

/** Language and theme switches, shown on every screen (signed in or not). */
export function PreferencesBar() {
  const { t, i18n } = useTranslation();
  const { choice, setChoice } = useTheme();
  const ThemeIcon = THEME_ICONS[choice];
  const themeName = `${t('theme.label')}: ${t(`theme.${choice}`)}`;
  return (
    <div className="preferences">
      <label className="inline-field">
        <span className="visually-hidden">{t('language.label')}</span>
        <select aria-label={t('language.label')} value={i18n.language} onChange={(e) => changeLanguage(e.target.value as Language)}>
          {LANGUAGES.map((lang) => (
            <option key={lang} value={lang}>
              {t(`language.${lang}`)}
            </option>
          ))}
        </select>
      </label>
      <Menu.Root>
        <Menu.Trigger className="button ghost icon-button" aria-label={themeName} title={themeName}>
          <ThemeIcon />
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
