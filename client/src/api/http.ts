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
    const { code, message, details } = await readError(res.status, data);
    throw new ApiRequestError(res.status, code, message, details);
  }
  return data as T;
}

/**
 * The error body, read with the protocol's zod schema, which is loaded only when an error answer
 * comes: zod is a quarter of the JavaScript otherwise needed before the first paint (every page
 * calls the API on load). The service worker has the chunk, so this works offline too.
 */
async function readError(status: number, body: unknown): Promise<{ code: string; message: string; details: Record<string, unknown> }> {
  try {
    const { readApiError } = await import('../../../sync/protocol/error');
    return readApiError(status, body);
  } catch {
    // The chunk could not be loaded (a new version deployed, no service worker yet): still an ApiRequestError.
    return { code: 'http_error', message: `The server answered ${status}.`, details: {} };
  }
}
