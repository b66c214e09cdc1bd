import { Hono, type Context } from 'hono';
import type { AppDeps, AppEnv } from '../app-env';
import { requireUser } from '../auth/middleware';
import { ApiError } from '../http/api-error';
import { buildFeed, feedWindow } from './feed';
import { feedShifts, feedTimeOff } from './feed-rows';
import { ensureFeedSecret, findFeedOwner, rotateFeedSecret } from './secret';

/*
 * The personal iCalendar feed (api.md, "Calendar feed"). Read-only: shifts and time off are still
 * written only through sync. Online only: the profile page asks for the address when it has a
 * connection, and calendar apps fetch the feed themselves.
 */

const NO_STORE = { 'Cache-Control': 'private, no-store' };

function feedUrl(deps: AppDeps, c: Context<AppEnv>, secret: string): string {
  // Behind a TLS-terminating proxy the request arrives as plain http: APP_URL names the real site.
  const base = deps.config.appUrl ?? new URL(c.req.url).origin;
  return `${base}/api/calendar/${secret}.ics`;
}

export function calendarRoutes(deps: AppDeps) {
  const { db } = deps.database;

  return new Hono<AppEnv>()
    .get('/feed', async (c) => {
      const { user } = requireUser(c);
      const secret = await ensureFeedSecret(db, user.id, user.calendarToken);
      return c.json({ url: feedUrl(deps, c, secret) }, 200, NO_STORE);
    })
    .post('/feed/rotate', async (c) => {
      const { user } = requireUser(c);
      const secret = await rotateFeedSecret(db, user.id);
      return c.json({ url: feedUrl(deps, c, secret) }, 200, NO_STORE);
    })
    .get('/:file', async (c) => {
      // No session here: the secret in the address is the credential.
      const match = /^(.+)\.ics$/.exec(c.req.param('file'));
      const owner = match?.[1] ? await findFeedOwner(db, match[1]) : null;
      if (!owner) throw new ApiError(404, 'not_found', 'There is no calendar feed at this address.', {}, NO_STORE);
      const now = new Date();
      const window = feedWindow(now);
      const [shifts, timeOff] = await Promise.all([feedShifts(db, owner.id, window), feedTimeOff(db, owner.id, window)]);
      return c.body(buildFeed(shifts, timeOff, now), 200, {
        ...NO_STORE,
        'Content-Type': 'text/calendar; charset=utf-8',
      });
    });
}
