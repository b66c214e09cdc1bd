import type { Page } from 'playwright-core';
import type { MutationInput, MutationName } from '../../../sync/protocol/mutations';
import type { PullResponse } from '../../../sync/protocol/pull';
import type { PushResponse } from '../../../sync/protocol/push';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../sync/protocol/version';

/** The rows of an entity as the server has them now: a full pull by a fresh device, with the page's session. */
export async function serverRows(page: Page, entity: string): Promise<Record<string, unknown>[]> {
  const rows = new Map<string, Record<string, unknown>>();
  const clientId = crypto.randomUUID();
  let cursor: string | undefined;
  for (;;) {
    const q = new URLSearchParams({ clientId, limit: '500', ...(cursor ? { cursor } : {}) });
    const pulled = await page.evaluate(
      async ({ url, header, version }) => (await fetch(url, { headers: { [header]: version } })).json() as Promise<PullResponse>,
      { url: `/api/sync/pull?${q}`, header: PROTOCOL_HEADER, version: String(PROTOCOL_VERSION) },
    );
    for (const c of pulled.changes) {
      if (c.entity !== entity) continue;
      if (c.op === 'put') rows.set(c.id, c.row);
      else rows.delete(c.id);
    }
    cursor = pulled.cursor;
    if (!pulled.hasMore) return [...rows.values()];
  }
}

type Mutation = { [N in MutationName]: { name: N; args: MutationInput<N> } }[MutationName];

/**
 * Sets the scene on the server as another device of the signed-in user would: one push, through
 * the same sync endpoint as everything else. Throws unless every mutation was applied.
 */
export async function pushAsAnotherDevice(page: Page, mutations: Mutation[]): Promise<void> {
  const body = { clientId: crypto.randomUUID(), mutations: mutations.map((m, i) => ({ id: i + 1, ...m, at: new Date().toISOString() })) };
  const answer = await page.evaluate(
    async ({ body, header, version }) => {
      const res = await fetch('/api/sync/push', { method: 'POST', headers: { 'content-type': 'application/json', [header]: version }, body: JSON.stringify(body) });
      return (await res.json()) as PushResponse;
    },
    { body, header: PROTOCOL_HEADER, version: String(PROTOCOL_VERSION) },
  );
  const refused = answer.results.filter((r) => r.status === 'rejected');
  if (refused.length || answer.results.length !== mutations.length) throw new Error(`push refused: ${JSON.stringify(answer)}`);
}

/** Creates a user through the admin API (online only, as the app does). */
export async function createUser(page: Page, user: { email: string; name: string; password: string; role: 'admin' | 'technician'; timezone?: string; color?: string }): Promise<string> {
  return page.evaluate(async (u) => {
    const res = await fetch('/api/users', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(u) });
    const body = (await res.json()) as { user?: { id: string }; error?: unknown };
    if (!res.ok || !body.user) throw new Error(`creating a user failed: ${res.status} ${JSON.stringify(body)}`);
    return body.user.id;
  }, user);
}

/**
 * A technician in UTC (so wall times typed in a test are the stored ones), with an address no other
 * test uses. Answers what signing in as them needs.
 */
export async function createTechnician(page: Page, name: string, color = '#0f766e'): Promise<{ id: string; email: string; password: string }> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = 'technician password';
  const id = await createUser(page, { email, name, password, role: 'technician', timezone: 'UTC', color });
  return { id, email, password };
}
