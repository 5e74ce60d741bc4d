import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Loading } from '../components/loading';
import { refreshSession } from '../lib/api-client';
import { useAuth } from '../lib/auth-store';
import { live } from '../lib/live-events';

/** Lets signed-in people through; on a fresh load it first tries a silent refresh through the cookie. */
export function RequireSession() {
  const status = useAuth((s) => s.status);
  const location = useLocation();
  useEffect(() => {
    if (status === 'unknown') void refreshSession();
    if (status === 'signed-in') live.start();
  }, [status]);
  if (status === 'unknown') return <Loading />;
  if (status === 'signed-out') return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  return <Outlet />;
}
