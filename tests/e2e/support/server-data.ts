import type { Page } from 'playwright-core';
import type { PullResponse } from '../../../sync/protocol/pull';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../sync/protocol/version';

/** The rows of an entity as the server has them now: a full pull by a fresh device. */
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
 * Makes a change as another device of the signed-in user would (a push straight to the server), to
 * set up what the page under test then meets; answers the mutation's status.
 */
export async function pushFromElsewhere(page: Page, name: string, args: Record<string, unknown>): Promise<string | undefined> {
  const pushed = await page.evaluate(
    async ({ body, header, version }) =>
      (await fetch('/api/sync/push', { method: 'POST', headers: { 'content-type': 'application/json', [header]: version }, body: JSON.stringify(body) })).json() as Promise<{
        results: { status: string }[];
      }>,
    {
      header: PROTOCOL_HEADER,
      version: String(PROTOCOL_VERSION),
      body: { clientId: crypto.randomUUID(), mutations: [{ id: 1, name, args, at: new Date().toISOString() }] },
    },
  );
  return pushed.results[0]?.status;
}
