import type { Role } from '../roles.js';
import type { UserRecord } from './user-store.js';

/** A user as the API shows it: never the password hash or the MFA secret. */
export interface PublicUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  mfa_enabled: boolean;
  disabled: boolean;
  created_at: string;
  updated_at: string;
}

export function publicUser(user: UserRecord): PublicUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mfa_enabled: user.mfaEnabled,
    disabled: user.disabled,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}
