import { createResource, createRoot } from 'solid-js';
import type { LoginRequest } from '../../../sync/protocol/auth';
import type { User } from '../../../sync/protocol/user';
import { api, ApiRequestError } from '../api/http';

/**
 * Who is signed in. `user()` is undefined while loading and null when signed out. A network
 * failure while checking keeps the app usable offline later (sync issue); for now it reads as
 * signed out only on a real 401.
 */
function createSession() {
  const [user, { mutate, refetch }] = createResource<User | null>(async () => {
    try {
      return (await api<{ user: User }>('GET', '/api/auth/me')).user;
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) return null;
      throw error;
    }
  });

  return {
    user,
    refetch,
    async signIn(request: LoginRequest): Promise<User> {
      const { user: signedIn } = await api<{ user: User }>('POST', '/api/auth/login', request);
      mutate(signedIn);
      return signedIn;
    },
    async signOut(): Promise<void> {
      await api<void>('POST', '/api/auth/logout');
      mutate(null);
    },
    replace(next: User) {
      mutate(next);
    },
  };
}

export const session = createRoot(createSession);
