import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ThemeChoice = 'system' | 'light' | 'dark';

interface ThemeState {
  choice: ThemeChoice;
  setChoice(choice: ThemeChoice): void;
}

/** The theme the person picked; `system` follows prefers-color-scheme (see theme.css). */
export const useTheme = create<ThemeState>()(
  persist((set) => ({ choice: 'system', setChoice: (choice) => set({ choice }) }), { name: 'dwc.theme' }),
);

export function applyTheme(choice: ThemeChoice): void {
  if (choice === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = choice;
}
