import type { MiddlewareHandler } from 'hono';
import { ApiError } from './api-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing request must carry an `Origin` header naming this site (api.md). Requests
 * with no Origin are refused too: every browser we support sends it on POST, and refusing the rest
 * closes the door on form posts from old or odd clients. `APP_URL` covers a TLS-terminating proxy,
 * where the request reaches us as plain http.
 */
export function csrfOriginCheck(appUrl: string | undefined): MiddlewareHandler {
  const configured = appUrl ? new URL(appUrl).origin : undefined;
  return async (c, next) => {
    if (!SAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header('origin');
      const own = new URL(c.req.url).origin;
      if (!origin || (origin !== own && origin !== configured)) {
        throw new ApiError(403, 'csrf', 'Cross-site request refused: the Origin header does not match this site.');
      }
    }
    await next();
  };
}
