import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from './api-error';
import { redactSecrets } from './redact';

const codeForStatus: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

export function errorBody(code: string, message: string, details: Record<string, unknown> = {}) {
  return { error: { ...details, code, message } };
}

/** Maps anything thrown in a route to the JSON error contract; unknown errors are logged, never shown. */
export function onError(error: Error, c: Context) {
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    return c.json(errorBody(error.code, error.message, error.details), error.status);
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    return c.json(errorBody(codeForStatus[status] ?? 'http_error', error.message || 'Request failed'), status);
  }
  console.error(`Unhandled error on ${c.req.method} ${redactSecrets(c.req.path)}:`, error);
  return c.json(errorBody('internal', 'Something went wrong on the server; please try again.'), 500);
}

export function onNotFound(c: Context) {
  return c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}`), 404);
}
