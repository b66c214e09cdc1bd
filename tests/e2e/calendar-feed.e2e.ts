import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn } from './support/browser';

/** The calendar feed section of the profile page (issue 7, item 8), as a technician uses it. */
describe('the calendar feed on the profile page', () => {
  let browser: Browser;
  const email = `feed-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = 'feed technician password';

  beforeAll(async () => {
    browser = await launchBrowser();
    // A technician of our own, so no other file's theme or data changes what this one sees.
    const { context, page } = await newPage(browser, DESKTOP);
    await signIn(page);
    const res = await page.request.post('/api/users', {
      headers: { origin: inject('baseUrl') },
      data: { email, name: 'Feed Tester', password, role: 'technician' },
    });
    expect(res.status()).toBe(201);
    await context.close();
  });
  afterAll(() => browser.close());

  async function openProfile(page: Page): Promise<string> {
    await signIn(page, email, password);
    await page.goto('/profile');
    const input = page.getByLabel('Your private calendar link');
    await expect.poll(() => input.inputValue()).toMatch(/\/api\/calendar\/[a-z2-7]{32}\.ics$/);
    return input.inputValue();
  }

  it('shows the link, copies it with a visible confirmation, and offers a webcal:// subscription', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: inject('baseUrl') });
    const url = await openProfile(page);
    expect(url.startsWith(`${inject('baseUrl')}/api/calendar/`)).toBe(true);
    const subscribe = page.getByRole('link', { name: 'Subscribe in calendar app' });
    expect(await subscribe.getAttribute('href')).toBe(url.replace(/^http:/, 'webcal:'));

    await page.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Copied' }).isVisible()).toBe(true);
    expect(await page.getByRole('status').filter({ hasText: 'Link copied.' }).isVisible()).toBe(true);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    await screenshot(page, 'profile-calendar-feed-desktop');

    const feed = await page.request.get(url);
    expect(feed.status()).toBe(200);
    expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8');
    await context.close();
  });

  it('gets a new link only after a confirmation, and the old link stops working', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    const old = await openProfile(page);
    const trigger = page.getByRole('button', { name: 'Get a new link' });
    await trigger.click();
    const dialog = page.getByRole('alertdialog', { name: 'Get a new calendar link?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('stops working at once');
    await screenshot(page, 'calendar-feed-rotate-dialog-desktop');

    // Cancel keeps the link and gives the focus back to the button that opened the dialog.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await trigger.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByLabel('Your private calendar link').inputValue()).toBe(old);

    await trigger.click();
    await dialog.getByRole('button', { name: 'Get a new link' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const input = page.getByLabel('Your private calendar link');
    await expect.poll(() => input.inputValue()).not.toBe(old);
    expect(await page.getByText('You have a new link.').isVisible()).toBe(true);
    expect((await page.request.get(old)).status()).toBe(404);
    expect((await page.request.get(await input.inputValue())).status()).toBe(200);
    await context.close();
  });

  it('says in plain words that it needs a connection when offline, and loads once back online', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await openProfile(page);
    await context.setOffline(true);
    const alert = page.getByRole('alert').filter({ hasText: 'You are offline' });
    await alert.waitFor();
    expect(await page.getByRole('button', { name: 'Get a new link' }).isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Copy' }).isEnabled()).toBe(true);
    await page.getByRole('heading', { name: 'Calendar feed' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'calendar-feed-offline-phone');
    await context.setOffline(false);
    await alert.waitFor({ state: 'hidden' });
    expect(await page.getByRole('button', { name: 'Get a new link' }).isEnabled()).toBe(true);

    // Opened without a connection to the server: no link yet, nothing to press, a plain sentence.
    await page.route('**/api/calendar/feed', (route) => route.abort('internetdisconnected'));
    await page.reload();
    const noLink = page.getByRole('alert').filter({ hasText: 'Your calendar link needs a connection' });
    await noLink.waitFor();
    expect(await page.getByLabel('Your private calendar link').inputValue()).toBe('');
    expect(await page.getByRole('button', { name: 'Copy' }).isDisabled()).toBe(true);
    expect(await page.getByRole('link', { name: 'Subscribe in calendar app' }).count()).toBe(0);
    await page.getByRole('heading', { name: 'Calendar feed' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'calendar-feed-no-connection-phone');
    // Back online: the link loads by itself.
    await page.unroute('**/api/calendar/feed');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect.poll(() => page.getByLabel('Your private calendar link').inputValue()).toMatch(/\.ics$/);
    await noLink.waitFor({ state: 'hidden' });
    await context.close();
  });

  for (const [viewport, size] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`looks right on a ${viewport} in ${scheme} mode, confirmation included, with no serious accessibility violations`, async () => {
        const { context, page } = await newPage(browser, size, scheme);
        await openProfile(page);
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
        // Touch targets: at least 44 px high.
        for (const name of ['Copy', 'Get a new link']) {
          expect((await page.getByRole('button', { name }).boundingBox())?.height).toBeGreaterThanOrEqual(44);
        }
        expect((await page.getByRole('link', { name: 'Subscribe in calendar app' }).boundingBox())?.height).toBeGreaterThanOrEqual(44);
        await screenshot(page, `profile-calendar-feed-${viewport}-${scheme}`);
        if (viewport === 'phone') {
          // A full-page shot draws the fixed tab bar over the middle of the page: this one shows
          // the section as a person sees it once scrolled to it.
          await page.locator('.calendar-feed').evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 64));
          await page.screenshot({ path: `test-results/screenshots/profile-calendar-feed-${viewport}-${scheme}-scrolled.png` });
        }
        const results = await new AxeBuilder({ page }).include('.calendar-feed').withTags(['wcag2a', 'wcag2aa']).analyze();
        expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
        // The confirmation before a new link.
        await page.getByRole('button', { name: 'Get a new link' }).click();
        const dialog = page.getByRole('alertdialog');
        await dialog.waitFor();
        for (const name of ['Cancel', 'Get a new link']) {
          expect((await dialog.getByRole('button', { name }).boundingBox())?.height).toBeGreaterThanOrEqual(44);
        }
        await page.screenshot({ path: `test-results/screenshots/calendar-feed-rotate-dialog-${viewport}-${scheme}.png` });
        const dialogResults = await new AxeBuilder({ page }).include('.dialog').withTags(['wcag2a', 'wcag2aa']).analyze();
        expect(dialogResults.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        await context.close();
      });
    }
  }
});
