import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, DESKTOP, launchBrowser, PHONE, screenshot, signIn, useTheme, waitForServiceWorker } from './support/browser';

async function open(browser: Browser, viewport: typeof PHONE, theme: 'light' | 'dark' = 'light'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport, colorScheme: theme, timezoneId: 'Europe/Berlin', isMobile: viewport === PHONE, hasTouch: viewport === PHONE });
  await useTheme(context, theme);
  return { context, page: await context.newPage() };
}

const teamRow = (page: Page, name: string) => page.getByRole('region', { name: 'Team' }).getByRole('listitem').filter({ hasText: name });
const addForm = (page: Page) => page.getByRole('form', { name: 'Add a person' });

async function pickZone(page: Page, scope: ReturnType<Page['getByRole']>, typed: string, option: string): Promise<void> {
  const zone = scope.getByRole('combobox', { name: 'Time zone' });
  await zone.fill('');
  await zone.pressSequentially(typed);
  await page.getByRole('option', { name: option }).click();
}

/** Signs in and expects the attempt to fail with the server's words. */
async function signInFails(page: Page, email: string, password: string): Promise<string> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}

describe('team admin in a real browser', () => {
  let browser: Browser;
  const stamp = Date.now() % 1_000_000;
  const name = `Ines Okafor ${stamp}`;
  const email = `ines.${stamp}@example.com`;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('an admin adds a technician in the UI, with problems at their fields and a taken email said so; the technician then signs in', async () => {
    const { context, page } = await open(browser, DESKTOP);
    await signIn(page);
    await page.getByRole('navigation', { name: 'Sections' }).first().getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('heading', { level: 1, name: 'Admin' }).waitFor();
    const form = addForm(page);

    // Nothing filled in: a sentence at each field, focus on the first.
    await form.getByRole('button', { name: 'Add person' }).click();
    await expect.poll(() => form.getByText('Enter the person’s name.').count()).toBe(1);
    expect(await form.getByText('Enter the email address they will sign in with.').count()).toBe(1);
    expect(await form.getByText('Enter a password.').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');

    await form.getByLabel('Name').fill(name);
    // The admin's own address: the server says it is taken, next to the email field.
    await form.getByLabel('Email').fill(inject('adminEmail').toUpperCase());
    await form.getByLabel('First password').fill('short');
    await expect.poll(() => form.getByText('The password must be at least 8 characters.').count()).toBe(1);
    await form.getByLabel('First password').fill('ines first password');
    await pickZone(page, form, 'lisbon', 'Europe/Lisbon');
    expect(await form.getByLabel('Role').inputValue()).toBe('technician');
    await form.getByRole('button', { name: 'Add person' }).click();
    const emailError = form.locator('.field').filter({ has: page.getByLabel('Email') }).locator('.field__error');
    await expect.poll(() => emailError.textContent()).toBe('Another person already has this email address.');
    expect(await form.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    // Fixing it clears the message.
    await form.getByLabel('Email').fill(email);
    await expect.poll(() => emailError.count()).toBe(0);
    await screenshot(page, 'team-add-form-desktop-light');
    await form.getByRole('button', { name: 'Add person' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: `Added ${name}.` }).count()).toBe(1);
    // Listed from the synced rows once the pull brings it.
    await teamRow(page, name).waitFor({ timeout: 20_000 });
    expect(await teamRow(page, name).textContent()).toContain('Europe/Lisbon');
    expect(await form.getByLabel('Name').inputValue()).toBe('');

    // The technician signs in with what the admin chose and lands on Home.
    const tech = await open(browser, PHONE);
    await signIn(tech.page, email, 'ines first password');
    await expect.poll(() => tech.page.getByRole('heading', { level: 1 }).textContent()).toBe(`Hello, Ines`);
    // Technicians see no Admin section.
    expect(await tech.page.locator('.tabbar').getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await tech.context.close();
    await context.close();
  }, 90_000);

  it('edits role, time zone and colour, resets a password, deactivates and reactivates', async () => {
    const { context, page } = await open(browser, DESKTOP);
    await signIn(page);
    await page.goto('/admin');
    const row = teamRow(page, name);
    await row.waitFor({ timeout: 20_000 });

    await row.getByRole('button', { name: `Edit ${name}` }).click();
    // The edit form takes the add form's place, focused on the name.
    const edit = page.getByRole('form', { name: `Edit ${name}` });
    await edit.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('name');
    await edit.getByLabel('Role').selectOption('admin');
    await pickZone(page, edit, 'tokyo', 'Asia/Tokyo');
    await edit.getByLabel('Colour').fill('#be123c');
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'team-edit-desktop-light');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('Asia/Tokyo');
    expect(await row.textContent()).toContain('Administrator');
    // Focus goes back to the row's Edit button, and the add form is back.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Edit');
    await addForm(page).waitFor();

    // Back to technician; an empty name is refused at its field before anything is sent.
    await row.getByRole('button', { name: `Edit ${name}` }).click();
    await edit.getByLabel('Role').selectOption('technician');
    await edit.getByLabel('Name').fill(' ');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => edit.getByText('Enter the person’s name.').count()).toBe(1);
    await edit.getByLabel('Name').fill(name);
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('Technician');

    // Reset the password: too short is said at the field; then the new one works, the old does not.
    await row.getByRole('button', { name: `Reset password for ${name}` }).click();
    const reset = page.getByRole('dialog', { name: `New password for ${name}` });
    await reset.getByLabel('New password').fill('abc');
    await reset.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(() => reset.getByText('The password must be at least 8 characters.').count()).toBe(1);
    await reset.getByLabel('New password').fill('ines second password');
    await reset.getByRole('button', { name: 'Set password' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: `New password set for ${name}.` }).count()).toBe(1);

    // Deactivate, after confirming: they cannot sign in.
    await row.getByRole('button', { name: `Deactivate ${name}` }).click();
    await page.getByRole('alertdialog', { name: `Deactivate ${name}?` }).getByRole('button', { name: 'Deactivate' }).click();
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).toContain('deactivated');
    const other = await open(browser, DESKTOP);
    expect(await signInFails(other.page, email, 'ines second password')).toContain('not right');
    // Reactivated: the new password works.
    await row.getByRole('button', { name: `Reactivate ${name}` }).click();
    await page.getByRole('alertdialog', { name: `Reactivate ${name}?` }).getByRole('button', { name: 'Reactivate' }).click();
    await expect.poll(() => row.textContent(), { timeout: 20_000 }).not.toContain('deactivated');
    await signIn(other.page, email, 'ines second password');
    await other.context.close();
    await context.close();
  }, 90_000);

  it('offline, the team list still shows from the device and the account actions say they need a connection', async () => {
    const { context, page } = await open(browser, PHONE);
    await signIn(page);
    await page.goto('/admin');
    await teamRow(page, name).waitFor({ timeout: 20_000 });
    // Pages are chunks of their own: the service worker must be serving them before the network goes.
    await waitForServiceWorker(page);
    await context.setOffline(true);
    // Away and back (the page is made again, reading the device): no request is needed for the list.
    const tabs = page.locator('.tabbar');
    await tabs.getByRole('link', { name: 'Home' }).click();
    await page.getByRole('heading', { level: 1, name: /^Hello/ }).waitFor();
    await tabs.getByRole('link', { name: 'Admin' }).click();
    await teamRow(page, name).waitFor();
    await expect.poll(() => page.getByText(/Editing people, passwords and access: This needs a connection to the server/).count()).toBe(1);
    expect(await teamRow(page, name).getByRole('button', { name: `Edit ${name}` }).isDisabled()).toBe(true);
    expect(await addForm(page).getByRole('button', { name: 'Add person' }).isDisabled()).toBe(true);
    await screenshot(page, 'team-offline-phone-light');
    await context.setOffline(false);
    await expect.poll(() => teamRow(page, name).getByRole('button', { name: `Edit ${name}` }).isDisabled(), { timeout: 20_000 }).toBe(false);
    await context.close();
  }, 90_000);

  for (const viewport of [PHONE, DESKTOP]) {
    for (const theme of ['light', 'dark'] as const) {
      const size = viewport === PHONE ? 'phone' : 'desktop';
      it(`Admin has no axe violations and touch-sized controls (${size}, ${theme})`, async () => {
        const { context, page } = await open(browser, viewport, theme);
        await signIn(page);
        await page.goto('/admin');
        await teamRow(page, name).waitFor({ timeout: 20_000 });
        expect(await axeViolations(page)).toEqual([]);
        if (viewport === PHONE) {
          const small = await page.evaluate(() =>
            [...document.querySelectorAll<HTMLElement>('main button, main a, main input, main select')]
              .filter((el) => el.offsetParent !== null && !el.classList.contains('visually-hidden'))
              .filter((el) => el.getBoundingClientRect().height < 44)
              .map((el) => `${el.tagName} ${el.textContent?.trim() ?? ''} ${el.getBoundingClientRect().height}`),
          );
          expect(small).toEqual([]);
        }
        await screenshot(page, `admin-team-${size}-${theme}`);
        await context.close();
      });
    }
  }
});
