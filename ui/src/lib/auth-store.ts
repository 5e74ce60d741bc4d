import { create } from 'zustand';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: 'owner' | 'admin' | 'editor' | 'viewer';
  mfa_enabled: boolean;
}

/** What the server answers on sign-in, setup and refresh (the refresh token stays in its HttpOnly cookie). */
export interface TokenReply {
  access_token: string;
  expires_in: number;
  user: SessionUser;
}

type Status = 'unknown' | 'signed-in' | 'signed-out';

interface AuthState {
  status: Status;
  accessToken: string | null;
  /** Epoch ms when the access token stops working. */
  expiresAt: number;
  user: SessionUser | null;
  signedIn(reply: TokenReply): void;
  signedOut(): void;
}

/** The session, in memory only: a reload starts from a silent refresh through the cookie. */
export const useAuth = create<AuthState>()((set) => ({
  status: 'unknown',
  accessToken: null,
  expiresAt: 0,
  user: null,
  signedIn: (reply) => set({ status: 'signed-in', accessToken: reply.access_token, expiresAt: Date.now() + reply.expires_in * 1000, user: reply.user }),
  signedOut: () => set({ status: 'signed-out', accessToken: null, expiresAt: 0, user: null }),
}));
