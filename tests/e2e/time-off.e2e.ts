import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../sync/protocol/version';
import { axeViolations, DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn, useTheme } from './support/browser';

/** A same-origin JSON POST from inside the signed-in page (the browser adds Origin and the cookie). */
async function post(page: Page, path: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ({ path, body, headers }) => {
      const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { path, body, headers },
  );
}

async function open(browser: Browser, viewport: typeof PHONE, theme: 'light' | 'dark'): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await newPage(browser, viewport, theme);
  await useTheme(opened.context, theme);
  return opened;
}

const item = (page: Page, section: string, text: string) => page.getByRole('region', { name: section }).locator('li', { hasText: text });
const unsynced = (page: Page, section: string, text: string) => item(page, section, text).getByText('not synced yet');

/** Clicks the kind's label, as people do (the radio input itself is visually hidden). */
async function chooseKind(page: Page, kind: 'Vacation' | 'Sick' | 'Other'): Promise<void> {
  await page.getByRole('radiogroup', { name: 'Kind' }).getByText(kind, { exact: true }).click();
  expect(await page.getByRole('radio', { name: kind }).isChecked()).toBe(true);
}

async function requestTimeOff(page: Page, first: string, last: string, kind: 'Vacation' | 'Sick' | 'Other', note = ''): Promise<void> {
  await page.getByLabel('First day').fill(first);
  await page.getByLabel('Last day').fill(last);
  await chooseKind(page, kind);
  await page.getByLabel('Note (optional)').fill(note);
  await page.getByRole('button', { name: 'Request time off' }).click();
  await expect.poll(() => page.getByRole('status').filter({ hasText: 'is saved' }).count()).toBe(1);
}

describe('time off in a real browser', () => {
  let browser: Browser;
  let admin: { context: BrowserContext; page: Page };
  let tech: { context: BrowserContext; page: Page };
  const techName = 'Robin Field';
  const techEmail = `robin-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const techPassword = 'e2e technician password';
  let techId = '';
  const shiftId = crypto.randomUUID();

  beforeAll(async () => {
    browser = await launchBrowser();
    admin = await open(browser, DESKTOP, 'light');
    await signIn(admin.page);
    const created = await post(admin.page, '/api/users', { email: techEmail, name: techName, password: techPassword, role: 'technician', timezone: 'Europe/Berlin', color: '#0f766e' });
    expect(created.status).toBe(201);
    techId = (created.body as { user: { id: string } }).user.id;
    tech = await open(browser, PHONE, 'light');
    await signIn(tech.page, techEmail, techPassword);
  });
  afterAll(async () => {
    await admin.context.close();
    await tech.context.close();
    await browser.close();
  });

  it('a technician finds Time off in the tab bar, which still fits a phone, and requests time off, offline too, with plain-sentence validation', async () => {
    const { page } = tech;
    const tabs = page.locator('.tabbar a');
    for (const box of await Promise.all((await tabs.all()).map((t) => t.boundingBox()))) {
      expect(box && box.x >= 0 && box.x + box.width <= PHONE.width && box.width >= 44 && box.height >= 44).toBe(true);
    }
    await page.locator('.tabbar').getByRole('link', { name: 'Time off' }).click();
    await page.getByRole('heading', { level: 1, name: 'Time off' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Requests' }).count()).toBe(0);

    // Nothing filled in: one sentence at each field, focus on the first.
    await page.getByRole('button', { name: 'Request time off' }).click();
    await expect.poll(() => page.getByText('Enter the first day.').count()).toBe(1);
    expect(await page.getByText('Enter the last day.').count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('startDate');

    // Last day before the first: said once, next to the last day, and gone when fixed.
    await page.getByLabel('First day').fill('2031-03-05');
    await page.getByLabel('Last day').fill('2031-03-03');
    await expect.poll(() => page.getByText('The last day must be on or after the first day.').count()).toBe(1);
    expect(await page.getByText('Enter the first day.').count()).toBe(0);
    expect(await page.getByLabel('Last day').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, 'time-off-validation-phone');
    await page.getByLabel('First day').fill('2031-03-03');
    await page.getByLabel('Last day').fill('2031-03-05');
    await expect.poll(() => page.getByText('The last day must be on or after the first day.').count()).toBe(0);

    await chooseKind(page, 'Vacation');
    await page.getByLabel('Note (optional)').fill('Family visit');
    // No signal: saved on the phone at once, marked as not synced, sent when the network is back.
    await tech.context.setOffline(true);
    await page.getByRole('button', { name: 'Request time off' }).click();
    const mine = item(page, 'My time off', 'Mon 3 Mar – Wed 5 Mar 2031');
    await mine.waitFor();
    expect(await unsynced(page, 'My time off', 'Mon 3 Mar').count()).toBe(1);
    await screenshot(page, 'time-off-offline-phone');
    await tech.context.setOffline(false);
    expect(await mine.textContent()).toContain('Requested');
    expect(await mine.textContent()).toContain('Family visit');
    expect(await mine.textContent()).toContain('Vacation · 3 days');
    await expect.poll(() => unsynced(page, 'My time off', 'Mon 3 Mar').count(), { timeout: 20_000 }).toBe(0);
  }, 60_000);

  it('a technician withdraws a request after confirming it', async () => {
    const { page } = tech;
    await requestTimeOff(page, '2031-04-07', '2031-04-08', 'Sick');
    const row = item(page, 'My time off', 'Mon 7 Apr – Tue 8 Apr 2031');
    await row.getByRole('button', { name: /Withdraw/ }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Withdraw this request?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Mon 7 Apr – Tue 8 Apr 2031');
    await screenshot(page, 'time-off-withdraw-phone');
    // Keep it: nothing happens. (The page is hidden from the accessibility tree while the dialog is open.)
    await dialog.getByRole('button', { name: 'Keep it' }).click();
    await expect.poll(() => row.count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Withdraw');
    await row.getByRole('button', { name: /Withdraw/ }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Withdraw request' }).click();
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'is withdrawn' }).count()).toBe(1);
    // The button went with its row: focus is on the list's heading, not lost.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('My time off');
  });

  it('the admin sees the request under Requests, with who and when, and approves it; the technician sees it approved', async () => {
    const { page } = admin;
    await page.getByRole('navigation', { name: 'Sections' }).first().getByRole('link', { name: 'Time off' }).click();
    const request = item(page, 'Requests', 'Mon 3 Mar – Wed 5 Mar 2031');
    await request.waitFor({ timeout: 20_000 });
    const text = await request.textContent();
    expect(text).toContain(techName);
    expect(text).toContain('Vacation');
    expect(text).toContain('Family visit');
    // The withdrawn request never reaches the admin's list.
    await expect.poll(() => item(page, 'Requests', 'Mon 7 Apr').count()).toBe(0);
    await request.getByRole('button', { name: /^Approve/ }).click();
    await expect.poll(() => request.count()).toBe(0);
    expect(await page.getByRole('status').filter({ hasText: `Approved: ${techName}, Mon 3 Mar – Wed 5 Mar 2031.` }).count()).toBe(1);

    const mine = item(tech.page, 'My time off', 'Mon 3 Mar – Wed 5 Mar 2031');
    await expect.poll(() => mine.textContent(), { timeout: 20_000 }).toContain('Approved');
    expect(await mine.getByRole('button', { name: /Withdraw/ }).count()).toBe(0);
    await screenshot(tech.page, 'time-off-approved-phone');
  });

  it('approving time off over a planned shift is refused next to the request, naming the shift with a link to it in the calendar', async () => {
    // A shift on Wednesday 12 March 2031, 09:00–17:00 in Berlin (CET, UTC+1).
    const pushed = await post(
      admin.page,
      '/api/sync/push',
      {
        clientId: crypto.randomUUID(),
        mutations: [{ id: 1, name: 'schedule.create', args: { id: shiftId, technicianId: techId, start: '2031-03-12T08:00:00.000Z', end: '2031-03-12T16:00:00.000Z', note: 'Boiler service' }, at: new Date().toISOString() }],
      },
      { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    );
    expect((pushed.body as { results: { status: string }[] }).results[0]?.status).toBe('applied');

    await requestTimeOff(tech.page, '2031-03-10', '2031-03-14', 'Other', 'Course in Hamburg');
    const { page } = admin;
    const request = item(page, 'Requests', 'Mon 10 Mar – Fri 14 Mar 2031');
    await request.waitFor({ timeout: 20_000 });
    await request.getByRole('button', { name: /^Approve/ }).click();
    // Refused by this device (it has the shift) or by the server right after: the same notice.
    const notice = request.getByRole('alert');
    await expect.poll(() => notice.textContent(), { timeout: 20_000 }).toContain(`${techName} has a shift in that time`);
    expect(await notice.textContent()).toContain('Wed 12 Mar, 09:00–17:00');
    const link = notice.getByRole('link', { name: /Open the shift of Wed 12 Mar, 09:00–17:00 in the calendar/ });
    expect(await link.getAttribute('href')).toBe(`/calendar?week=2031-03-10&shift=${shiftId}`);
    expect(await request.textContent()).not.toContain('Approved');
    await screenshot(page, 'time-off-refused-desktop');
    expect(await axeViolations(page)).toEqual([]);

    await link.click();
    await page.waitForURL(`**/calendar?week=2031-03-10&shift=${shiftId}`);
  });

  it('an admin adds time off for a technician, which waits under Requests like any other', async () => {
    const { page } = admin;
    await page.goto('/time-off');
    await page.getByLabel('Technician').selectOption({ label: techName });
    await page.getByLabel('First day').fill('2031-05-19');
    await page.getByLabel('Last day').fill('2031-05-19');
    await chooseKind(page, 'Sick');
    await page.getByRole('button', { name: 'Add time off' }).click();
    const request = item(page, 'Requests', 'Mon 19 May 2031');
    await request.waitFor();
    expect(await request.textContent()).toContain(techName);
    expect(await request.textContent()).toContain('Sick · 1 day');
    await expect.poll(() => unsynced(page, 'Requests', 'Mon 19 May 2031').count(), { timeout: 20_000 }).toBe(0);
    await request.getByRole('button', { name: /^Deny/ }).click();
    await expect.poll(() => request.count()).toBe(0);
    const mine = item(tech.page, 'My time off', 'Mon 19 May 2031');
    await expect.poll(() => mine.textContent(), { timeout: 20_000 }).toContain('Denied');
  });

  it('has no accessibility violations and looks right on phone and desktop, light and dark', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      for (const theme of ['light', 'dark'] as const) {
        const size = viewport === PHONE ? 'phone' : 'desktop';
        for (const who of ['admin', 'technician'] as const) {
          const { context, page } = await open(browser, viewport, theme);
          if (who === 'admin') await signIn(page);
          else await signIn(page, techEmail, techPassword);
          await page.goto('/time-off');
          await page.getByRole('region', { name: 'My time off' }).waitFor();
          if (who === 'admin') await item(page, 'Requests', 'Mon 10 Mar – Fri 14 Mar 2031').waitFor({ timeout: 20_000 });
          else await item(page, 'My time off', 'Mon 19 May 2031').waitFor({ timeout: 20_000 });
          expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
          expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
          expect(await axeViolations(page), `${who} ${size} ${theme}`).toEqual([]);
          await screenshot(page, `time-off-${who}-${size}-${theme}`);
          if (who === 'admin') {
            // With the messages showing, too.
            await page.getByRole('button', { name: 'Add time off' }).click();
            await page.getByText('Enter the first day.').waitFor();
            expect(await axeViolations(page), `${who} ${size} ${theme} with errors`).toEqual([]);
          }
          await context.close();
        }
      }
    }
  }, 180_000);
});
