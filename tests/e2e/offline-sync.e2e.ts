import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn, waitForServiceWorker } from './support/browser';
import { createTicket, ticketPending, ticketRow } from './support/tickets';

const unsynced = ticketPending;

describe('offline use in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('keeps changes made offline through a reload and sends them when the network is back, with no click', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page);
    await page.goto('/tickets');
    await waitForServiceWorker(page);
    await page.getByRole('heading', { level: 1, name: 'Tickets' }).waitFor();

    await context.setOffline(true);
    await createTicket(page, 'Pump room leak (offline)');
    await createTicket(page, 'Replace filter (offline)');
    expect(await unsynced(page, 'Pump room leak (offline)').isVisible()).toBe(true);
    await expect.poll(() => page.locator('.sync-pill').textContent(), { timeout: 10_000 }).toMatch(/Offline · 2 waiting|2 waiting/);
    await screenshot(page, 'tickets-offline-phone');

    // Reload with no network: the service worker serves the app, IndexedDB still has the queue.
    await page.reload();
    await ticketRow(page, 'Replace filter (offline)').waitFor();
    expect(await unsynced(page, 'Replace filter (offline)').isVisible()).toBe(true);

    await context.setOffline(false);
    await expect.poll(() => unsynced(page, 'Pump room leak (offline)').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => unsynced(page, 'Replace filter (offline)').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.locator('.sync-pill').textContent(), { timeout: 10_000 }).toBe('Synced');
    await screenshot(page, 'tickets-synced-phone');

    // The server has them: a different browser (no shared storage) sees them after signing in.
    const other = await newPage(browser, DESKTOP);
    await signIn(other.page);
    await other.page.goto('/tickets');
    await ticketRow(other.page, 'Pump room leak (offline)').waitFor({ timeout: 20_000 });
    await screenshot(other.page, 'tickets-desktop');
    await other.context.close();
    await context.close();
  }, 90_000);

  it('runs one replicator for several tabs: changes from a second tab reach the server too', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page);
    await page.goto('/tickets');
    const second = await context.newPage();
    await second.goto('/tickets');
    await second.getByRole('heading', { level: 1, name: 'Tickets' }).waitFor();
    await createTicket(page, 'From the first tab');
    await createTicket(second, 'From the second tab');
    for (const p of [page, second]) {
      await expect.poll(() => unsynced(p, 'From the second tab').count(), { timeout: 20_000 }).toBe(0);
      await expect.poll(() => unsynced(p, 'From the first tab').count(), { timeout: 20_000 }).toBe(0);
    }
    await expect.poll(() => page.locator('.sync-pill').textContent(), { timeout: 10_000 }).toBe('Synced');
    await context.close();
  }, 60_000);
});
