import type { MutationInput, MutationName } from '../../sync/protocol/mutations';
import type { Change, PullResponse } from '../../sync/protocol/pull';
import type { MutationResult, PushResponse } from '../../sync/protocol/push';
import { PROTOCOL_VERSION } from '../../sync/protocol/version';
import type { TestClient, TestResponse } from './test-app';

export const SYNC_HEADERS = { 'x-sync-protocol': String(PROTOCOL_VERSION) };

/** One simulated device speaking the sync protocol over `app.request()`, for server tests. */
export class SyncDevice {
  readonly clientId = crypto.randomUUID();
  nextId = 1;
  cursor: string | undefined;

  constructor(readonly http: TestClient) {}

  mutation<N extends MutationName>(name: N, args: MutationInput<N>) {
    return { id: this.nextId++, name, args, at: new Date().toISOString() };
  }

  pushRaw(mutations: unknown[], clientId = this.clientId): Promise<TestResponse> {
    return this.http.request('POST', '/api/sync/push', { clientId, mutations }, SYNC_HEADERS);
  }

  /** Pushes one mutation and returns its result (throws on a non-200). */
  async do<N extends MutationName>(name: N, args: MutationInput<N>): Promise<MutationResult> {
    const res = await this.pushRaw([this.mutation(name, args)]);
    if (res.status !== 200) throw new Error(`push failed: ${res.status} ${JSON.stringify(res.body)}`);
    const result = (res.body as PushResponse).results[0];
    if (!result) throw new Error('no result');
    return result;
  }

  async pullPage(limit = 1000): Promise<PullResponse> {
    const q = new URLSearchParams({ clientId: this.clientId, limit: String(limit), ...(this.cursor ? { cursor: this.cursor } : {}) });
    const res = await this.http.request('GET', `/api/sync/pull?${q}`, undefined, SYNC_HEADERS);
    if (res.status !== 200) throw new Error(`pull failed: ${res.status} ${JSON.stringify(res.body)}`);
    const body = res.body as PullResponse;
    this.cursor = body.cursor;
    return body;
  }

  /** Pulls until caught up; returns every change seen. */
  async pullAll(limit = 1000): Promise<Change[]> {
    const all: Change[] = [];
    for (;;) {
      const page = await this.pullPage(limit);
      all.push(...page.changes);
      if (!page.hasMore) return all;
    }
  }

  /**
   * Pulls until `seen` says the changes it waits for have arrived, answering every change pulled
   * meanwhile. On Postgres a pull returns only what lies below the cluster's snapshot horizon
   * (decision 004), so a transaction open anywhere on the server, such as another test file's,
   * holds back even a change this test committed a moment ago: one pull may not show it yet.
   */
  async pullUntil(seen: (changes: Change[]) => boolean, timeoutMs = 20_000): Promise<Change[]> {
    const all: Change[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      all.push(...(await this.pullAll()));
      if (seen(all)) return all;
      if (Date.now() > deadline) throw new Error(`pullUntil: not seen within ${timeoutMs} ms (${all.length} changes pulled)`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /**
   * Pulls until this device is sent `entity` `id` (as `wanted` describes it, when given) and answers
   * the row. Only rows sent by these pulls count: ones pulled before are not looked at again.
   */
  async pullRow(entity: string, id: string, wanted: (row: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
    const changes = await this.pullUntil((all) => {
      const row = latest(all, entity, id);
      return Boolean(row && wanted(row));
    });
    return latest(changes, entity, id) ?? {};
  }
}

/** The row a device would hold for an entity id after applying `changes` in order. */
export function latest(changes: Change[], entity: string, id: string): Record<string, unknown> | null | undefined {
  let row: Record<string, unknown> | null | undefined;
  for (const c of changes) if (c.entity === entity && c.id === id) row = c.op === 'put' ? c.row : null;
  return row;
}
