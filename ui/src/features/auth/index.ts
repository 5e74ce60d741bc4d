import type { Feature } from '../../lib/feature';
import { authMessages } from './messages';
import { SetupScreen } from './setup-screen';
import { SignInScreen } from './sign-in-screen';

export const authFeature: Feature = {
  id: 'auth',
  publicRoutes: [
    { path: '/sign-in', Component: SignInScreen },
    { path: '/setup', Component: SetupScreen },
  ],
  messages: authMessages,
};
