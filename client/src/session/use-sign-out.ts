import { useNavigate } from '@solidjs/router';
import { createSignal } from 'solid-js';
import { ApiRequestError } from '../api/http';
import { session } from './session';

/** Signing out from any page: ends the session on the server, then shows the sign-in page. */
export function useSignOut() {
  const navigate = useNavigate();
  const [error, setError] = createSignal<string>();
  const signOut = async () => {
    setError(undefined);
    try {
      await session.signOut();
      navigate('/sign-in', { replace: true });
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : 'Signing out failed.');
    }
  };
  return { signOut, error };
}
