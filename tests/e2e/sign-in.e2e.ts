import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn } from './support/browser';

describe('signing in and out in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('sends a stranger to the sign-in page and shows a clear error for a wrong password', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto('/tickets');
    await page.waitForURL('**/sign-in');
    await screenshot(page, 'sign-in-desktop');
    await page.getByLabel('Email').fill(inject('adminEmail'));
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('email or password is not right');
    await screenshot(page, 'sign-in-error-desktop');
    await context.close();
  });

  it('signs in with a differently-cased email, shows the shell with Home first, and signs out for real', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page, `  ${inject('adminEmail').toUpperCase()} `);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/^Hello, /);
    const nav = page.getByRole('navigation', { name: 'Sections' }).first();
    expect(await nav.getByRole('link', { name: 'Admin' }).isVisible()).toBe(true);
    await screenshot(page, 'home-after-sign-in-desktop');
    await nav.getByRole('link', { name: 'Admin' }).click();
    await expect.poll(() => page.getByText(inject('adminEmail')).isVisible()).toBe(true);
    await screenshot(page, 'admin-desktop');

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL('**/sign-in');
    // The session is gone on the server, not just in this tab.
    const me = await page.request.get('/api/auth/me');
    expect(me.status()).toBe(401);
    await page.goto('/calendar');
    await page.waitForURL('**/sign-in');
    await context.close();
  });

  it('says plainly when the server cannot be reached, and opens by itself once it can', async () => {
    const { context, page } = await newPage(browser, PHONE);
    // No signed-in user cached on this device, and no answer from the server.
    await page.route('**/api/auth/me', (route) => route.abort('internetdisconnected'));
    await page.goto('/');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Cannot reach the server');
    await screenshot(page, 'cannot-reach-server-phone');
    // The server answers again: the network coming back makes the app ask at once, no reload.
    await page.unroute('**/api/auth/me');
    await context.setOffline(true);
    await context.setOffline(false);
    await page.waitForURL('**/sign-in', { timeout: 5_000 });
    expect(await page.getByText('Cannot reach the server').count()).toBe(0);
    // And signing in now starts the device: the team arrives in this device's database.
    await signIn(page);
    const usersOnDevice = () =>
      page.evaluate(async () => {
        const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n?.startsWith('technician-scheduler-'));
        if (!name) return 0;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error as Error);
        });
        try {
          if (!db.objectStoreNames.contains('user')) return 0;
          const count = db.transaction('user').objectStore('user').count();
          return await new Promise<number>((resolve) => (count.onsuccess = () => resolve(count.result)));
        } finally {
          db.close();
        }
      });
    await expect.poll(usersOnDevice, { timeout: 10_000 }).toBeGreaterThan(0);
    await context.close();
  });

  it('keeps a remembered session across a browser restart (new page, same cookies)', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page);
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.expires).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);
    await context.close();
  });

  it('works on a phone: bottom tab bar, profile with theme switch to dark', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await page.goto('/sign-in');
    await screenshot(page, 'sign-in-phone');
    await signIn(page);
    const tabbar = page.locator('.tabbar');
    expect(await tabbar.isVisible()).toBe(true);
    expect(await page.locator('.topnav').isVisible()).toBe(false);
    await screenshot(page, 'home-after-sign-in-phone');
    await tabbar.getByRole('link', { name: 'Profile' }).click();
    await page.getByRole('button', { name: 'Dark' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await screenshot(page, 'profile-dark-phone');
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await context.close();
  });

  it('has no serious accessibility violations on the sign-in page and the shell', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto('/sign-in');
    await page.getByLabel('Email').waitFor();
    const signInResults = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(signInResults.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await signIn(page);
    await page.goto('/profile');
    await page.getByRole('heading', { name: 'Appearance' }).waitFor();
    const shellResults = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(shellResults.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    await context.close();
  });
});
