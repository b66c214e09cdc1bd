import { setTimeout as sleep } from 'node:timers/promises';
import { Hono, type MiddlewareHandler } from 'hono';
import { streamSSE } from 'hono/streaming';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../sync/protocol/version';
import { pullQuerySchema } from '../../sync/protocol/pull';
import { PUSH_BODY_LIMIT, pushRequestSchema } from '../../sync/protocol/push';
import type { AppDeps, AppEnv } from '../app-env';
import { requireUser } from '../auth/middleware';
import { ApiError } from '../http/api-error';
import { jsonBodyLimit } from '../http/body-limit';
import { parseBody, parseQuery } from '../http/parse-body';
import { pull } from './pull';
import { push } from './push';

/** A comment line now and then keeps proxies from closing an idle event stream. */
const KEEP_ALIVE_MS = 25_000;

/** Devices older than this server must reload into the new version; their queue is kept. */
const protocolCheck: MiddlewareHandler<AppEnv> = async (c, next) => {
  const sent = Number(c.req.header(PROTOCOL_HEADER) ?? '0');
  if (!Number.isInteger(sent) || sent < PROTOCOL_VERSION) {
    throw new ApiError(426, 'upgrade_required', 'This app is out of date: reload to get the new version. Your unsent changes are kept.', {
      protocolVersion: PROTOCOL_VERSION,
    });
  }
  if (sent > PROTOCOL_VERSION) {
    throw new ApiError(400, 'unsupported_protocol', `This server speaks sync protocol ${PROTOCOL_VERSION}, not ${sent}.`, {
      protocolVersion: PROTOCOL_VERSION,
    });
  }
  await next();
};

export function syncRoutes(deps: AppDeps) {
  const { db } = deps.database;
  return new Hono<AppEnv>()
    .post('/push', protocolCheck, jsonBodyLimit(PUSH_BODY_LIMIT), async (c) => {
      const { user } = requireUser(c);
      const body = await parseBody(c, pushRequestSchema);
      // Links in mail lead to APP_URL. Never to the address this request came to: its Host header is
      // whatever the pushing client chose, and the mail goes to someone else. Without APP_URL no mail
      // is sent (config.ts), so the links only show at /dev/mail on this machine.
      const appUrl = deps.config.appUrl ?? `http://localhost:${deps.config.port}`;
      return c.json(await push(db, user, body, { mail: { appUrl, batchSeconds: deps.config.mailBatchSeconds } }));
    })
    .get('/pull', protocolCheck, async (c) => {
      const { user } = requireUser(c);
      return c.json(await pull(db, user, parseQuery(c, pullQuerySchema)));
    })
    // EventSource cannot send headers, so the stream is exempt from the protocol check; it carries
    // no data, only "pull now" and who is online.
    // The stream ends when the device goes away or when the session that opened it ends (logout,
    // password change or reset, deactivation), on whichever server process that happened.
    .get('/events', (c) => {
      const { user, sessionId } = requireUser(c);
      c.header('Cache-Control', 'no-store');
      c.header('X-Accel-Buffering', 'no');
      return streamSSE(c, async (stream) => {
        const done = new AbortController();
        const unsubscribe = deps.live.subscribe(
          { userId: user.id, sessionId },
          (e) => void stream.writeSSE({ event: e.event, data: e.data }).catch(() => {}),
          () => done.abort(),
        );
        stream.onAbort(() => done.abort());
        while (!done.signal.aborted) {
          await sleep(KEEP_ALIVE_MS, undefined, { signal: done.signal }).catch(() => {});
          if (!done.signal.aborted) await stream.write(': keep-alive\n\n');
        }
        unsubscribe();
      });
    });
}
