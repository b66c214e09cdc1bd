import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../sync/protocol/version';
import { FakeSendgrid } from '../support/fake-sendgrid';
import { freePort, spawnServer, waitUntilListening, type ServerProcess } from '../support/server-process';
import { axeViolations, DESKTOP, launchBrowser, PHONE, screenshot, signIn, useTheme } from './support/browser';

/*
 * Issue 9 in the browser: a technician's email switches on the profile (offline too), and the admin
 * outbox with its filter, details and retry. This file runs a server of its own with a SendGrid key
 * pointed at a local imitation, so mails really are sent, fail and are retried.
 */

const ADMIN = { email: 'mail-admin@example.com', password: 'mail admin password' };
const TECH = { email: 'mail-tech@example.com', password: 'mail technician password' };

describe('email notifications in the browser', () => {
  let browser: Browser;
  let server: ServerProcess;
  const sendgrid = new FakeSendgrid();
  const dataDir = mkdtempSync(join(tmpdir(), 'tsched-mail-e2e-'));
  let techId = '';

  const open = async (viewport = DESKTOP, scheme: 'light' | 'dark' = 'light'): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ baseURL: server.url, viewport, colorScheme: scheme, isMobile: viewport === PHONE, hasTouch: viewport === PHONE });
    await useTheme(context, scheme);
    return { context, page: await context.newPage() };
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    const baseUrl = await sendgrid.start();
    // SendGrid refuses the printer mail (a 400 with its reason) until the admin retries it.
    let refusePrinter = true;
    sendgrid.respond = (mail) => {
      if (mail.body.subject.includes('Printer') && refusePrinter) {
        refusePrinter = false;
        return { status: 400, body: { errors: [{ message: 'The to address is on the suppression list.', field: 'personalizations.0.to' }] } };
      }
      return { status: 202 };
    };
    const port = await freePort();
    server = spawnServer({
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
      DATA_DIR: dataDir,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SENDGRID_API_KEY: 'SG.e2e',
      MAIL_FROM: 'dispatch@example.com',
      SENDGRID_BASE_URL: baseUrl,
      MAIL_BATCH_SECONDS: '0',
    });
    await waitUntilListening(server);

    const { context, page } = await open();
    await signIn(page, ADMIN.email, ADMIN.password);
    const headers = { origin: server.url, 'x-sync-protocol': String(PROTOCOL_VERSION) };
    const created = await page.request.post('/api/users', { headers, data: { ...TECH, name: 'Priya Raman', role: 'technician', timezone: 'Asia/Kolkata' } });
    expect(created.status()).toBe(201);
    techId = ((await created.json()) as { user: { id: string } }).user.id;
    const at = new Date().toISOString();
    const push = await page.request.post('/api/sync/push', {
      headers,
      data: {
        clientId: crypto.randomUUID(),
        mutations: [
          { id: 1, name: 'ticket.create', args: { id: crypto.randomUUID(), title: 'Boiler leaks in plant room', priority: 'high', assigneeId: techId }, at },
          { id: 2, name: 'ticket.create', args: { id: crypto.randomUUID(), title: 'Printer jam on floor 2', priority: 'low', assigneeId: techId }, at },
          { id: 3, name: 'schedule.create', args: { id: crypto.randomUUID(), technicianId: techId, start: '2031-01-07T03:30:00.000Z', end: '2031-01-07T11:30:00.000Z' }, at },
        ],
      },
    });
    expect(push.status()).toBe(200);
    await sendgrid.waitFor(3);
    await context.close();
  });
  afterAll(async () => {
    await browser.close();
    server.child.kill('SIGTERM');
    await server.exited;
    await sendgrid.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the technician turns a kind of mail off, offline too, and it holds after a reload and on another device', async () => {
    const { context, page } = await open();
    await signIn(page, TECH.email, TECH.password);
    await page.goto('/profile');
    const comments = page.getByRole('switch', { name: 'New comments' });
    await comments.waitFor();
    expect(await comments.isChecked()).toBe(true);

    await context.setOffline(true);
    await page.getByText('New comments', { exact: true }).click();
    await expect.poll(() => comments.isChecked()).toBe(false);
    await context.setOffline(false);

    // Another device of the same person gets it through its own pull.
    const other = await open(PHONE);
    await signIn(other.page, TECH.email, TECH.password);
    await other.page.goto('/profile');
    const there = other.page.getByRole('switch', { name: 'New comments' });
    await expect.poll(() => there.isChecked(), { timeout: 20_000 }).toBe(false);
    expect(await other.page.getByRole('switch', { name: 'My shifts' }).isChecked()).toBe(true);
    await other.context.close();

    await page.reload();
    await expect.poll(() => page.getByRole('switch', { name: 'New comments' }).isChecked()).toBe(false);
    await context.close();
  });

  it('the admin filters the outbox, reads why a mail failed, retries it and sees it sent', async () => {
    const { context, page } = await open();
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin');
    await page.getByRole('link', { name: /Mail/ }).click();
    await page.waitForURL('**/admin/mail');
    const list = page.getByRole('list', { name: 'Mails' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(3);

    await page.getByRole('button', { name: 'Failed', exact: true }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(1);
    const failed = list.getByRole('listitem').first();
    expect(await failed.textContent()).toContain('Printer jam on floor 2');
    expect(await failed.textContent()).toContain('Last error: 400: The to address is on the suppression list.');
    await failed.getByRole('button', { name: 'Details' }).click();
    await failed.getByText('HTTP 400').waitFor();
    expect(await failed.locator('pre').textContent()).toContain('Hello Priya Raman,');
    await screenshot(page, 'mail-outbox-failed-details-desktop');

    await failed.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(0);
    await sendgrid.waitFor(4);
    await page.getByRole('button', { name: 'Sent', exact: true }).click();
    await expect
      .poll(async () => {
        await page.getByRole('button', { name: 'Refresh' }).click();
        return list.getByRole('listitem').count();
      }, { timeout: 20_000 })
      .toBe(3);
    await context.close();
  });

  it('a shift mail shows the technician’s own time, as the admin can read in the outbox', async () => {
    const { context, page } = await open();
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/admin/mail');
    const shift = page.getByRole('listitem').filter({ hasText: 'New shift' });
    expect(await shift.locator('.mail-row__subject').textContent()).toBe('New shift: Tue 7 Jan, 09:00–17:00');
    await context.close();
  });

  for (const [viewport, size] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`the outbox and the email switches look right on a ${viewport} in ${scheme} mode, with no accessibility violations`, async () => {
        const admin = await open(size, scheme);
        await signIn(admin.page, ADMIN.email, ADMIN.password);
        await admin.page.goto('/admin/mail');
        const row = admin.page.getByRole('listitem').filter({ hasText: 'Printer jam' });
        await row.getByRole('button', { name: 'Details' }).click();
        await row.getByText('Plain text').waitFor();
        await row.frameLocator('iframe').getByText('Hello Priya Raman,').waitFor();
        expect(await admin.page.evaluate(() => document.documentElement.dataset.theme)).toBe(scheme);
        expect((await row.getByRole('button', { name: 'Hide details' }).boundingBox())?.height).toBeGreaterThanOrEqual(44);
        await screenshot(admin.page, `mail-outbox-${viewport}-${scheme}`);
        // The HTML version is the mail itself, in a frame that may run no script: axe cannot enter
        // it (it waits for the frame forever). The frame is named; the rest of the page is checked.
        expect(await row.locator('iframe').getAttribute('title')).toBe('HTML version of “Assigned to you: Printer jam on floor 2”');
        expect(await row.locator('iframe').getAttribute('sandbox')).toBe('');
        await admin.page.evaluate(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));
        expect(await axeViolations(admin.page)).toEqual([]);
        await admin.context.close();

        const tech = await open(size, scheme);
        await signIn(tech.page, TECH.email, TECH.password);
        await tech.page.goto('/profile');
        const section = tech.page.locator('.notification-settings');
        await section.getByRole('switch').first().waitFor();
        await section.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 64));
        await tech.page.screenshot({ path: `test-results/screenshots/profile-email-notifications-${viewport}-${scheme}.png` });
        expect(await axeViolations(tech.page)).toEqual([]);
        await tech.context.close();
      });
    }
  }
});

describe('/dev/mail on a server with no SendGrid key', () => {
  it('shows the admin every mail that would have gone out, and says none is sent', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport: DESKTOP });
      const page = await context.newPage();
      await signIn(page);
      const headers = { origin: inject('baseUrl'), 'x-sync-protocol': String(PROTOCOL_VERSION) };
      const email = `preview-${crypto.randomUUID().slice(0, 8)}@example.com`;
      const created = await page.request.post('/api/users', { headers, data: { email, name: 'Preview Tech', password: 'preview technician password', role: 'technician' } });
      const { user } = (await created.json()) as { user: { id: string } };
      const title = `Preview ${crypto.randomUUID().slice(0, 8)}`;
      const pushed = await page.request.post('/api/sync/push', {
        headers,
        data: { clientId: crypto.randomUUID(), mutations: [{ id: 1, name: 'ticket.create', args: { id: crypto.randomUUID(), title, priority: 'low', assigneeId: user.id }, at: new Date().toISOString() }] },
      });
      expect(pushed.status()).toBe(200);

      await page.goto('/dev/mail');
      await page.getByRole('heading', { name: 'Mail preview' }).waitFor();
      await page.getByText('Mail is not being sent: this server has no SendGrid API key').waitFor();
      const row = page.getByRole('listitem').filter({ hasText: title });
      expect(await row.textContent()).toContain(`Queued`);
      expect(await row.textContent()).toContain(`To ${email}`);
      await row.getByRole('button', { name: 'Details' }).click();
      expect(await row.locator('pre').textContent()).toContain(`Administrator assigned the ticket “${title}” to you.`);
      await row.getByText('Not tried yet.').waitFor();
      await row.frameLocator('iframe').getByText('Hello Preview Tech,').waitFor();
      await screenshot(page, 'dev-mail-no-key-desktop');
      // axe cannot enter the script-less frame that holds the HTML version (see above).
      await page.evaluate(() => document.querySelectorAll('iframe').forEach((f) => f.remove()));
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    } finally {
      await browser.close();
    }
  });

  it('pages through an outbox of more than a page: says how many it shows and loads older mail on request', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport: PHONE, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await signIn(page);
      const headers = { origin: inject('baseUrl'), 'x-sync-protocol': String(PROTOCOL_VERSION) };
      const created = await page.request.post('/api/users', { headers, data: { email: `paging-${crypto.randomUUID().slice(0, 8)}@example.com`, name: 'Paging Tech', password: 'paging technician password', role: 'technician' } });
      const { user } = (await created.json()) as { user: { id: string } };
      const tag = crypto.randomUUID().slice(0, 8);
      const at = new Date().toISOString();
      // One mail per ticket: more than one page of the list.
      const mutations = Array.from({ length: 105 }, (_, i) => ({ id: i + 1, name: 'ticket.create', args: { id: crypto.randomUUID(), title: `Paged ${tag} #${i}`, priority: 'low', assigneeId: user.id }, at }));
      expect((await page.request.post('/api/sync/push', { headers, data: { clientId: crypto.randomUUID(), mutations } })).status()).toBe(200);

      await page.goto('/dev/mail');
      await page.getByText('Showing the newest 100 mails.').waitFor();
      const rows = page.getByRole('listitem').filter({ hasText: `Paged ${tag} #` });
      expect(await rows.count()).toBe(100);
      await page.getByRole('button', { name: 'Show older mail' }).click();
      await expect.poll(() => rows.count()).toBe(105);
      await page.getByText(/mails, the oldest at the bottom\.$/).waitFor();
      expect(await page.getByRole('button', { name: 'Show older mail' }).count()).toBe(0);
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
