import { createResource, createRoot } from 'solid-js';
import type { LoginRequest } from '../../../sync/protocol/auth';
import type { User } from '../../../sync/protocol/user';
import { api, ApiRequestError } from '../api/http';
import { askForPersistentStorage } from './persistent-storage';

const CACHE_KEY = 'signed-in-user';
const RETRY_MS = 10_000;

/** The last signed-in user, checked with the protocol's schema (loaded only now: see api/http.ts). */
async function cachedUser(): Promise<User | null> {
  try {
    const { userSchema } = await import('../../../sync/protocol/user');
    const parsed = userSchema.safeParse(JSON.parse(localStorage.getItem(CACHE_KEY) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function cache(user: User | null): void {
  if (user) localStorage.setItem(CACHE_KEY, JSON.stringify(user));
  else localStorage.removeItem(CACHE_KEY);
}

/**
 * Who is signed in. `user()` is undefined while loading and null when signed out. With no network
 * the last signed-in user is used, so a technician opens the installed app with no signal and works
 * from the device database; the server checks the session again at the next sync.
 */
function createSession() {
  const [user, { mutate, refetch }] = createResource<User | null>(async () => {
    try {
      const me = (await api<{ user: User }>('GET', '/api/auth/me')).user;
      cache(me);
      return me;
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 401) {
        cache(null);
        return null;
      }
      const offline = await cachedUser();
      if (offline) return offline;
      throw error;
    }
  });

  // With no cached user and no server, the app can only say so; it asks again when the network
  // comes back and every little while (the server may come back with the network unchanged), so
  // the message goes away by itself once it no longer applies.
  const retry = () => {
    if (user.error) void refetch();
  };
  window.addEventListener('online', retry);
  setInterval(retry, RETRY_MS);

  return {
    user,
    /**
     * The user as far as known, never throwing: undefined while loading and while the server cannot
     * be reached (reading `user()` then throws, and an effect that throws stops following it, so it
     * would miss the server coming back). Effects use this.
     */
    known: (): User | null | undefined => (user.error ? undefined : user()),
    async signIn(request: LoginRequest): Promise<User> {
      const { user: signedIn } = await api<{ user: User }>('POST', '/api/auth/login', request);
      cache(signedIn);
      mutate(signedIn);
      void askForPersistentStorage();
      return signedIn;
    },
    async signOut(): Promise<void> {
      await api<void>('POST', '/api/auth/logout');
      cache(null);
      mutate(null);
    },
    /** The server ended the session (seen by sync): ask for the password again; the device keeps its queue. */
    expire(): void {
      cache(null);
      mutate(null);
    },
  };
}

export const session = createRoot(createSession);
