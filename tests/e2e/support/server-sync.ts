import type { Page } from 'playwright-core';
import type { PullResponse } from '../../../sync/protocol/pull';
import type { MutationResult } from '../../../sync/protocol/push';
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

/**
 * Changes made elsewhere, straight to the server with the page's session (another device of the
 * same person): one push from a fresh client id, answering each mutation's result.
 */
export async function pushElsewhere(page: Page, mutations: { name: string; args: unknown }[]): Promise<MutationResult[]> {
  const body = { clientId: crypto.randomUUID(), mutations: mutations.map((m, i) => ({ id: i + 1, ...m, at: new Date().toISOString() })) };
  const answer = await page.evaluate(
    async ({ body, header, version }) =>
      (await fetch('/api/sync/push', { method: 'POST', headers: { 'content-type': 'application/json', [header]: version }, body: JSON.stringify(body) })).json() as Promise<{
        results: MutationResult[];
      }>,
    { body, header: PROTOCOL_HEADER, version: String(PROTOCOL_VERSION) },
  );
  return answer.results;
}
