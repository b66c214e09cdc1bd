import { Hono } from 'hono';
import { logger } from 'hono/logger';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './app-env';
import { loadSession } from './auth/middleware';
import { authRoutes } from './auth/routes';
import { backupRoutes } from './backup/routes';
import { calendarRoutes } from './calendar/routes';
import { healthRoutes } from './health/routes';
import { jsonBodyLimit } from './http/body-limit';
import { resolveClientAddress } from './http/client-address';
import { csrfOriginCheck } from './http/csrf';
import { onError, onNotFound } from './http/on-error';
import { redactSecrets } from './http/redact';
import { staticClient } from './http/static-client';
import { mailRoutes } from './mail/routes';
import { syncRoutes } from './sync/routes';
import { userRoutes } from './users/routes';

/** Largest JSON body the API reads (a sync push has its own, documented limit). */
export const API_BODY_LIMIT = 1024 * 1024;

/** Composes the HTTP app: one sub-app per resource, one error mapper. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  if (deps.config.logRequests) app.use(logger((line, ...rest) => console.log(redactSecrets(line), ...rest)));
  app.use(secureHeaders({ crossOriginEmbedderPolicy: false }));

  app.route('/healthz', healthRoutes(deps));

  const api = new Hono<AppEnv>();
  const defaultLimit = jsonBodyLimit(API_BODY_LIMIT);
  // A sync push and a restore have their own, larger limits (sync/protocol/push.ts, RESTORE_BODY_LIMIT).
  const ownLimit = new Set(['/api/sync/push', '/api/admin/restore']);
  api.use((c, next) => (ownLimit.has(c.req.path) ? next() : defaultLimit(c, next)));
  api.use(csrfOriginCheck(deps.config.appUrl));
  api.use(resolveClientAddress(deps.config.trustProxy));
  api.use(loadSession(deps));
  api.route('/auth', authRoutes(deps));
  api.route('/users', userRoutes(deps));
  api.route('/sync', syncRoutes(deps));
  api.route('/calendar', calendarRoutes(deps));
  api.route('/admin', backupRoutes(deps));
  api.route('/admin/mail', mailRoutes(deps));
  // A mounted sub-app's notFound never fires: the request falls through to the client's
  // index.html instead. A catch-all keeps every unknown /api path a JSON 404.
  api.all('*', onNotFound);
  app.route('/api', api);

  if (deps.clientDir) app.route('/', staticClient(deps.clientDir));
  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
