import { readApiError } from '../../sync/protocol/error';
import type { PullResponse } from '../../sync/protocol/pull';
import type { PushRequest, PushResponse } from '../../sync/protocol/push';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../sync/protocol/version';

export type TransportResult<T> =
  | { ok: true; body: T }
  | { ok: false; kind: 'network' }
  | { ok: false; kind: 'http'; status: number; code: string; message: string; details: Record<string, unknown> };

/** How the replicator reaches the server; tests substitute one that drops requests or responses. */
export interface SyncTransport {
  push(body: PushRequest): Promise<TransportResult<PushResponse>>;
  pull(query: { clientId: string; cursor?: string | undefined; limit?: number }): Promise<TransportResult<PullResponse>>;
}

/** The real transport: same-origin fetch with the session cookie and the protocol header. */
export function httpTransport(fetchFn: typeof fetch = (...a) => fetch(...a), baseUrl = ''): SyncTransport {
  async function call<T>(path: string, init: RequestInit): Promise<TransportResult<T>> {
    let res: Response;
    try {
      res = await fetchFn(`${baseUrl}${path}`, {
        ...init,
        credentials: 'same-origin',
        headers: { ...(init.headers as Record<string, string>), [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      });
    } catch {
      return { ok: false, kind: 'network' };
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      // A cut connection, or a proxy's HTML page for a success: treat like no answer, retry later.
      if (res.ok) return { ok: false, kind: 'network' };
      body = null;
    }
    if (res.ok) return { ok: true, body: body as T };
    return { ok: false, kind: 'http', status: res.status, ...readApiError(res.status, body) };
  }

  return {
    push: (body) => call<PushResponse>('/api/sync/push', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    pull: ({ clientId, cursor, limit }) => {
      const q = new URLSearchParams({ clientId, ...(cursor ? { cursor } : {}), ...(limit ? { limit: String(limit) } : {}) });
      return call<PullResponse>(`/api/sync/pull?${q}`, { method: 'GET' });
    },
  };
}
