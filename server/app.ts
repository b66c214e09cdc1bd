import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { logger } from 'hono/logger';
import { secureHeaders } from 'hono/secure-headers';
import type { AppDeps, AppEnv } from './app-env';
import { loadSession } from './auth/middleware';
import { authRoutes } from './auth/routes';
import { healthRoutes } from './health/routes';
import { ApiError } from './http/api-error';
import { csrfOriginCheck } from './http/csrf';
import { onError, onNotFound } from './http/on-error';
import { staticClient } from './http/static-client';
import { userRoutes } from './users/routes';

/** Largest JSON body the API reads (a sync push has its own, documented limit). */
export const API_BODY_LIMIT = 1024 * 1024;

/** Composes the HTTP app: one sub-app per resource, one error mapper. */
export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  if (deps.config.logRequests) app.use(logger());
  app.use(secureHeaders({ crossOriginEmbedderPolicy: false }));

  app.route('/healthz', healthRoutes(deps));

  const api = new Hono<AppEnv>();
  api.use(
    bodyLimit({
      maxSize: API_BODY_LIMIT,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `Request bodies are limited to ${API_BODY_LIMIT} bytes.`);
      },
    }),
  );
  api.use(csrfOriginCheck(deps.config.appUrl));
  api.use(loadSession(deps));
  api.route('/auth', authRoutes(deps));
  api.route('/users', userRoutes(deps));
  api.notFound(onNotFound);
  app.route('/api', api);

  if (deps.clientDir) app.route('/', staticClient(deps.clientDir));
  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
