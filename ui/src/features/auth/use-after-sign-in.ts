import { useNavigate, useSearchParams } from 'react-router';
import { useAuth, type TokenReply } from '../../lib/auth-store';

/** Stores the session and goes where the person was headed (only ever a path of this app). */
export function useAfterSignIn() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (reply: TokenReply) => {
    useAuth.getState().signedIn(reply);
    const next = params.get('next');
    void navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/workflows', { replace: true });
  };
}
