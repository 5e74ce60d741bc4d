import { refreshSession } from './api-client';
import { useAuth } from './auth-store';

/** Refreshes the access token a minute before it expires, for as long as the person is signed in. */
export function keepSessionFresh(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (expiresAt: number) => {
    clearTimeout(timer);
    if (!expiresAt) return;
    const wait = Math.max(5_000, expiresAt - Date.now() - 60_000);
    timer = setTimeout(() => void refreshSession(), wait);
  };
  schedule(useAuth.getState().expiresAt);
  const unsubscribe = useAuth.subscribe((state, previous) => {
    if (state.expiresAt !== previous.expiresAt) schedule(state.expiresAt);
  });
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
