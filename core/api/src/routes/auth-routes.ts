import type { Route } from '../define-route.js';
import { changePasswordRoute, registerRoute, setupRoute } from './auth/account-routes.js';
import { mfaDisableRoute, mfaEnrollRoute, mfaVerifyRoute } from './auth/mfa-routes.js';
import { loginRoute, logoutRoute, meRoute, refreshRoute, securityLoginRoute } from './auth/session-routes.js';
import { createUserRoute, deleteUserRoute, getUserRoute, listUsersRoute, updateUserRoute } from './auth/user-routes.js';
import { createApiKeyRoute, listApiKeysRoute, revokeApiKeyRoute, validatePasswordRoute } from './security/api-key-routes.js';

/** Sign-in, sessions, users, MFA, API keys and password strength. */
export const authRoutes: readonly Route[] = [
  loginRoute,
  securityLoginRoute,
  refreshRoute,
  logoutRoute,
  meRoute,
  setupRoute,
  registerRoute,
  changePasswordRoute,
  listUsersRoute,
  createUserRoute,
  getUserRoute,
  updateUserRoute,
  deleteUserRoute,
  mfaEnrollRoute,
  mfaVerifyRoute,
  mfaDisableRoute,
  createApiKeyRoute,
  listApiKeysRoute,
  revokeApiKeyRoute,
  validatePasswordRoute,
];
