import type { Feature } from '../../lib/feature';
import { aiMessages } from './messages';

export const aiFeature: Feature = {
  id: 'ai',
  routes: [{ path: '/ai', lazy: () => import('./ai-screen').then((m) => ({ Component: m.AiScreen })) }],
  nav: [{ to: '/ai', label: 'nav' }],
  messages: aiMessages,
};
