import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations, DESKTOP, launchBrowser, PHONE, screenshot, signIn, useTheme } from './support/browser';

async function open(browser: Browser, viewport: typeof PHONE, theme: 'light' | 'dark'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport, colorScheme: theme, acceptDownloads: true, isMobile: viewport === PHONE, hasTouch: viewport === PHONE });
  await useTheme(context, theme);
  return { context, page: await context.newPage() };
}

const userEmails = (page: Page) =>
  page.evaluate(async () => ((await (await fetch('/api/users')).json()) as { users: { email: string }[] }).users.map((u) => u.email));

describe('backup and restore in a real browser', () => {
  let browser: Browser;
  const downloads = mkdtempSync(join(tmpdir(), 'tsched-e2e-backup-'));
  const backupFile = join(downloads, 'backup.json');
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    rmSync(downloads, { recursive: true, force: true });
  });

  it('an admin downloads a backup, is told what a restore will replace, and gets the data back as it was', async () => {
    const { context, page } = await open(browser, DESKTOP, 'light');
    await signIn(page);
    await page.getByRole('navigation', { name: 'Sections' }).first().getByRole('link', { name: 'Admin' }).click();
    await page.getByRole('link', { name: /Backup and restore/ }).click();
    await page.waitForURL('**/admin/backup');
    await page.getByRole('heading', { level: 1, name: 'Backup and restore' }).waitFor();
    // The server took its first automatic backup when it started.
    await expect.poll(() => page.getByText(/Last automatic backup: \w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2}/).count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download backup' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^technician-scheduler-\d{8}T\d{9}Z\.json$/);
    await download.saveAs(backupFile);
    const doc = JSON.parse(readFileSync(backupFile, 'utf8')) as { format: string; tables: { users: unknown[] } };
    expect(doc.format).toBe('technician-scheduler-backup');
    const people = doc.tables.users.length;

    // Someone is added after the backup: the restore will take them away again.
    const added = await page.evaluate(async () =>
      (await fetch('/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'after-backup@example.com', name: 'After Backup', password: 'long enough password', role: 'technician' }),
      })).status,
    );
    expect(added).toBe(201);

    // Not a backup: said at the field, and the restore button stays off.
    const picker = page.getByLabel('Backup file');
    await picker.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"technician-sch') });
    await expect.poll(() => page.getByText('This file is not a complete backup: it may be cut short or damaged.').count()).toBe(1);
    expect(await picker.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByRole('button', { name: 'Restore…' }).isDisabled()).toBe(true);

    await picker.setInputFiles(backupFile);
    await expect.poll(() => page.getByText(new RegExp(`Backup taken .*: ${people} (person|people), `)).count()).toBe(1);
    await page.getByRole('button', { name: 'Restore…' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Replace all data with this backup?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toMatch(/Everything now on the server will be replaced by the backup from/);
    expect(await dialog.getByRole('listitem').first().textContent()).toBe(`${people} ${people === 1 ? 'person' : 'people'}`);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, 'backup-restore-confirm-desktop-light');

    await dialog.getByRole('button', { name: 'Replace all data' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: /Restored the backup from .* Every device is syncing again\./ }).count()).toBe(1);
    // Still signed in (the admin is in the backup); the person added after it is gone.
    const emails = await userEmails(page);
    expect(emails).toContain(inject('adminEmail'));
    expect(emails).not.toContain('after-backup@example.com');
    await context.close();
  });

  it('refuses a damaged backup in the dialog, in plain words, changing nothing', async () => {
    const { context, page } = await open(browser, DESKTOP, 'light');
    await signIn(page);
    await page.goto('/admin/backup');
    const doc = JSON.parse(readFileSync(backupFile, 'utf8')) as { tables: Record<string, unknown> };
    delete doc.tables.tickets;
    await page.getByLabel('Backup file').setInputFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
    await page.getByRole('button', { name: 'Restore…' }).click();
    const dialog = page.getByRole('alertdialog');
    await dialog.getByRole('button', { name: 'Replace all data' }).click();
    await expect.poll(() => dialog.getByRole('alert').filter({ hasText: 'Tables missing from the backup: tickets.' }).count()).toBe(1);
    await context.close();
  });

  for (const [size, viewport] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`has no accessibility violations on ${size} in ${theme}, with a backup chosen`, async () => {
        const { context, page } = await open(browser, viewport, theme);
        await signIn(page);
        await page.goto('/admin/backup');
        await page.getByRole('heading', { level: 1, name: 'Backup and restore' }).waitFor();
        await page.getByText(/Last automatic backup/).waitFor();
        await page.getByLabel('Backup file').setInputFiles(backupFile);
        await page.getByText(/Backup taken/).waitFor();
        expect(await axeViolations(page), `${size} ${theme}`).toEqual([]);
        await screenshot(page, `backup-${size}-${theme}`);
        await context.close();
      });
    }
  }
});
