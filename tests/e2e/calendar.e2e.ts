import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn } from './support/browser';
import { createTechnician } from './support/server-data';

const WEEK = '2026-11-23';

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes[0]?.target.join(' ')}`);
}

const cell = (page: Page, name: string, day: string) => page.locator('td.board__cell').filter({ has: page.getByRole('button', { name: `Add a shift for ${name} on ${day}` }) });
const shiftIn = (page: Page, name: string, day: string) => cell(page, name, day).locator('.shift');

describe('the calendar in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('adds, refuses an overlap, drags (with undo), edits and deletes a shift on the week board', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    page.setDefaultTimeout(10_000);
    await signIn(page);
    const name = `Wren ${Date.now() % 100000}`;
    const techId = (await createTechnician(page, name)).id;
    // Filtered to the technician: the board draws only the rows in view, and the suite's other
    // tests leave many technicians on this server.
    await page.goto(`/calendar?week=${WEEK}&tech=${techId}`);
    // The new technician arrives with the next pull.
    await page.getByRole('rowheader', { name: new RegExp(name) }).waitFor({ timeout: 20_000 });

    // Add: a click in an empty cell opens the editor for that person and day.
    await page.getByRole('button', { name: `Add a shift for ${name} on Mon 23 Nov` }).click();
    const dialog = page.getByRole('dialog', { name: 'New shift' });
    await dialog.getByLabel('Starts').fill('08:00');
    await dialog.getByLabel('Ends', { exact: true }).fill('12:00');
    await dialog.getByRole('button', { name: 'Add shift' }).click();
    await expect.poll(() => shiftIn(page, name, 'Mon 23 Nov').textContent()).toContain('08:00–12:00');

    // An overlap is shown in the editor before saving, naming the clash, and cannot be saved.
    await page.getByRole('button', { name: `Add a shift for ${name} on Mon 23 Nov` }).click();
    await dialog.getByLabel('Starts').fill('11:00');
    await dialog.getByLabel('Ends', { exact: true }).fill('13:00');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain(`${name} already has a shift Mon 23 Nov, 08:00–12:00`);
    expect(await dialog.getByRole('button', { name: 'Add shift' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Ends', { exact: true }).fill('10:00');
    await dialog.getByLabel('Starts').fill('12:00');
    // End before start: said at the end field.
    await expect.poll(() => dialog.locator('.field__error').textContent()).toContain('The shift must end after it starts');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Drag to Tuesday; undo puts it back.
    await shiftIn(page, name, 'Mon 23 Nov').dragTo(cell(page, name, 'Tue 24 Nov'));
    await expect.poll(() => shiftIn(page, name, 'Tue 24 Nov').count()).toBe(1);
    expect(await shiftIn(page, name, 'Mon 23 Nov').count()).toBe(0);
    await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => shiftIn(page, name, 'Mon 23 Nov').count()).toBe(1);
    expect(await shiftIn(page, name, 'Tue 24 Nov').count()).toBe(0);

    // A drag onto a clash snaps back with the reason.
    await page.getByRole('button', { name: `Add a shift for ${name} on Tue 24 Nov` }).click();
    await dialog.getByLabel('Starts').fill('09:00');
    await dialog.getByLabel('Ends', { exact: true }).fill('10:00');
    await dialog.getByRole('button', { name: 'Add shift' }).click();
    await expect.poll(() => shiftIn(page, name, 'Tue 24 Nov').count()).toBe(1);
    await shiftIn(page, name, 'Mon 23 Nov').dragTo(cell(page, name, 'Tue 24 Nov'));
    await expect.poll(() => page.locator('.alert--error').textContent()).toContain('The shift stays where it was');
    expect(await shiftIn(page, name, 'Mon 23 Nov').count()).toBe(1);
    await screenshot(page, 'calendar-week-desktop-light');

    // Edit: open the shift, change the end.
    await shiftIn(page, name, 'Mon 23 Nov').click();
    const edit = page.getByRole('dialog', { name: 'Edit shift' });
    await edit.getByLabel('Ends', { exact: true }).fill('14:00');
    await edit.getByLabel('Note').fill('Gate motor, bring the long ladder');
    await screenshot(page, 'calendar-editor-desktop-light');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => shiftIn(page, name, 'Mon 23 Nov').textContent()).toContain('08:00–14:00');

    // Delete, with a confirmation.
    await shiftIn(page, name, 'Mon 23 Nov').click();
    await edit.getByRole('button', { name: 'Delete…' }).click();
    await edit.getByRole('button', { name: 'Delete shift' }).click();
    await expect.poll(() => shiftIn(page, name, 'Mon 23 Nov').count()).toBe(0);

    // Everything reached the server: the sync pill settles.
    await expect.poll(() => page.locator('.sync-pill').textContent(), { timeout: 15_000 }).toBe('Synced');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('repeats a shift weekly for two weeks around a clash, and deletes "this and the following ones"', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    page.setDefaultTimeout(10_000);
    await signIn(page);
    const name = `Rae ${Date.now() % 100000}`;
    const techId = (await createTechnician(page, name)).id;
    await page.goto(`/calendar?week=2026-11-30&tech=${techId}`);
    await page.getByRole('rowheader', { name: new RegExp(name) }).waitFor({ timeout: 20_000 });
    const dialog = page.getByRole('dialog', { name: 'New shift' });

    // Something already planned on Wednesday 2 December.
    await page.getByRole('button', { name: `Add a shift for ${name} on Wed 2 Dec` }).click();
    await dialog.getByLabel('Starts').fill('10:00');
    await dialog.getByLabel('Ends', { exact: true }).fill('11:00');
    await dialog.getByRole('button', { name: 'Add shift' }).click();
    await expect.poll(() => shiftIn(page, name, 'Wed 2 Dec').count()).toBe(1);

    await page.getByRole('button', { name: `Add a shift for ${name} on Mon 30 Nov` }).click();
    await dialog.getByLabel('Starts').fill('09:00');
    await dialog.getByLabel('Ends', { exact: true }).fill('17:00');
    await dialog.getByLabel('Repeat weekly').check();
    for (const day of ['Tuesday', 'Wednesday', 'Thursday', 'Friday']) await dialog.getByRole('button', { name: day }).click();
    await dialog.getByLabel('Until (last day)').fill('2026-12-11');
    await expect.poll(() => dialog.locator('.repeat__plan').textContent()).toContain('9 shifts fit; 1 cannot be planned');
    expect(await dialog.locator('.repeat__refused').textContent()).toContain(`Wed 2 Dec: ${name} already has a shift`);
    await screenshot(page, 'calendar-repeat-desktop-light');
    await dialog.getByRole('button', { name: 'Add the 9 that fit' }).click();
    await dialog.waitFor({ state: 'hidden' });
    for (const day of ['Mon 30 Nov', 'Tue 1 Dec', 'Thu 3 Dec', 'Fri 4 Dec']) await expect.poll(() => shiftIn(page, name, day).count()).toBe(1);
    await page.getByRole('button', { name: 'Next week' }).click();
    for (const day of ['Mon 7 Dec', 'Tue 8 Dec', 'Wed 9 Dec', 'Thu 10 Dec', 'Fri 11 Dec']) await expect.poll(() => shiftIn(page, name, day).count()).toBe(1);
    await page.getByRole('button', { name: 'Previous week' }).click();

    await shiftIn(page, name, 'Thu 3 Dec').click();
    const edit = page.getByRole('dialog', { name: 'Edit shift' });
    await edit.getByRole('button', { name: 'Delete…' }).click();
    await edit.getByRole('button', { name: 'This and the following ones' }).click();
    // While the dialog is open the board is hidden from the accessibility tree, and so from getByRole.
    await edit.waitFor({ state: 'hidden' });
    await expect.poll(() => shiftIn(page, name, 'Thu 3 Dec').count()).toBe(0);
    expect(await shiftIn(page, name, 'Fri 4 Dec').count()).toBe(0);
    expect(await shiftIn(page, name, 'Tue 1 Dec').count()).toBe(1);
    expect(await shiftIn(page, name, 'Wed 2 Dec').count()).toBe(1);
    await page.getByRole('button', { name: 'Next week' }).click();
    await page.getByRole('rowheader', { name: new RegExp(name) }).waitFor();
    await expect.poll(() => page.locator('tr', { has: page.getByRole('rowheader', { name: new RegExp(name) }) }).locator('.shift').count()).toBe(0);
    await expect.poll(() => page.locator('.sync-pill').textContent(), { timeout: 15_000 }).toBe('Synced');
    await context.close();
  });

  it('has no serious accessibility violations on the week board and the editor in dark mode', async () => {
    const { context, page } = await newPage(browser, DESKTOP, 'dark');
    await signIn(page);
    await page.goto(`/calendar?week=${WEEK}`);
    await page.locator('table.board').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'calendar-week-desktop-dark');
    await page.locator('.board__add').first().click();
    await page.getByRole('dialog', { name: 'New shift' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`works the day view on a phone (${scheme})`, async () => {
      const { context, page } = await newPage(browser, PHONE, scheme);
      await signIn(page);
      const name = `Ola ${scheme} ${Date.now() % 100000}`;
      await createTechnician(page, name);
      await page.goto('/calendar?day=2026-11-24');
      await page.getByRole('heading', { name: 'Tuesday 24 November' }).waitFor();
      expect(await page.locator('table.board').count()).toBe(0);

      await page.getByRole('button', { name: 'Add a shift' }).click();
      const dialog = page.getByRole('dialog', { name: 'New shift' });
      await dialog.getByLabel('Technician').selectOption({ label: name });
      await dialog.getByLabel('Starts').fill('07:30');
      await dialog.getByLabel('Ends', { exact: true }).fill('15:30');
      await dialog.getByRole('button', { name: 'Add shift' }).click();
      await page.locator('.day-shift', { hasText: name }).waitFor();
      expect(await page.locator('.day-shift', { hasText: name }).textContent()).toContain('07:30–15:30');

      await page.getByRole('button', { name: 'Next day' }).click();
      await page.getByRole('heading', { name: 'Wednesday 25 November' }).waitFor();
      expect(await page.locator('.day-shift', { hasText: name }).count()).toBe(0);
      await page.getByRole('button', { name: 'Previous day' }).click();
      await page.locator('.day-shift', { hasText: name }).waitFor();

      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `calendar-day-phone-${scheme}`);
      await context.close();
    });
  }
});
