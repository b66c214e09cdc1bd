import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newPage, signIn } from './support/browser';
import { pushAsAnotherDevice, serverRows } from './support/server-data';

/** Rows per table in the signed-in user's device database, read with a connection of the test's own. */
async function deviceCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(`(async () => {
    const me = await (await fetch('/api/auth/me')).json();
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('technician-scheduler-' + me.user.id);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const names = ['user', 'ticket', 'comment', 'ticketHistory'];
    const tx = db.transaction(names, 'readonly');
    const out = {};
    for (const n of names) out[n] = await new Promise((resolve) => { const r = tx.objectStore(n).count(); r.onsuccess = () => resolve(r.result); });
    db.close();
    return out;
  })()`) as Promise<Record<string, number>>;
}

describe('first sync on a new device', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('brings several pages of rows, and a reload once it is done still shows all of them', async () => {
    // More tickets than one pull page holds, written by another device of the same team.
    const setup = await newPage(browser, DESKTOP);
    await signIn(setup.page);
    for (let batch = 0; batch < 28; batch++) {
      await pushAsAnotherDevice(setup.page, Array.from({ length: 100 }, (_, i) => ({ name: 'ticket.create' as const, args: { id: crypto.randomUUID(), title: `First sync ticket ${batch}-${i}`, priority: 'low' as const } })));
    }
    const onServer = (await serverRows(setup.page, 'ticket')).length;
    expect(onServer).toBeGreaterThan(2_500);
    await setup.context.close();

    // A new device: a fresh browser profile signing in.
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page);
    await expect.poll(async () => (await deviceCounts(page)).ticket, { timeout: 60_000 }).toBe(onServer);
    await expect.poll(() => page.locator('.sync-pill').textContent(), { timeout: 20_000 }).toBe('Synced');
    const before = await deviceCounts(page);

    // Pulled pages are written with relaxed durability: acknowledged is still acknowledged.
    await page.reload();
    await page.locator('main.content').waitFor();
    expect(await deviceCounts(page)).toEqual(before);
    await context.close();
  }, 180_000);
});
