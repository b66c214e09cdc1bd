import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installProblems, type WebManifest } from '../support/installable-manifest';
import { freePort, spawnServer, waitUntilListening, type ServerProcess } from '../support/server-process';
import { DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn, waitForServiceWorker } from './support/browser';
import { createTechnician } from './support/server-data';
import { createTicket, ticketPending, ticketRow } from './support/tickets';

/** What the pill says, read from its accessible name (its visible words may be cut short on a phone). */
const pill = (page: Page) => page.locator('.sync-pill').first();
const pillSays = async (page: Page) => ((await pill(page).getAttribute('aria-label')) ?? '').replace(/^Sync status: /, '');

/** Polls the pill for up to `ms`, the promise: it tells the truth within 2 seconds. */
async function expectPillWithin(page: Page, expected: RegExp, ms = 2_000): Promise<void> {
  await expect.poll(() => pillSays(page), { timeout: ms, interval: 100 }).toMatch(expected);
}

/** Every push refused at the network level: the queue stays queued while the page stays online. */
async function blockPushes(context: BrowserContext): Promise<() => Promise<void>> {
  const pattern = '**/api/sync/push';
  await context.route(pattern, (route) => route.abort('connectionrefused'));
  return () => context.unroute(pattern);
}

describe('the installed app in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('with the network gone: says Offline within 2 s, keeps a ticket and a shift made offline through a reload, sends them with no click', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page);
    const name = `Kestrel ${Date.now() % 100000}`;
    const tech = await createTechnician(page, name);
    // Filtered to the technician: the board draws only the rows in view, and the suite's other
    // tests leave many technicians on this server.
    const board = `/calendar?week=2026-11-23&tech=${tech.id}`;
    await page.goto(board);
    await page.getByRole('rowheader', { name: new RegExp(name) }).waitFor({ timeout: 20_000 });
    await waitForServiceWorker(page);
    await page.getByRole('rowheader', { name: new RegExp(name) }).waitFor({ timeout: 20_000 });
    await expectPillWithin(page, /^Synced$/, 10_000);

    await context.setOffline(true);
    await expectPillWithin(page, /^Offline$/);

    await page.getByRole('button', { name: `Add a shift for ${name} on Wed 25 Nov` }).click();
    const dialog = page.getByRole('dialog', { name: 'New shift' });
    await dialog.getByLabel('Starts').fill('09:00');
    await dialog.getByLabel('Ends', { exact: true }).fill('13:00');
    await dialog.getByRole('button', { name: 'Add shift' }).click();
    const shift = page.locator('td.board__cell').filter({ has: page.getByRole('button', { name: `Add a shift for ${name} on Wed 25 Nov` }) }).locator('.shift');
    await expect.poll(() => shift.evaluate((el) => el.classList.contains('is-pending'))).toBe(true);

    await page.getByRole('link', { name: 'Tickets' }).first().click();
    await createTicket(page, 'Boiler pressure low (offline)');
    expect(await ticketPending(page, 'Boiler pressure low (offline)').isVisible()).toBe(true);
    await expectPillWithin(page, /^Offline · 2 waiting$/);

    // "Sync now" with no network says why nothing happened.
    await pill(page).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Nothing was sent' }).textContent()).toContain('this device has no network');
    await screenshot(page, 'sync-offline-popover-desktop');
    await page.keyboard.press('Escape');

    // A reload with no network: the service worker serves the app, the user is still signed in,
    // and IndexedDB still has their data and their queue.
    await page.reload();
    await ticketRow(page, 'Boiler pressure low (offline)').waitFor();
    expect(await ticketPending(page, 'Boiler pressure low (offline)').isVisible()).toBe(true);
    await expectPillWithin(page, /^Offline · 2 waiting$/);

    await context.setOffline(false);
    await expect.poll(() => ticketPending(page, 'Boiler pressure low (offline)').count(), { timeout: 20_000 }).toBe(0);
    await expectPillWithin(page, /^Synced$/, 20_000);
    await page.goto(board);
    await expect.poll(() => shift.evaluate((el) => el.classList.contains('is-pending')), { timeout: 20_000 }).toBe(false);
    await expect.poll(() => page.locator('.sync-pill').textContent()).toBe('Synced');
    await context.close();
  }, 120_000);

  describe('with the server stopped and the network up', () => {
    let dataDir: string;
    let port: number;
    let server: ServerProcess;
    const admin = { email: 'owner@example.com', password: 'second server password' };
    const start = async () => {
      server = spawnServer({ PORT: String(port), DATA_DIR: dataDir, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
      await waitUntilListening(server);
    };
    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'tsched-e2e-stopped-'));
      port = await freePort();
      await start();
    });
    afterAll(async () => {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('says Server unreachable within 2 s, reloads from the service worker with the user’s data, and syncs by itself once the server is back', async () => {
      const context = await browser.newContext({ baseURL: server.url, viewport: PHONE, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await signIn(page, admin.email, admin.password);
      await page.goto('/tickets');
      await waitForServiceWorker(page);
      await createTicket(page, 'Made before the outage');
      await expect.poll(() => ticketPending(page, 'Made before the outage').count(), { timeout: 20_000 }).toBe(0);
      await expectPillWithin(page, /^Synced$/, 10_000);

      server.child.kill('SIGKILL');
      await server.exited;
      await expectPillWithin(page, /^Server unreachable$/);

      await createTicket(page, 'Made while the server is down');
      await expectPillWithin(page, /^Server unreachable · 1 waiting$/);
      await screenshot(page, 'sync-server-unreachable-phone');

      await page.reload();
      await ticketRow(page, 'Made before the outage').waitFor();
      expect(await ticketPending(page, 'Made while the server is down').isVisible()).toBe(true);
      await expectPillWithin(page, /^Server unreachable · 1 waiting$/);
      expect(await page.evaluate(() => navigator.onLine)).toBe(true);

      await start();
      await expect.poll(() => ticketPending(page, 'Made while the server is down').count(), { timeout: 30_000 }).toBe(0);
      await expectPillWithin(page, /^Synced$/, 10_000);
      await context.close();
    }, 120_000);
  });

  it('shows "A new version is ready — Reload" for a new service worker, and the queue survives the reload', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await signIn(page);
    await page.goto('/tickets');
    await waitForServiceWorker(page);
    await page.getByRole('heading', { level: 1, name: 'Tickets' }).waitFor();

    const unblock = await blockPushes(context);
    await createTicket(page, 'Queued across an update');
    await expectPillWithin(page, /^Server unreachable · 1 waiting$/, 10_000);

    const swPath = join('dist', 'client', 'sw.js');
    const original = readFileSync(swPath, 'utf8');
    try {
      writeFileSync(swPath, `${original}\n// e2e: the next release\n`);
      await page.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())?.update();
      });
      const prompt = page.getByRole('status').filter({ hasText: 'A new version is ready.' });
      await prompt.waitFor({ timeout: 20_000 });
      await screenshot(page, 'update-prompt-phone');

      const reloaded = page.waitForEvent('load', { timeout: 20_000 });
      await prompt.getByRole('button', { name: 'Reload' }).click();
      await reloaded;
      await ticketRow(page, 'Queued across an update').waitFor();
      expect(await ticketPending(page, 'Queued across an update').isVisible()).toBe(true);
      expect(await page.getByText('A new version is ready.').count()).toBe(0);
    } finally {
      writeFileSync(swPath, original);
    }

    await unblock();
    await expect.poll(() => ticketPending(page, 'Queued across an update').count(), { timeout: 60_000 }).toBe(0);
    await context.close();
  }, 120_000);

  it('links a manifest that installers accept, with its icons served', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await page.goto('/sign-in');
    const href = await page.locator('link[rel=manifest]').getAttribute('href');
    const res = await page.request.get(href ?? 'missing');
    expect(res.status()).toBe(200);
    const served = (await res.json()) as WebManifest;
    const icons = new Map<string, Buffer>();
    for (const icon of served.icons ?? []) {
      const r = await page.request.get(icon.src);
      expect(r.status(), icon.src).toBe(200);
      icons.set(icon.src, await r.body());
    }
    expect(installProblems(served, inject('baseUrl'), (src) => icons.get(src) ?? Buffer.alloc(0))).toEqual([]);
    await context.close();
  });

  it('asks the browser to keep its storage after sign-in', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await context.addInitScript(() => {
      const calls: string[] = [];
      Object.assign(window, { persistCalls: calls });
      if (!navigator.storage) return;
      navigator.storage.persisted = async () => false;
      navigator.storage.persist = async () => {
        calls.push('persist');
        return true;
      };
    });
    await signIn(page);
    await expect.poll(() => page.evaluate(() => (window as unknown as { persistCalls: string[] }).persistCalls.length)).toBe(1);
    await context.close();
  });

  it('warns before signing out with unsent changes, offers to sync first, and never shows them to the next person', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page);
    const tech = await createTechnician(page, `Plover ${Date.now() % 100000}`);
    await page.goto('/tickets');
    await page.getByRole('heading', { level: 1, name: 'Tickets' }).waitFor();

    const unblock = await blockPushes(context);
    await createTicket(page, 'Only on the admin’s device');
    await page.getByRole('button', { name: 'Sign out' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Sign out with unsent changes?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('1 change made on this device has not reached the server yet');
    await dialog.getByRole('button', { name: 'Sync first' }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('the server does not answer');
    await screenshot(page, 'sign-out-unsent-desktop');
    await dialog.getByRole('button', { name: 'Sign out anyway' }).click();
    await page.waitForURL('**/sign-in');
    await unblock();

    // Someone else signs in on the same browser: the admin's queue is not theirs to see or send.
    await signIn(page, tech.email, tech.password);
    await page.goto('/tickets');
    await page.getByRole('heading', { level: 1, name: 'Tickets' }).waitFor();
    await expectPillWithin(page, /^Synced$/, 20_000);
    expect(await ticketRow(page, 'Only on the admin’s device').count()).toBe(0);

    // Signing out with nothing waiting asks nothing.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');

    // The admin again, on this device: the kept change goes now, and "Sync first" works.
    await signIn(page);
    await page.goto('/tickets');
    await expect.poll(() => ticketPending(page, 'Only on the admin’s device').count(), { timeout: 20_000 }).toBe(0);
    const again = await blockPushes(context);
    await createTicket(page, 'Sent before signing out');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await dialog.waitFor();
    await again();
    await dialog.getByRole('button', { name: 'Sync first' }).click();
    await page.waitForURL('**/sign-in', { timeout: 20_000 });
    await context.close();
  }, 120_000);
});
