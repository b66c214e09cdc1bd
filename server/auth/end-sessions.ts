import type { AppDeps } from '../app-env';
import { invalidateSession, invalidateUserSessions } from './sessions';

type Deps = Pick<AppDeps, 'database' | 'live'>;

/**
 * Ending a session is two steps: delete it, then close the event streams it opened on every server
 * process. Going through these keeps the second step from being forgotten.
 */
export async function endSession(deps: Deps, sessionId: string): Promise<void> {
  await invalidateSession(deps.database.db, sessionId);
  await deps.live.sessionsEnded({ sessionId });
}

/** Ends every session of a user, except optionally the one making the request. */
export async function endUserSessions(deps: Deps, userId: string, exceptSessionId?: string): Promise<void> {
  await invalidateUserSessions(deps.database.db, userId, exceptSessionId);
  await deps.live.sessionsEnded(exceptSessionId ? { userId, exceptSessionId } : { userId });
}
