import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, DESKTOP, launchBrowser, PHONE, screenshot, signIn, useTheme } from './support/browser';
import { createTechnician, pushAsAnotherDevice, serverRows } from './support/server-data';

const WEEK = '2032-03-01';

async function open(browser: Browser, viewport: typeof PHONE, theme: 'light' | 'dark' = 'light'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport, colorScheme: theme, timezoneId: 'UTC', isMobile: viewport === PHONE, hasTouch: viewport === PHONE });
  await useTheme(context, theme);
  return { context, page: await context.newPage() };
}

/** Plans a shift on the week board while the device is offline: it is saved here and queued. */
async function addShiftOffline(context: BrowserContext, page: Page, tech: { id: string; name: string }, day: string, from: string, to: string): Promise<void> {
  const { name } = tech;
  // Filtered to the technician: the board draws only the rows in view, and the suite's other
  // tests leave many technicians on this server.
  await page.goto(`/calendar?week=${WEEK}&tech=${tech.id}`);
  await page.getByRole('rowheader', { name: new RegExp(name) }).waitFor({ timeout: 20_000 });
  await context.setOffline(true);
  await page.getByRole('button', { name: `Add a shift for ${name} on ${day}` }).click();
  const dialog = page.getByRole('dialog', { name: 'New shift' });
  await dialog.getByLabel('Starts').fill(from);
  await dialog.getByLabel('Ends', { exact: true }).fill(to);
  await dialog.getByRole('button', { name: 'Add shift' }).click();
  await dialog.waitFor({ state: 'detached' });
}

const entry = (page: Page) => page.getByRole('region', { name: 'Refused changes' }).getByRole('listitem');

describe('Needs attention in a real browser', () => {
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page };
  let elsewhere: { context: BrowserContext; page: Page };
  const name = `Tomas Reyes ${Date.now() % 1_000_000}`;
  let techId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await open(browser, DESKTOP);
    await signIn(admin.page);
    techId = (await createTechnician(admin.page, name)).id;
    // Another admin's device, online the whole time.
    elsewhere = await open(browser, DESKTOP);
    await signIn(elsewhere.page);
  });
  afterAll(() => browser.close());

  it('a shift the server refuses (it clashes with one planned elsewhere meanwhile) is listed with its reason, edited and sent again', async () => {
    const { context, page } = admin;
    await addShiftOffline(context, page, { id: techId, name }, 'Mon 1 Mar', '08:00', '12:00');
    await pushAsAnotherDevice(elsewhere.page, [
      { name: 'schedule.create', args: { id: crypto.randomUUID(), technicianId: techId, start: '2032-03-01T10:00:00.000Z', end: '2032-03-01T14:00:00.000Z' } },
    ]);
    await context.setOffline(false);

    // Home says a change was refused and leads to the page.
    await page.getByRole('navigation', { name: 'Sections' }).first().getByRole('link', { name: 'Home' }).click();
    const status = page.getByRole('region', { name: 'System status' });
    await expect.poll(() => status.textContent(), { timeout: 20_000 }).toContain('1 change was refused by the server');
    await status.getByRole('link', { name: 'Open Needs attention' }).click();
    await page.getByRole('heading', { level: 1, name: 'Needs attention' }).waitFor();
    await expect.poll(() => entry(page).count()).toBe(1);
    const text = (await entry(page).textContent()) ?? '';
    expect(text).toContain('New shift');
    expect(text).toContain('It clashes with another shift.');
    expect(text).toContain('2032-03-01 08:00');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'attention-desktop-light');

    await entry(page).getByRole('button', { name: 'Edit and send again: New shift' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit and send again' });
    expect(await dialog.getByLabel('Starts').inputValue()).toBe('2032-03-01T08:00');
    // Still clashing: the device can tell, says so, and keeps it on the list.
    await dialog.getByLabel('Starts').fill('2032-03-01T11:00');
    await dialog.getByRole('button', { name: 'Send again' }).click();
    await expect.poll(() => dialog.textContent()).toContain('Still not possible');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'attention-edit-desktop-light');
    await dialog.getByLabel('Starts').fill('2032-03-01T14:00');
    await dialog.getByLabel('Ends').fill('2032-03-01T18:00');
    await dialog.getByRole('button', { name: 'Send again' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'New shift sent again.' }).count()).toBe(1);
    await expect.poll(() => entry(page).count()).toBe(0);
    expect(await page.getByText('Nothing needs your attention').count()).toBe(1);
    await expect
      .poll(async () => (await serverRows(page, 'schedule')).filter((s) => s.technicianId === techId).map((s) => `${String(s.start)}–${String(s.end)}`).sort(), { timeout: 20_000 })
      .toEqual(['2032-03-01T10:00:00.000Z–2032-03-01T14:00:00.000Z', '2032-03-01T14:00:00.000Z–2032-03-01T18:00:00.000Z']);
  }, 120_000);

  it('a refused change can be discarded, after confirming, and the server keeps what it had', async () => {
    const { context, page } = admin;
    await addShiftOffline(context, page, { id: techId, name }, 'Tue 2 Mar', '09:00', '13:00');
    await pushAsAnotherDevice(elsewhere.page, [
      { name: 'schedule.create', args: { id: crypto.randomUUID(), technicianId: techId, start: '2032-03-02T12:00:00.000Z', end: '2032-03-02T16:00:00.000Z' } },
    ]);
    await context.setOffline(false);
    await page.goto('/attention');
    await expect.poll(() => entry(page).count(), { timeout: 20_000 }).toBe(1);
    await entry(page).getByRole('button', { name: 'Discard New shift' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Discard this new shift?' });
    await confirm.getByRole('button', { name: 'Discard it' }).click();
    await expect.poll(() => entry(page).count()).toBe(0);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'New shift discarded.' }).count()).toBe(1);
    const tuesday = (await serverRows(page, 'schedule')).filter((s) => s.technicianId === techId && String(s.start).startsWith('2032-03-02'));
    expect(tuesday.map((s) => s.start)).toEqual(['2032-03-02T12:00:00.000Z']);
  }, 120_000);

  for (const viewport of [PHONE, DESKTOP]) {
    for (const theme of ['light', 'dark'] as const) {
      const size = viewport === PHONE ? 'phone' : 'desktop';
      it(`Needs attention has no axe violations with an entry listed (${size}, ${theme})`, async () => {
        const { context, page } = await open(browser, viewport, theme);
        await signIn(page);
        const day = viewport === PHONE ? (theme === 'light' ? 'Wed 3 Mar' : 'Thu 4 Mar') : theme === 'light' ? 'Fri 5 Mar' : 'Sat 6 Mar';
        const date = { 'Wed 3 Mar': '2032-03-03', 'Thu 4 Mar': '2032-03-04', 'Fri 5 Mar': '2032-03-05', 'Sat 6 Mar': '2032-03-06' }[day];
        if (viewport === PHONE) {
          // The phone's board is a day view; plan the shift on a desktop-sized page of the same device.
          await page.setViewportSize(DESKTOP);
        }
        await addShiftOffline(context, page, { id: techId, name }, day, '08:00', '09:00');
        await pushAsAnotherDevice(elsewhere.page, [{ name: 'schedule.create', args: { id: crypto.randomUUID(), technicianId: techId, start: `${date}T08:30:00.000Z`, end: `${date}T10:00:00.000Z` } }]);
        await context.setOffline(false);
        await page.setViewportSize(viewport);
        await page.goto('/attention');
        await expect.poll(() => entry(page).count(), { timeout: 20_000 }).toBe(1);
        expect(await axeViolations(page)).toEqual([]);
        await screenshot(page, `attention-${size}-${theme}`);
        await context.close();
      }, 120_000);
    }
  }
});
