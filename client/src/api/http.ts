import { readApiError } from '../../../sync/protocol/error';

/** An error answer from the API, or a network failure (`code: 'network'`), with a message fit to show. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The rest of the error body, e.g. `issues: [{path, message}]` of a `400 invalid`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/**
 * The one way the client calls the API. Same-origin cookies carry the session; the browser adds the
 * Origin header the CSRF check wants. Errors always come back as ApiRequestError. A Blob body (a
 * chosen JSON file) is sent as it is, without reading it into a string first.
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: body instanceof Blob ? body : JSON.stringify(body) }),
    });
  } catch {
    throw new ApiRequestError(0, 'network', 'No connection to the server. Check your network and try again.');
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const { code, message, details } = readApiError(res.status, data);
    throw new ApiRequestError(res.status, code, message, details);
  }
  return data as T;
}
