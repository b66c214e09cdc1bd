import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn, signInAsNewTechnician, useTheme } from './support/browser';
import { pushAsAnotherDevice, serverRows } from './support/server-data';

async function open(browser: Browser, viewport: typeof PHONE, theme: 'light' | 'dark'): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await newPage(browser, viewport, theme);
  await useTheme(opened.context, theme);
  return opened;
}

const serverCategories = (page: Page) => serverRows(page, 'category') as Promise<{ id: string; name: string; color: string }[]>;

const row = (page: Page, name: string) => page.getByRole('region', { name: 'All categories' }).getByRole('listitem').filter({ hasText: name });

async function addCategory(page: Page, name: string, colour: string): Promise<void> {
  await page.getByLabel('Name').fill(name);
  await page.getByRole('radio', { name: colour }).check();
  await page.getByRole('button', { name: 'Add category' }).click();
  await row(page, name).waitFor();
}

describe('categories admin in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('an admin reaches Categories from the Admin page, adds one offline, renames and recolours it, and deletes it: its tickets stay, uncategorised', async () => {
    const { context, page } = await open(browser, DESKTOP, 'light');
    await signIn(page);
    await page.getByRole('navigation', { name: 'Sections' }).first().getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('link', { name: /Categories/ }).click();
    await page.waitForURL('**/admin/categories');
    await page.getByRole('heading', { level: 1, name: 'Categories' }).waitFor();

    // No name: a sentence at the field, focus on it, gone once a name is typed.
    await page.getByRole('button', { name: 'Add category' }).click();
    await expect.poll(() => page.getByText('Enter a name for the category.').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
    await page.getByLabel('Name').fill('Plumbing');
    await expect.poll(() => page.getByText('Enter a name for the category.').count()).toBe(0);

    // Grey is chosen until another colour is; the palette is radio buttons named for their colours.
    expect(await page.getByRole('radio', { name: 'Grey' }).isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Teal' }).check();

    // Offline: added on this device at once and marked, sent when the network is back.
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Add category' }).click();
    await row(page, 'Plumbing').waitFor();
    expect(await row(page, 'Plumbing').getByText('not synced yet').count()).toBe(1);
    expect(await row(page, 'Plumbing').textContent()).toContain('Teal');
    expect(await page.getByRole('status').filter({ hasText: 'Added Plumbing.' }).count()).toBe(1);
    await context.setOffline(false);
    await expect.poll(() => row(page, 'Plumbing').getByText('not synced yet').count(), { timeout: 20_000 }).toBe(0);
    const [created] = (await serverCategories(page)).filter((c) => c.name === 'Plumbing');
    expect(created).toMatchObject({ color: '#0f766e' });

    // A second category by the same name is refused at the field, whatever its case.
    await page.getByLabel('Name').fill('plumbing ');
    await page.getByRole('button', { name: 'Add category' }).click();
    await expect.poll(() => page.getByText('There is already a category called plumbing.').count()).toBe(1);
    await page.getByLabel('Name').fill('');

    // Rename, and a colour outside the palette through the browser's colour input.
    await row(page, 'Plumbing').getByRole('button', { name: 'Edit Plumbing' }).click();
    await page.getByRole('heading', { name: 'Edit Plumbing' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
    expect(await page.getByRole('radio', { name: 'Teal' }).isChecked()).toBe(true);
    await page.getByLabel('Name').fill('Plumbing & heating');
    await page.getByLabel('Other colour').fill('#7c2d12');
    expect(await page.getByRole('radio', { checked: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await row(page, 'Plumbing & heating').waitFor();
    expect(await row(page, 'Plumbing & heating').textContent()).toContain('Custom colour #7c2d12');
    await page.getByRole('heading', { name: 'New category' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Edit');
    await expect.poll(async () => (await serverCategories(page)).find((c) => c.id === created?.id), { timeout: 20_000 }).toMatchObject({
      name: 'Plumbing & heating',
      color: '#7c2d12',
    });

    // A ticket filed under it, opened elsewhere (straight to the server), to see what deleting does to it.
    const ticketId = crypto.randomUUID();
    await pushAsAnotherDevice(page, [{ name: 'ticket.create', args: { id: ticketId, title: 'Dripping tap', priority: 'low', categoryId: created?.id ?? null } }]);

    // Delete: the dialog says the tickets stay, uncategorised; Cancel keeps it.
    await row(page, 'Plumbing & heating').getByRole('button', { name: 'Delete Plumbing & heating' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Delete Plumbing & heating?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Tickets in Plumbing & heating stay; they will show “Uncategorised”.');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'categories-delete-desktop');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => row(page, 'Plumbing & heating').count()).toBe(1);
    await row(page, 'Plumbing & heating').getByRole('button', { name: /^Delete/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete category' }).click();
    await expect.poll(() => row(page, 'Plumbing & heating').count()).toBe(0);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Deleted Plumbing & heating.' }).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('All categories');
    await expect.poll(async () => (await serverCategories(page)).some((c) => c.id === created?.id), { timeout: 20_000 }).toBe(false);
    // As the dialog said: the ticket is still there, with no category.
    expect((await serverRows(page, 'ticket')).find((r) => r.id === ticketId)).toMatchObject({ title: 'Dripping tap', categoryId: null });
    await context.close();
  }, 90_000);

  it('adds a category once when Add category is tapped twice, quickly or a moment apart', async () => {
    const { context, page } = await open(browser, PHONE, 'light');
    await signIn(page);
    await page.goto('/admin/categories');
    for (const gapMs of [0, 250]) {
      const name = `Tapped twice ${gapMs} ${Date.now()}`;
      await page.getByLabel('Name').fill(name);
      const box = await page.getByRole('button', { name: 'Add category' }).boundingBox();
      if (!box) throw new Error('no Add category button');
      await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
      if (gapMs) await page.waitForTimeout(gapMs);
      await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
      await row(page, name).first().waitFor();
      await expect.poll(async () => (await serverCategories(page)).filter((c) => c.name === name).length, { timeout: 20_000 }).toBeGreaterThan(0);
      expect((await serverCategories(page)).filter((c) => c.name === name), `${gapMs} ms apart`).toHaveLength(1);
      expect(await row(page, name).count()).toBe(1);
      // The second tap is not taken for an attempt to add a category without a name.
      expect(await page.getByText('Enter a name for the category.').count()).toBe(0);
    }
    await context.close();
  }, 60_000);

  it('is for admins only', async () => {
    const { context, page } = await open(browser, PHONE, 'light');
    await signInAsNewTechnician(page, 'Robin Tech');
    await page.goto('/admin/categories');
    await page.getByText('Only administrators can open this page.').waitFor();
    expect(await page.getByRole('heading', { name: 'Categories' }).count()).toBe(0);
    await context.close();
  });

  it('has no accessibility violations and looks right on phone and desktop, light and dark', async () => {
    const setup = await open(browser, DESKTOP, 'light');
    await signIn(setup.page);
    await setup.page.goto('/admin/categories');
    for (const [name, colour] of [
      ['Electrical', 'Ochre'],
      ['Heating, ventilation and air conditioning (HVAC) on the roof', 'Blue'],
      ['Safety', 'Red'],
    ] as const) {
      await addCategory(setup.page, name, colour);
    }
    await expect.poll(() => setup.page.getByText('not synced yet').count(), { timeout: 20_000 }).toBe(0);
    await setup.context.close();

    for (const viewport of [PHONE, DESKTOP]) {
      for (const theme of ['light', 'dark'] as const) {
        const size = viewport === PHONE ? 'phone' : 'desktop';
        const { context, page } = await open(browser, viewport, theme);
        await signIn(page);
        await page.goto('/admin/categories');
        await row(page, 'Safety').waitFor({ timeout: 20_000 });
        expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
        expect(await axeViolations(page), `${size} ${theme}`).toEqual([]);
        await screenshot(page, `categories-${size}-${theme}`);

        // Editing, with a field message.
        await row(page, 'Electrical').getByRole('button', { name: 'Edit Electrical' }).click();
        await page.getByLabel('Name').fill('Safety');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.getByText('There is already a category called Safety.').waitFor();
        await page.getByRole('radio', { name: 'Violet' }).focus();
        expect(await axeViolations(page), `${size} ${theme} editing with an error`).toEqual([]);
        await screenshot(page, `categories-${size}-${theme}-editing`);
        await context.close();
      }
    }
  }, 180_000);
});
