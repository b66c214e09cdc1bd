import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, DESKTOP, launchBrowser, PHONE, screenshot, signIn, signInAsNewTechnician, useTheme } from './support/browser';
import { pushAsAnotherDevice, serverRows } from './support/server-data';

async function open(browser: Browser, viewport: typeof PHONE, theme: 'light' | 'dark', timezoneId = 'America/Chicago'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport, colorScheme: theme, timezoneId, isMobile: viewport === PHONE, hasTouch: viewport === PHONE });
  await useTheme(context, theme);
  return { context, page: await context.newPage() };
}

const serverLocations = (page: Page) => serverRows(page, 'location') as Promise<{ id: string; name: string; timezone: string; address: string }[]>;

const row = (page: Page, name: string) => page.getByRole('region', { name: 'All locations' }).getByRole('listitem').filter({ hasText: name });

async function pickZone(page: Page, typed: string, option: string): Promise<void> {
  const zone = page.getByRole('combobox', { name: 'Time zone' });
  await zone.fill('');
  await zone.pressSequentially(typed);
  await page.getByRole('option', { name: option }).click();
  expect(await zone.inputValue()).toBe(option);
}

describe('locations admin in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('an admin reaches Locations from the Admin page, adds one with validation at the fields, edits it and deletes it after confirming', async () => {
    const { context, page } = await open(browser, DESKTOP, 'light');
    await signIn(page);
    await page.getByRole('navigation', { name: 'Sections' }).first().getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('link', { name: /Locations/ }).click();
    await page.waitForURL('**/admin/locations');
    await page.getByRole('heading', { level: 1, name: 'Locations' }).waitFor();

    // The browser's own zone is the default.
    expect(await page.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe('America/Chicago');

    // No name: a sentence at the field, focus on it, gone once a name is typed.
    await page.getByRole('button', { name: 'Add location' }).click();
    await expect.poll(() => page.getByText('Enter a name for the location.').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
    await page.getByLabel('Name').fill('North depot');
    await expect.poll(() => page.getByText('Enter a name for the location.').count()).toBe(0);

    await page.getByLabel('Address (optional)').fill('Industriestraße 12\n20095 Hamburg');
    await pickZone(page, 'berlin', 'Europe/Berlin');
    // Offline: added on this device at once and marked, sent when the network is back.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Add location' }).click();
    await row(page, 'North depot').waitFor();
    expect(await row(page, 'North depot').getByText('not synced yet').count()).toBe(1);
    await context.setOffline(false);
    expect(await row(page, 'North depot').textContent()).toContain('Europe/Berlin');
    expect(await page.getByRole('status').filter({ hasText: 'Added North depot.' }).count()).toBe(1);
    await expect.poll(() => row(page, 'North depot').getByText('not synced yet').count(), { timeout: 20_000 }).toBe(0);
    const [created] = (await serverLocations(page)).filter((l) => l.name === 'North depot');
    expect(created).toMatchObject({ timezone: 'Europe/Berlin', address: 'Industriestraße 12\n20095 Hamburg' });

    // Edit: the form takes the values, only what changed is sent.
    await row(page, 'North depot').getByRole('button', { name: 'Edit North depot' }).click();
    await page.getByRole('heading', { name: 'Edit North depot' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
    await page.getByLabel('Name').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByText('Enter a name for the location.').count()).toBe(1);
    await page.getByLabel('Name').fill('North depot, hall 2');
    // By keyboard alone: type, arrow to the match, Enter; Enter again sends the form.
    const zone = page.getByRole('combobox', { name: 'Time zone' });
    await zone.focus();
    await zone.fill('');
    await page.keyboard.type('new york');
    await page.getByRole('option', { name: 'America/New York' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await zone.inputValue()).toBe('America/New York');
    await page.keyboard.press('Enter');
    await row(page, 'North depot, hall 2').waitFor();
    expect(await row(page, 'North depot, hall 2').textContent()).toContain('America/New York');
    await page.getByRole('heading', { name: 'New location' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Edit');
    await expect.poll(async () => (await serverLocations(page)).find((l) => l.id === created?.id), { timeout: 20_000 }).toMatchObject({
      name: 'North depot, hall 2',
      timezone: 'America/New_York',
      address: 'Industriestraße 12\n20095 Hamburg',
    });

    // A shift there, planned elsewhere (straight to the server), to see what deleting does to it.
    const me = (await page.evaluate(async () => (await fetch('/api/auth/me')).json())) as { user: { id: string } };
    const shiftId = crypto.randomUUID();
    await pushAsAnotherDevice(page, [
      { name: 'schedule.create', args: { id: shiftId, technicianId: me.user.id, locationId: created?.id ?? null, start: '2032-06-01T08:00:00.000Z', end: '2032-06-01T12:00:00.000Z' } },
    ]);

    // Delete: the dialog says shifts and tickets stay; Cancel keeps it.
    await row(page, 'North depot, hall 2').getByRole('button', { name: 'Delete North depot, hall 2' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete North depot, hall 2?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Shifts and tickets at North depot, hall 2 stay where they are; they will show “no location”.');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'locations-delete-desktop');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // The page is hidden from the accessibility tree while the dialog is open.
    await expect.poll(() => row(page, 'North depot, hall 2').count()).toBe(1);
    await row(page, 'North depot, hall 2').getByRole('button', { name: /^Delete/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete location' }).click();
    await expect.poll(() => row(page, 'North depot, hall 2').count()).toBe(0);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Deleted North depot, hall 2.' }).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('All locations');
    await expect.poll(async () => (await serverLocations(page)).some((l) => l.id === created?.id), { timeout: 20_000 }).toBe(false);
    // As the dialog said: the shift is still there, with no location.
    expect((await serverRows(page, 'schedule')).find((r) => r.id === shiftId)).toMatchObject({ locationId: null });
    await context.close();
  }, 90_000);

  it('is for admins only', async () => {
    const { context, page } = await open(browser, PHONE, 'light');
    await signInAsNewTechnician(page, 'Casey Tech');
    await page.goto('/admin/locations');
    await page.getByText('Only administrators can open this page.').waitFor();
    expect(await page.getByRole('heading', { name: 'Locations' }).count()).toBe(0);
    await context.close();
  });

  it('has no accessibility violations and looks right on phone and desktop, light and dark', async () => {
    const setup = await open(browser, DESKTOP, 'light');
    await signIn(setup.page);
    await setup.page.goto('/admin/locations');
    for (const [name, zone] of [
      ['Harbour pump station', 'Europe/Berlin'],
      ['Riverside office', 'America/New York'],
    ] as const) {
      await setup.page.getByLabel('Name').fill(name);
      await pickZone(setup.page, zone.split('/')[1] ?? zone, zone);
      await setup.page.getByRole('button', { name: 'Add location' }).click();
      await row(setup.page, name).waitFor();
    }
    await expect.poll(() => setup.page.getByText('not synced yet').count(), { timeout: 20_000 }).toBe(0);
    await setup.context.close();

    for (const viewport of [PHONE, DESKTOP]) {
      for (const theme of ['light', 'dark'] as const) {
        const size = viewport === PHONE ? 'phone' : 'desktop';
        const { context, page } = await open(browser, viewport, theme);
        await signIn(page);
        await page.goto('/admin/locations');
        await row(page, 'Riverside office').waitFor({ timeout: 20_000 });
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        expect(await axeViolations(page), `${size} ${theme}`).toEqual([]);
        await screenshot(page, `locations-${size}-${theme}`);

        // With a field message, and with the time zone list open.
        await page.getByRole('button', { name: 'Add location' }).click();
        await page.getByText('Enter a name for the location.').waitFor();
        const zone = page.getByRole('combobox', { name: 'Time zone' });
        await zone.fill('');
        await zone.pressSequentially('europe');
        await page.getByRole('option').first().waitFor();
        expect(await axeViolations(page), `${size} ${theme} with errors and the list open`).toEqual([]);
        await screenshot(page, `locations-${size}-${theme}-open`);
        await context.close();
      }
    }
  }, 180_000);
});
