import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { commonMessages } from './app/common-messages';
import { features } from './app/features';
import { createRouter } from './app/router';
import { setupI18n } from './lib/i18n';
import { invalidateOnEvents, queryClient } from './lib/query-client';
import { keepSessionFresh } from './lib/session-timer';
import { applyTheme, useTheme } from './lib/theme';
import './styles/theme.css';

setupI18n(features, commonMessages);
applyTheme(useTheme.getState().choice);
useTheme.subscribe((state) => applyTheme(state.choice));
keepSessionFresh();
invalidateOnEvents();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={createRouter()} />
    </QueryClientProvider>
  </StrictMode>,
);
