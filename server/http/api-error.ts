import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The one error type routes throw. `app.onError` turns it into `{error: {code, message, ...details}}`
 * with its status, so no route builds an error body by hand.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
