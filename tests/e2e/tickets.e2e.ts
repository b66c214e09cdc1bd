import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, DESKTOP, launchBrowser, PHONE, screenshot, signIn, useTheme, waitForServiceWorker } from './support/browser';
import { createUser, pushAsAnotherDevice, serverRows } from './support/server-data';

const HOUR = 3600_000;

async function open(browser: Browser, viewport: typeof PHONE, theme: 'light' | 'dark' = 'light'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: inject('baseUrl'),
    viewport,
    colorScheme: theme,
    timezoneId: 'America/Chicago',
    isMobile: viewport === PHONE,
    hasTouch: viewport === PHONE,
    acceptDownloads: true,
  });
  await useTheme(context, theme);
  return { context, page: await context.newPage() };
}

/** Whether the page is wider than the screen (something pushes it sideways). */
const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

const historyItem = (page: Page, text: RegExp) => page.getByRole('region', { name: 'History' }).getByRole('listitem').filter({ hasText: text });

async function newTicket(page: Page, title: string, priority?: string): Promise<string> {
  await page.goto('/tickets/new');
  await page.getByLabel('Title').fill(title);
  if (priority) await page.getByRole('radio', { name: priority }).click();
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  return page.url().split('/').pop() ?? '';
}

async function moveTo(page: Page, status: string): Promise<void> {
  // (by id: the sync pill is a "status" too)
  await page.locator('#ticket-status').selectOption({ label: `Move to ${status}` });
  await expect.poll(async () => page.locator('#ticket-status option:checked').textContent()).toBe(status.charAt(0).toUpperCase() + status.slice(1));
}

describe('tickets in a real browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  it('works a ticket offline from creation to resolved; after reconnecting, history keeps when each step was done and when it synced', async () => {
    const { context, page } = await open(browser, PHONE);
    // This phone's work happens three hours before it reaches the server (as if done with no signal all morning).
    await context.clock.install({ time: new Date(Date.now() - 3 * HOUR) });
    await signIn(page);
    await page.goto('/tickets');
    await page.getByRole('heading', { level: 1, name: 'Tickets' }).waitFor();
    // Pages opened offline come from the service worker: wait until it is in charge.
    await waitForServiceWorker(page);

    await context.setOffline(true);
    const id = await newTicket(page, 'Compressor trips (offline)', 'High');
    expect(await page.locator('.ticket-page__marks').getByText('not synced yet').count()).toBe(1);

    await page.getByLabel('Add a comment').fill('Reset the breaker; manual at https://example.com/compressor.');
    await page.getByRole('button', { name: 'Send comment' }).click();
    const comment = page.locator('.comment', { hasText: 'Reset the breaker' });
    await comment.waitFor();
    expect(await comment.getByRole('link', { name: 'https://example.com/compressor' }).getAttribute('href')).toBe('https://example.com/compressor');
    expect(await comment.getByText('not synced yet').count()).toBe(1);

    await moveTo(page, 'in progress');
    await moveTo(page, 'resolved');
    await screenshot(page, 'ticket-offline-phone');

    await context.setOffline(false);
    await expect.poll(() => page.locator('.ticket-page__marks .badge--pending').count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => comment.getByText('not synced yet').count(), { timeout: 20_000 }).toBe(0);
    // The timeline shows each change at the time it was made on the phone, marked with when it synced.
    const started = historyItem(page, /changed the status from “?Open”? to “?In progress”?/);
    const resolved = historyItem(page, /changed the status from “?In progress”? to “?Resolved”?/);
    await started.waitFor({ timeout: 20_000 });
    await resolved.waitFor();
    expect(await started.textContent()).toMatch(/synced/);
    expect(await comment.textContent()).toMatch(/synced/);
    await screenshot(page, 'ticket-synced-phone');

    // The server's copy: the ticket resolved, the comment and both history entries dated by the phone.
    const ticket = (await serverRows(page, 'ticket')).find((t) => t.id === id);
    expect(ticket).toMatchObject({ title: 'Compressor trips (offline)', priority: 'high', status: 'resolved' });
    const [serverComment] = (await serverRows(page, 'comment')).filter((c) => c.ticketId === id);
    expect(Date.parse(String(serverComment?.createdAt)) - Date.parse(String(serverComment?.at))).toBeGreaterThan(2.5 * HOUR);
    const history = (await serverRows(page, 'ticketHistory')).filter((h) => h.ticketId === id);
    expect(history.map((h) => [h.field, h.from, h.to])).toEqual(
      expect.arrayContaining([
        ['status', 'open', 'in_progress'],
        ['status', 'in_progress', 'resolved'],
      ]),
    );
    for (const h of history) expect(Date.parse(String(h.createdAt)) - Date.parse(String(h.at))).toBeGreaterThan(2.5 * HOUR);
    await context.close();
  }, 90_000);

  it('files a ticket and posts a comment once when the button is tapped twice, quickly or a moment apart', async () => {
    const { context, page } = await open(browser, PHONE);
    await signIn(page);
    // Two taps where the button is: the second lands on whatever is there by then.
    const tapTwice = async (name: string, gapMs: number) => {
      const box = await page.getByRole('button', { name }).boundingBox();
      if (!box) throw new Error(`no ${name} button`);
      const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
      await page.touchscreen.tap(x, y);
      if (gapMs) await page.waitForTimeout(gapMs);
      await page.touchscreen.tap(x, y);
    };
    for (const gapMs of [0, 250]) {
      const title = `Tapped twice ${gapMs} ${Date.now()}`;
      const body = `Only once, ${gapMs} ms apart`;
      await page.goto('/tickets/new');
      await page.getByLabel('Title').fill(title);
      await tapTwice('Create ticket', gapMs);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByLabel('Add a comment').fill(body);
      await tapTwice('Send comment', gapMs);
      await page.locator('.comment', { hasText: body }).first().waitFor();
      // Once both are on the server, each is there once, and so is the comment on the page.
      await expect.poll(async () => (await serverRows(page, 'comment')).filter((c) => c.body === body).length, { timeout: 20_000 }).toBeGreaterThan(0);
      expect((await serverRows(page, 'ticket')).filter((t) => t.title === title), `tickets, ${gapMs} ms`).toHaveLength(1);
      expect((await serverRows(page, 'comment')).filter((c) => c.body === body), `comments, ${gapMs} ms`).toHaveLength(1);
      expect(await page.locator('.comment', { hasText: body }).count()).toBe(1);
      // The second tap is not taken for an attempt to send an empty comment.
      expect(await page.getByText('Write something before sending the comment.').count()).toBe(0);
    }
    await context.close();
  }, 60_000);

  it('keeps a pasted 300-character URL from widening the page on a phone, and says how long a title may be', async () => {
    const { context, page } = await open(browser, PHONE);
    await signIn(page);
    const url = `https://example.com/${'x'.repeat(280)}`;
    await page.goto('/tickets/new');
    await page.getByLabel('Title').fill(url);
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.getByText(`Keep the title to 200 characters or fewer (it has ${url.length}).`).waitFor();
    expect(await scrollsSideways(page)).toBe(false);

    const fitting = url.slice(0, 200);
    await page.getByLabel('Title').fill(fitting);
    await expect.poll(() => page.getByText(/Keep the title to 200 characters/).count()).toBe(0);
    await page.getByRole('button', { name: 'Create ticket' }).click();
    await page.getByRole('heading', { level: 1, name: fitting }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    await page.goto('/tickets');
    await page.locator('.ticket-row', { hasText: fitting }).waitFor();
    expect(await scrollsSideways(page)).toBe(false);
    // The tab bar is still on screen, across the whole width.
    const tabbar = await page.getByRole('navigation', { name: 'Sections' }).last().boundingBox();
    expect(tabbar && tabbar.x >= 0 && tabbar.x + tabbar.width <= PHONE.width && tabbar.y + tabbar.height <= PHONE.height).toBe(true);
    await screenshot(page, 'tickets-long-title-phone');
    await context.close();
  }, 60_000);

  it('keeps long location and category names from widening the ticket page and the new-ticket form, on a phone and a desktop', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const { context, page } = await open(browser, viewport);
      await signIn(page);
      const id = crypto.randomUUID();
      const locationId = crypto.randomUUID();
      const categoryId = crypto.randomUUID();
      // 100 characters, the longest name there may be; a select is as wide as its widest option.
      const place = `Warehouse ${Date.now()} loading dock B second floor past the vending machines on the left side`.padEnd(100, '.');
      await pushAsAnotherDevice(page, [
        { name: 'location.create', args: { id: locationId, name: place, timezone: 'America/Chicago' } },
        { name: 'category.create', args: { id: categoryId, name: place.replace('Warehouse', 'Category') } },
        { name: 'ticket.create', args: { id, title: 'Short title', priority: 'low', locationId, categoryId } },
      ]);
      await page.goto(`/tickets/${id}`);
      await page.locator('#ticket-location option:checked', { hasText: place }).waitFor({ state: 'attached', timeout: 20_000 });
      expect(await scrollsSideways(page)).toBe(false);
      const card = await page.locator('.ticket-details').boundingBox();
      const select = await page.locator('#ticket-location').boundingBox();
      expect(card && select && select.x + select.width <= card.x + card.width).toBe(true);
      await screenshot(page, `tickets-long-location-${viewport === PHONE ? 'phone' : 'desktop'}`);
      await page.goto('/tickets/new');
      await page.getByLabel('Title').waitFor();
      expect(await scrollsSideways(page)).toBe(false);
      await context.close();
    }
  }, 90_000);

  it('edits every field in place on the ticket page, each change saved at once and written to the history', async () => {
    const { context, page } = await open(browser, PHONE);
    await signIn(page);
    const stamp = Date.now();
    const locationId = crypto.randomUUID();
    const categoryId = crypto.randomUUID();
    const id = crypto.randomUUID();
    await pushAsAnotherDevice(page, [
      { name: 'location.create', args: { id: locationId, name: `Pier ${stamp}`, address: '', timezone: 'America/Chicago' } },
      { name: 'category.create', args: { id: categoryId, name: `Doors ${stamp}` } },
      { name: 'ticket.create', args: { id, title: `Squeaky door ${stamp}`, priority: 'low' } },
    ]);
    await page.goto(`/tickets/${id}`);
    await page.getByRole('heading', { level: 1, name: `Squeaky door ${stamp}` }).waitFor({ timeout: 20_000 });
    await page.locator('#ticket-category option', { hasText: `Doors ${stamp}` }).waitFor({ state: 'attached', timeout: 20_000 });

    // Title: an empty one is refused in a sentence at the field, once; it goes when fixed; Escape puts the heading back.
    await page.getByRole('button', { name: 'Edit title' }).click();
    await page.getByLabel('Title').fill('  ');
    await page.getByRole('button', { name: 'Save title' }).click();
    await page.getByText('Give the ticket a title.').waitFor();
    expect(await page.getByText('Give the ticket a title.').count()).toBe(1);
    await page.getByLabel('Title').fill(`Squeaky door, east gate ${stamp}`);
    await expect.poll(() => page.getByText('Give the ticket a title.').count()).toBe(0);
    await page.getByRole('button', { name: 'Save title' }).click();
    await page.getByRole('heading', { level: 1, name: `Squeaky door, east gate ${stamp}` }).waitFor();
    await page.getByRole('button', { name: 'Edit title' }).click();
    await page.getByLabel('Title').fill('Not this');
    await page.getByLabel('Title').press('Escape');
    await page.getByRole('heading', { level: 1, name: `Squeaky door, east gate ${stamp}` }).waitFor();

    await page.getByRole('button', { name: 'Add description' }).click();
    await page.getByRole('textbox', { name: 'Description', exact: true }).fill('Hinge needs oil, see https://example.com/hinge');
    await page.getByRole('button', { name: 'Save description' }).click();
    await page.getByRole('link', { name: 'https://example.com/hinge' }).waitFor();

    await page.locator('#ticket-priority').selectOption({ label: 'Urgent' });
    await page.locator('#ticket-category').selectOption({ label: `Doors ${stamp}` });
    await page.locator('#ticket-location').selectOption({ label: `Pier ${stamp}` });

    await expect.poll(async () => (await serverRows(page, 'ticket')).find((t) => t.id === id), { timeout: 20_000 }).toMatchObject({
      title: `Squeaky door, east gate ${stamp}`,
      description: 'Hinge needs oil, see https://example.com/hinge',
      priority: 'urgent',
      categoryId,
      locationId,
    });
    for (const entry of [
      /renamed the ticket from “?Squeaky door \d+”? to “?Squeaky door, east gate/,
      /added a description/,
      /changed the priority from “?Low”? to “?Urgent”?/,
      new RegExp(`changed the category from “?Uncategorised”? to “?Doors ${stamp}”?`),
      new RegExp(`changed the location from “?No location”? to “?Pier ${stamp}”?`),
    ]) {
      await historyItem(page, entry).waitFor({ timeout: 20_000 });
      expect(await historyItem(page, entry).count(), String(entry)).toBe(1);
    }
    await context.close();
  }, 60_000);

  it('filters, searches and sorts on the device, keeps it all in the URL, and exports what it shows as CSV', async () => {
    const { context, page } = await open(browser, DESKTOP);
    await signIn(page);
    const marker = `zebra${Date.now()}`;
    await pushAsAnotherDevice(page, [
      { name: 'ticket.create', args: { id: crypto.randomUUID(), title: `Leaking tap ${marker}`, priority: 'low' } },
      { name: 'ticket.create', args: { id: crypto.randomUUID(), title: `Broken heater ${marker}`, priority: 'urgent' } },
      { name: 'ticket.create', args: { id: crypto.randomUUID(), title: 'Unrelated', description: `mentions ${marker.toUpperCase()} in the description`, priority: 'medium' } },
    ]);
    await page.goto('/tickets');
    await page.getByLabel('Search titles and descriptions').fill(marker);
    await expect.poll(() => page.locator('.ticket-row').count(), { timeout: 20_000 }).toBe(3);
    // Priority order: urgent first.
    expect(await page.locator('.ticket-row__title').first().textContent()).toBe(`Broken heater ${marker}`);

    await page.getByText('More filters and sorting').click();
    await page.getByLabel('Priority').selectOption({ label: 'Low' });
    await expect.poll(() => page.locator('.ticket-row').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('priority')).toBe('low');

    // A reload (or a shared link) shows the same list.
    await page.reload();
    await expect.poll(() => page.locator('.ticket-row').count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByLabel('Search titles and descriptions').inputValue()).toBe(marker);

    await page.getByLabel('Priority').selectOption({ label: 'Any priority' });
    await expect.poll(() => page.locator('.ticket-row').count()).toBe(3);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const bytes = readFileSync((await download.path()) ?? '');
    // A byte-order mark first, so spreadsheet programs read the file as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    const lines = csv.trim().split('\r\n');
    // Every cell quoted (spreadsheets that split on semicolons stay safe).
    expect(lines[0]).toBe('"Title","Status","Priority","Category","Location","Assignee","Created","Last updated","Archived","Description","Id"');
    expect(lines).toHaveLength(4);
    expect(csv).toContain(`"Broken heater ${marker}","Open","urgent"`);

    // Status chips count what the other filters leave, and toggle the status filter.
    await page.getByRole('button', { name: /^In progress/ }).click();
    await expect.poll(() => page.locator('.ticket-row').count()).toBe(0);
    await page.getByText('No tickets match these filters.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    expect(await page.getByLabel('Search titles and descriptions').inputValue()).toBe('');
    await context.close();
  }, 60_000);

  it('suggests who is free at the ticket’s location and assigns with one tap; archives and restores', async () => {
    const { context, page } = await open(browser, DESKTOP);
    await signIn(page);
    const stamp = Date.now();
    const techId = await createUser(page, { email: `ana${stamp}@example.com`, name: `Ana ${stamp}`, password: 'technician password 1', role: 'technician', timezone: 'America/Chicago' });
    const locationId = crypto.randomUUID();
    const ticketId = crypto.randomUUID();
    const now = Date.now();
    await pushAsAnotherDevice(page, [
      { name: 'location.create', args: { id: locationId, name: `Depot ${stamp}`, address: '', timezone: 'America/Chicago' } },
      { name: 'schedule.create', args: { id: crypto.randomUUID(), technicianId: techId, locationId, start: new Date(now - HOUR).toISOString(), end: new Date(now + 5 * HOUR).toISOString() } },
      { name: 'ticket.create', args: { id: ticketId, title: `Gate motor ${stamp}`, priority: 'medium', locationId } },
    ]);
    await page.goto(`/tickets/${ticketId}`);
    const suggestion = page.getByRole('button', { name: new RegExp(`Assign to Ana ${stamp} on shift until`) });
    await suggestion.waitFor({ timeout: 20_000 });
    await suggestion.click();
    await expect.poll(() => page.getByLabel('Assignee').locator('option:checked').textContent()).toBe(`Ana ${stamp}`);
    await expect.poll(async () => (await serverRows(page, 'ticket')).find((t) => t.id === ticketId)?.assigneeId, { timeout: 20_000 }).toBe(techId);
    await historyItem(page, new RegExp(`assigned the ticket to “?Ana ${stamp}”?`)).waitFor({ timeout: 20_000 });

    // Archive a resolved ticket: it leaves the list, stays searchable under "Only archived", and comes back.
    await moveTo(page, 'resolved');
    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('alertdialog', { name: 'Archive this ticket?' }).getByRole('button', { name: 'Archive ticket' }).click();
    await page.locator('.ticket-page__marks').getByText('Archived').waitFor();
    await page.goto(`/tickets?q=${encodeURIComponent(`Gate motor ${stamp}`)}`);
    await page.getByText('No tickets match these filters.').waitFor();
    await page.goto(`/tickets?q=${encodeURIComponent(`Gate motor ${stamp}`)}&archived=only`);
    await page.locator('.ticket-row', { hasText: `Gate motor ${stamp}` }).click();
    await page.getByRole('button', { name: 'Restore from archive' }).click();
    await expect.poll(async () => (await serverRows(page, 'ticket')).find((t) => t.id === ticketId)?.archivedAt, { timeout: 20_000 }).toBeNull();
    await context.close();
  }, 60_000);

  it('archives everything closed more than N days ago in one go, after saying how many', async () => {
    const { context, page } = await open(browser, DESKTOP);
    await signIn(page);
    const id = await newTicket(page, `Closed long ago ${Date.now()}`);
    await moveTo(page, 'resolved');
    await moveTo(page, 'closed');
    await page.goto('/tickets');
    await page.getByRole('button', { name: 'Archive old…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Archive closed tickets' });
    await dialog.getByLabel('Closed more than this many days ago').fill('x');
    await dialog.getByText('Type a whole number of days, like 30.').waitFor();
    // One message, at the field: no count for a number that is not one, and nothing to press.
    expect(await dialog.getByText('No closed ticket is that old.').count()).toBe(0);
    expect(await dialog.getByRole('button', { name: /^Archive/ }).isDisabled()).toBe(true);
    await dialog.getByLabel('Closed more than this many days ago').fill('30');
    await dialog.getByText('No closed ticket is that old.').waitFor();
    expect(await dialog.getByText('Type a whole number of days, like 30.').count()).toBe(0);
    expect(await dialog.getByRole('button', { name: /^Archive/ }).isDisabled()).toBe(true);
    // Zero days: everything closed before now, which includes the ticket closed a moment ago.
    await dialog.getByLabel('Closed more than this many days ago').fill('0');
    await dialog.getByText(/closed tickets? will move to the archive/).waitFor();
    await dialog.getByRole('button', { name: /^Archive \d+ tickets?$/ }).click();
    await expect.poll(async () => (await serverRows(page, 'ticket')).find((t) => t.id === id)?.archivedAt, { timeout: 20_000 }).not.toBeNull();
    await context.close();
  }, 60_000);

  it('shows a change the server refused on the ticket itself, in words, and puts the server’s status back', async () => {
    const { context: office, page: admin } = await open(browser, DESKTOP);
    await signIn(admin);
    const stamp = Date.now();
    const email = `ben${stamp}@example.com`;
    const techId = await createUser(admin, { email, name: `Ben ${stamp}`, password: 'technician password 1', role: 'technician' });
    const ticketId = crypto.randomUUID();
    await pushAsAnotherDevice(admin, [{ name: 'ticket.create', args: { id: ticketId, title: `Roof hatch ${stamp}`, priority: 'high', assigneeId: techId } }]);

    const { context, page } = await open(browser, PHONE);
    await signIn(page, email, 'technician password 1');
    await page.goto(`/tickets/${ticketId}`);
    await page.getByRole('heading', { level: 1, name: `Roof hatch ${stamp}` }).waitFor({ timeout: 20_000 });
    // A technician is offered only the moves the lifecycle allows, and cannot reopen.
    await context.setOffline(true);
    await moveTo(page, 'in progress');

    // Meanwhile the office resolves and closes it.
    const version = String((await serverRows(admin, 'ticket')).find((t) => t.id === ticketId)?.version);
    await pushAsAnotherDevice(admin, [
      { name: 'ticket.update', args: { id: ticketId, baseVersion: version, patch: { status: 'resolved' } } },
      { name: 'ticket.update', args: { id: ticketId, baseVersion: version, patch: { status: 'closed' } } },
    ]);

    await context.setOffline(false);
    const alert = page.getByRole('alert').filter({ hasText: 'Needs attention' });
    await alert.waitFor({ timeout: 20_000 });
    expect(await alert.textContent()).toContain('Closed tickets cannot become in progress.');
    await expect.poll(() => page.locator('#ticket-status option:checked').textContent(), { timeout: 20_000 }).toBe('Closed');
    expect(await page.locator('#ticket-status').isDisabled()).toBe(true);
    await page.getByText('Only an administrator may reopen a closed ticket.').waitFor();
    await screenshot(page, 'ticket-needs-attention-phone');
    await context.close();
    await office.close();
  }, 60_000);

  it('has no accessibility violations on the list, a ticket and the new-ticket form, light and dark, phone and desktop', async () => {
    for (const theme of ['light', 'dark'] as const) {
      for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
        const { context, page } = await open(browser, viewport, theme);
        await signIn(page);
        const id = crypto.randomUUID();
        // With a comment and history, so the thread and the timeline are checked too, not only their empty states.
        await pushAsAnotherDevice(page, [
          { name: 'ticket.create', args: { id, title: `Axe check ${theme} ${size}`, description: 'See https://example.com/a11y', priority: 'urgent' } },
          { name: 'comment.create', args: { id: crypto.randomUUID(), ticketId: id, body: 'Parts ordered, see https://example.com/parts' } },
          { name: 'ticket.update', args: { id, baseVersion: '0', patch: { priority: 'high', status: 'pending' } } },
        ]);
        await page.goto('/tickets');
        await page.locator('.ticket-row').first().waitFor({ timeout: 20_000 });
        expect(await axeViolations(page), `list ${theme} ${size}`).toEqual([]);
        await screenshot(page, `tickets-${size}-${theme}`);
        await page.goto(`/tickets/${id}`);
        await page.getByRole('heading', { level: 1, name: `Axe check ${theme} ${size}` }).waitFor({ timeout: 20_000 });
        await historyItem(page, /changed the status/).waitFor({ timeout: 20_000 });
        await page.locator('.comment').first().waitFor();
        expect(await axeViolations(page), `ticket ${theme} ${size}`).toEqual([]);
        await screenshot(page, `ticket-${size}-${theme}`);
        await page.goto('/tickets/new');
        await page.getByRole('button', { name: 'Create ticket' }).click();
        await page.getByText('Give the ticket a title.').waitFor();
        expect(await axeViolations(page), `new ticket ${theme} ${size}`).toEqual([]);
        await screenshot(page, `ticket-new-${size}-${theme}`);
        await context.close();
      }
    }
  }, 120_000);
});
