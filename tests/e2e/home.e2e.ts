import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { addDaysTo, localDateOf } from '../../sync/domain/calendar-dates';
import { startOfLocalDay } from '../../sync/domain/time';
import { axeViolations, DESKTOP, launchBrowser, PHONE, screenshot, signIn, useTheme, waitForServiceWorker } from './support/browser';
import { createUser, pushAsAnotherDevice, serverRows } from './support/server-data';

const ZONE = 'America/Chicago';

async function open(browser: Browser, viewport: typeof PHONE, theme: 'light' | 'dark' = 'light'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport, colorScheme: theme, timezoneId: ZONE, isMobile: viewport === PHONE, hasTouch: viewport === PHONE });
  await useTheme(context, theme);
  return { context, page: await context.newPage() };
}

const at = (date: string, hours: number) => new Date(startOfLocalDay(date, ZONE).getTime() + hours * 3_600_000).toISOString();
const linkRow = (page: Page, title: string) => page.getByRole('region', { name: 'Shown on Home, in this order' }).getByRole('listitem').filter({ hasText: title });
const homeLinks = (page: Page) => page.getByRole('region', { name: 'Quick links' }).getByRole('link').filter({ hasText: 'opens in a new tab' }).allTextContents();

describe('Home, quick links and profile in a real browser', () => {
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page };
  const stamp = Date.now() % 1_000_000;
  const techName = `Priya Nair ${stamp}`;
  const techEmail = `priya.${stamp}@example.com`;
  const ticketId = crypto.randomUUID();

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await open(browser, DESKTOP);
    await signIn(admin.page);
    const techId = await createUser(admin.page, { email: techEmail, name: techName, password: 'priya password', role: 'technician', timezone: ZONE });
    // Today and tomorrow in the technician's zone, planned by the dispatcher.
    const today = localDateOf(new Date(), ZONE);
    const locationId = crypto.randomUUID();
    await pushAsAnotherDevice(admin.page, [
      { name: 'location.create', args: { id: locationId, name: `Riverside plant ${stamp}`, address: '400 River Rd\nChicago', timezone: ZONE } },
      { name: 'schedule.create', args: { id: crypto.randomUUID(), technicianId: techId, locationId, start: at(today, 7), end: at(today, 15), note: 'Pump inspection' } },
      { name: 'schedule.create', args: { id: crypto.randomUUID(), technicianId: techId, start: at(addDaysTo(today, 1), 9), end: at(addDaysTo(today, 1), 17) } },
      { name: 'ticket.create', args: { id: ticketId, title: `Chiller alarm ${stamp}`, priority: 'urgent', assigneeId: techId } },
      { name: 'ticket.create', args: { id: crypto.randomUUID(), title: `Not mine ${stamp}`, priority: 'low' } },
    ]);
  });
  afterAll(() => browser.close());

  it('an admin adds, edits, reorders and deletes quick links, with problems at their fields', async () => {
    const { page } = admin;
    await page.goto('/admin');
    await page.getByRole('link', { name: /Quick links/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Quick links' }).waitFor();
    const form = page.getByRole('form', { name: 'New quick link' });
    await form.getByRole('button', { name: 'Add link' }).click();
    await expect.poll(() => form.getByText('Enter the words people click.').count()).toBe(1);
    await form.getByLabel('Title').fill('Parts shop');
    await form.getByLabel('Address').fill('javascript:alert(1)');
    await expect.poll(() => form.getByText('Enter a full web address starting with https:// or http://.').count()).toBe(1);
    await form.getByLabel('Address').fill('https://parts.example.com');
    await form.getByRole('button', { name: 'Add link' }).click();
    await linkRow(page, 'Parts shop').waitFor();
    for (const [title, url] of [
      ['Safety manual', 'https://example.com/safety.pdf'],
      ['Expense form', 'https://forms.example.com/expenses'],
    ]) {
      await form.getByLabel('Title').fill(title ?? '');
      await form.getByLabel('Address').fill(url ?? '');
      await form.getByRole('button', { name: 'Add link' }).click();
      await linkRow(page, title ?? '').waitFor();
    }
    // Edit one: the form takes its values.
    await linkRow(page, 'Expense form').getByRole('button', { name: 'Edit Expense form' }).click();
    const edit = page.getByRole('form', { name: 'Edit Expense form' });
    await edit.getByLabel('Title').fill('Expenses');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await linkRow(page, 'Expenses').waitFor();
    // Move "Expenses" to the top, one step at a time; the first Up is disabled.
    await linkRow(page, 'Expenses').getByRole('button', { name: 'Move Expenses up' }).click();
    await linkRow(page, 'Expenses').getByRole('button', { name: 'Move Expenses up' }).click();
    await expect.poll(() => linkRow(page, 'Expenses').getByRole('button', { name: 'Move Expenses up' }).isDisabled()).toBe(true);
    // Delete one, after confirming.
    await linkRow(page, 'Safety manual').getByRole('button', { name: 'Delete Safety manual' }).click();
    await page.getByRole('alertdialog', { name: 'Delete Safety manual?' }).getByRole('button', { name: 'Delete link' }).click();
    await expect.poll(() => linkRow(page, 'Safety manual').count()).toBe(0);
    await expect
      .poll(async () => (await serverRows(page, 'quickLink')).sort((a, b) => Number(a.position) - Number(b.position)).map((l) => l.title), { timeout: 20_000 })
      .toEqual(['Expenses', 'Parts shop']);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'quick-links-desktop-light');
  }, 90_000);

  it('a technician lands on Home: today’s and tomorrow’s shifts with where, their open tickets, quick links, who is online, and status', async () => {
    const { context, page } = await open(browser, PHONE);
    await signIn(page, techEmail, 'priya password');
    await page.getByRole('heading', { level: 1, name: 'Hello, Priya' }).waitFor();
    const shifts = page.getByRole('region', { name: 'My shifts' });
    await expect.poll(() => shifts.textContent(), { timeout: 20_000 }).toContain(`Riverside plant ${stamp}`);
    const text = (await shifts.textContent()) ?? '';
    expect(text).toMatch(/Today.*07:00–15:00.*Pump inspection.*Tomorrow.*09:00–17:00.*No location/s);
    const tickets = page.getByRole('region', { name: 'My open tickets' });
    const ticket = tickets.getByRole('link', { name: new RegExp(`Chiller alarm ${stamp}`) });
    await ticket.waitFor();
    expect(await ticket.getAttribute('href')).toBe(`/tickets/${ticketId}`);
    expect(await tickets.getByText(`Not mine ${stamp}`).count()).toBe(0);
    await expect.poll(() => homeLinks(page)).toEqual(['Expenses (opens in a new tab)', 'Parts shop (opens in a new tab)']);
    // The admin's page is open: presence says so.
    await expect.poll(() => page.getByRole('region', { name: 'Online now' }).textContent(), { timeout: 20_000 }).toContain('Administrator');
    // Others only: the technician is online too, but is not listed to themself.
    expect(await page.getByRole('region', { name: 'Online now' }).textContent()).not.toContain(techName);
    const status = page.getByRole('region', { name: 'System status' });
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('Reachable');
    expect(await status.textContent()).toContain('Waiting to be sentNothing');
    // Offline: Home still opens from the device and says the server cannot be reached. (Pages are
    // chunks of their own: the service worker must be serving them before the network goes.)
    await waitForServiceWorker(page);
    await context.setOffline(true);
    await page.locator('.tabbar').getByRole('link', { name: 'Profile' }).click();
    await page.locator('.tabbar').getByRole('link', { name: 'Home' }).click();
    await expect.poll(() => shifts.textContent()).toContain('Pump inspection');
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('Not reachable');
    await screenshot(page, 'home-offline-phone-light');
    await context.setOffline(false);
    await context.close();
  }, 90_000);

  it('says who is online in every open tab, not only in the one that holds the event stream', async () => {
    const { context, page } = await open(browser, PHONE);
    await signIn(page, techEmail, 'priya password');
    const onlineIn = (p: Page) => p.getByRole('region', { name: 'Online now' });
    await expect.poll(() => onlineIn(page).textContent(), { timeout: 20_000 }).toContain('Administrator');
    // A second tab of the same device: the first one leads the sync and holds the event stream.
    const second = await context.newPage();
    await second.goto('/');
    await second.getByRole('heading', { level: 1, name: 'Hello, Priya' }).waitFor();
    await expect.poll(() => onlineIn(second).textContent(), { timeout: 20_000 }).toContain('Administrator');
    expect(await onlineIn(second).textContent()).not.toContain('Nobody else has the app open');
    // The second tab does not sync itself: it asks the leading tab to, so it can say the server answered.
    await expect.poll(() => second.getByRole('region', { name: 'System status' }).textContent(), { timeout: 20_000 }).toContain('Reachable');
    await context.close();
  }, 90_000);

  it('shows placeholders, not empty states, until the device has read its data; empty cards keep their size when it answers', async () => {
    const email = `empty.${stamp}@example.com`;
    await createUser(admin.page, { email, name: `Sam Empty ${stamp}`, password: 'sam password', role: 'technician', timezone: ZONE });
    // No service worker: it would fetch the device's chunk itself, out of the test's reach.
    const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport: PHONE, timezoneId: ZONE, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
    const page = await context.newPage();
    // The device (Dexie, the replicator) is held back until the placeholders have been looked at.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/device-runtime-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await signIn(page, email, 'sam password');
    await page.getByRole('heading', { level: 1, name: 'Hello, Sam' }).waitFor();
    const cards = ['My shifts', 'My open tickets', 'Quick links', 'Online now', 'System status'].map((name) => page.getByRole('region', { name }));
    for (const card of cards) expect(await card.getAttribute('aria-busy')).toBe('true');
    expect(await page.locator('main [data-placeholder]').count()).toBeGreaterThanOrEqual(2 + 1 + 1 + 1 + 3);
    const main = page.locator('main');
    for (const empty of ['No shift.', 'No open tickets are assigned to you.', 'No quick links yet.', 'Nobody else has the app open.', 'not yet', 'Nothing']) {
      expect(await main.getByText(empty, { exact: true }).count()).toBe(0);
    }
    // The cards that turn out empty must not change size: nothing below them moves.
    const [shifts, tickets, , , status] = cards;
    const heights = async () => Promise.all([shifts, tickets, status].map(async (c) => (await c!.boundingBox())?.height));
    const before = await heights();
    release();
    await expect.poll(() => shifts!.getAttribute('aria-busy'), { timeout: 20_000 }).toBe('false');
    await expect.poll(() => status!.getAttribute('aria-busy'), { timeout: 20_000 }).toBe('false');
    expect(await shifts!.getByText('No shift.', { exact: true }).count()).toBe(2);
    expect(await tickets!.getByText('No open tickets are assigned to you.').count()).toBe(1);
    expect(await status!.textContent()).toContain('Waiting to be sentNothing');
    expect(await heights()).toEqual(before);
    expect(await main.locator('[data-placeholder]').count()).toBe(0);
    await context.close();
  }, 90_000);

  it('a technician changes their name, time zone and colour on Profile (offline too); the details reach the server', async () => {
    const { context, page } = await open(browser, DESKTOP);
    await signIn(page, techEmail, 'priya password');
    await page.goto('/profile');
    const form = page.getByRole('form', { name: 'Your details' });
    await form.waitFor();
    expect(await form.getByLabel('Name').inputValue()).toBe(techName);
    expect(await form.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe('America/Chicago');
    await form.getByLabel('Name').fill('');
    await form.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => form.getByText('Enter the person’s name.').count()).toBe(1);
    await context.setOffline(true);
    await form.getByLabel('Name').fill(`Priya N. ${stamp}`);
    const zone = form.getByRole('combobox', { name: 'Time zone' });
    await zone.fill('');
    await zone.pressSequentially('denver');
    await page.getByRole('option', { name: 'America/Denver' }).click();
    await form.getByLabel('Colour').fill('#7c3aed');
    await form.getByRole('button', { name: 'Save details' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Saved.');
    // The browser is in Chicago, the profile now in Denver: one click puts it back.
    expect(await form.getByRole('button', { name: 'Use America/Chicago' }).count()).toBe(1);
    await context.setOffline(false);
    await expect
      .poll(async () => (await serverRows(page, 'user')).find((u) => u.email === techEmail), { timeout: 20_000 })
      .toMatchObject({ name: `Priya N. ${stamp}`, timezone: 'America/Denver', color: '#7c3aed' });
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'profile-desktop-light');

    await context.close();
  }, 90_000);

  it('changes the password on Profile: each problem at its field, gone once that field is edited; then the new one works', async () => {
    const email = `pw.${stamp}@example.com`;
    await createUser(admin.page, { email, name: `Pat Word ${stamp}`, password: 'pat first password', role: 'technician', timezone: ZONE });
    const { context, page } = await open(browser, PHONE);
    await signIn(page, email, 'pat first password');
    await page.goto('/profile');
    const form = page.getByRole('form', { name: 'Password' });
    const fieldError = (label: string) => form.locator('.field').filter({ has: page.getByLabel(label, { exact: true }) }).locator('.field__error');
    await form.getByLabel('New password').fill('short');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => fieldError('Current password').textContent()).toBe('Enter your current password.');
    expect(await fieldError('New password').textContent()).toBe('The new password must be at least 8 characters.');
    await form.getByLabel('New password').fill('pat second password');
    await expect.poll(() => fieldError('New password').count()).toBe(0);
    await form.getByLabel('Current password').fill('not my password');
    await expect.poll(() => fieldError('Current password').count()).toBe(0);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => fieldError('Current password').textContent()).toBe('This is not your current password.');
    expect(await form.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await form.getByLabel('Current password').fill('pat first password');
    await expect.poll(() => fieldError('Current password').count()).toBe(0);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => form.getByRole('status').textContent()).toContain('Password changed.');
    const login = await page.request.post('/api/auth/login', { data: { email, password: 'pat second password' }, headers: { origin: inject('baseUrl') } });
    expect(login.status()).toBe(200);
    await context.close();
  }, 90_000);

  it('the saved theme is on <html> before the app’s script has run, so dark never flashes white', async () => {
    // No service worker, so the held-back script is really held back.
    const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport: DESKTOP, colorScheme: 'light', serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.evaluate(() => localStorage.setItem('theme', 'dark'));
    await page.route('**/assets/*.js', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.reload({ waitUntil: 'commit' });
    await page.waitForFunction(() => document.readyState !== 'loading');
    expect(await page.evaluate(() => ({ theme: document.documentElement.dataset.theme, app: document.querySelector('#root')?.childElementCount ?? 0 }))).toEqual({ theme: 'dark', app: 0 });
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await context.close();
  });

  it('says Checking… rather than Reachable until a sync since the app opened has got through', async () => {
    const { context, page } = await open(browser, PHONE);
    await signIn(page, techEmail, 'priya password');
    await expect.poll(() => page.getByRole('region', { name: 'System status' }).textContent(), { timeout: 20_000 }).toContain('Reachable');
    // The app opened again with the server's sync answers held back: an earlier visit synced, but
    // nothing has answered since this one opened. (A new tab after closing the first: on a reload the
    // old page can still finish a sync after the new one's navigation began, and that answer counts.)
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // The context's route: the app's requests pass through its service worker, which page.route misses.
    await context.route('**/api/sync/pull**', async (route) => {
      await held;
      await route.continue();
    });
    await page.close();
    const again = await context.newPage();
    await again.goto('/');
    const status = again.getByRole('region', { name: 'System status' });
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('Checking…');
    expect(await status.textContent()).not.toContain('Reachable');
    release();
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('Reachable');
    await context.close();
  }, 60_000);

  it('opens the sync pill from the keyboard on the first press (its details load then), and Escape gives the focus back', async () => {
    const { context, page } = await open(browser, DESKTOP);
    await signIn(page, techEmail, 'priya password');
    const pill = page.locator('.sync-pill');
    await expect.poll(() => pill.textContent(), { timeout: 20_000 }).toBe('Synced');
    // Before any click the pill is a plain button that reads like the real trigger.
    expect(await pill.getAttribute('aria-haspopup')).toBe('dialog');
    expect(await pill.getAttribute('aria-expanded')).toBe('false');
    await pill.focus();
    await page.keyboard.press('Enter');
    const details = page.getByRole('dialog', { name: 'Sync' });
    await details.waitFor();
    expect(await details.textContent()).toContain('Last synced');
    expect(await pill.getAttribute('aria-expanded')).toBe('true');
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.classList.contains('sync-pill'))).toBe(true);
    // The second time it is Kobalte's own trigger.
    await page.keyboard.press('Enter');
    await details.waitFor();
    await context.close();
  }, 60_000);

  for (const viewport of [PHONE, DESKTOP]) {
    for (const theme of ['light', 'dark'] as const) {
      const size = viewport === PHONE ? 'phone' : 'desktop';
      it(`with a change waiting: the sync pill's details and the sign-out question, also from Profile on a phone (${size}, ${theme})`, async () => {
        const email = `waiting.${size}.${theme}.${stamp}@example.com`;
        await createUser(admin.page, { email, name: `Wai Ting ${stamp}`, password: 'waiting password', role: 'technician', timezone: ZONE });
        const { context, page } = await open(browser, viewport, theme);
        await signIn(page, email, 'waiting password');
        await page.goto('/profile');
        const form = page.getByRole('form', { name: 'Your details' });
        await expect.poll(() => page.locator('.sync-pill').textContent(), { timeout: 20_000 }).toBe('Synced');
        await waitForServiceWorker(page);
        await context.setOffline(true);
        await form.getByLabel('Colour').fill('#0e7490');
        await form.getByRole('button', { name: 'Save details' }).click();
        await expect.poll(() => page.locator('.sync-pill').textContent(), { timeout: 10_000 }).toContain('1 waiting');

        await page.locator('.sync-pill').click();
        const details = page.getByRole('dialog', { name: 'Sync' });
        await details.waitFor();
        expect(await details.textContent()).toContain('This device has no network');
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `sync-details-waiting-${size}-${theme}`);
        await page.keyboard.press('Escape');
        await details.waitFor({ state: 'hidden' });

        // Phones have no sign-out in the top bar: Profile's button must ask just the same.
        const signOut = viewport === PHONE ? page.getByRole('button', { name: 'Sign out of this device' }) : page.locator('.topbar').getByRole('button', { name: 'Sign out' });
        await signOut.click();
        const question = page.getByRole('alertdialog', { name: 'Sign out with unsent changes?' });
        await question.waitFor();
        expect(await question.textContent()).toContain('1 change made on this device has not reached the server yet');
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `sign-out-waiting-${size}-${theme}`);
        await question.getByRole('button', { name: 'Cancel' }).click();
        await question.waitFor({ state: 'hidden' });
        expect(page.url()).toContain('/profile');
        await context.close();
      }, 90_000);
    }
  }


  for (const viewport of [PHONE, DESKTOP]) {
    for (const theme of ['light', 'dark'] as const) {
      const size = viewport === PHONE ? 'phone' : 'desktop';
      it(`Home, Quick links and Profile have no axe violations and touch-sized controls (${size}, ${theme})`, async () => {
        const { context, page } = await open(browser, viewport, theme);
        await signIn(page);
        for (const [path, name, ready] of [
          ['/', 'home', 'My shifts'],
          ['/admin/quick-links', 'quick-links', 'Shown on Home, in this order'],
          ['/profile', 'profile', 'Your details'],
        ] as const) {
          await page.goto(path);
          await page.getByRole(path === '/profile' ? 'form' : 'region', { name: ready }).waitFor();
          await page.waitForTimeout(300);
          expect(await axeViolations(page), path).toEqual([]);
          if (viewport === PHONE) {
            const small = await page.evaluate(() =>
              [...document.querySelectorAll<HTMLElement>('main button, main a, main input, main select, .tabbar a')]
                .filter((el) => el.offsetParent !== null && el.getBoundingClientRect().height > 1)
                .filter((el) => el.getBoundingClientRect().height < 44)
                .map((el) => `${el.tagName} "${el.textContent?.trim() ?? ''}" ${Math.round(el.getBoundingClientRect().height)}px`),
            );
            expect(small, path).toEqual([]);
          }
          await screenshot(page, `${name}-${size}-${theme}`);
        }
        await context.close();
      }, 90_000);
    }
  }
});
