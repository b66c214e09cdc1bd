import { describe, expect, it } from 'vitest';
import { classifySendError } from '../../../../server/mail/sendgrid';

/** The shape @sendgrid/client rejects with for an HTTP error (its ResponseError). */
const responseError = (code: number, body: unknown, headers: Record<string, string> = {}) =>
  Object.assign(new Error('Bad Request'), { code, response: { headers, body } });

describe('what a SendGrid answer means for a mail', () => {
  it('429 and 5xx are retried, honouring Retry-After', () => {
    expect(classifySendError(responseError(429, { errors: [{ message: 'slow down' }] }, { 'retry-after': '30' }))).toEqual({
      kind: 'retry',
      status: 429,
      error: '429: slow down',
      retryAfterMs: 30_000,
    });
    expect(classifySendError(responseError(503, ''))).toMatchObject({ kind: 'retry', status: 503, error: '503 Bad Request' });
  });

  it('other 4xx fail for good with SendGrid’s own words', () => {
    expect(classifySendError(responseError(401, { errors: [{ message: 'The provided authorization grant is invalid, expired, or revoked', field: null }] }))).toEqual({
      kind: 'failed',
      status: 401,
      error: '401: The provided authorization grant is invalid, expired, or revoked',
    });
    expect(classifySendError(responseError(413, 'Payload too large'))).toEqual({ kind: 'failed', status: 413, error: '413: Payload too large' });
  });

  it('no answer at all (refused, reset, timed out) is retried', () => {
    expect(classifySendError(Object.assign(new Error('timeout of 30000ms exceeded'), { code: 'ECONNABORTED' }))).toEqual({
      kind: 'retry',
      status: null,
      error: 'ECONNABORTED: timeout of 30000ms exceeded',
    });
  });
});
