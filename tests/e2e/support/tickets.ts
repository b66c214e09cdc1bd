import type { Page } from 'playwright-core';

/** A ticket's row in the list. */
export const ticketRow = (page: Page, title: string) => page.locator('.ticket-row', { hasText: title });

/** The "not synced yet" badge on a ticket's row: present while it waits on the device. */
export const ticketPending = (page: Page, title: string) => ticketRow(page, title).locator('.badge--pending');

/** Creates a ticket from the list (the new ticket opens at once), then goes back to the list. */
export async function createTicket(page: Page, title: string): Promise<void> {
  await page.getByRole('link', { name: 'New ticket' }).click();
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Create ticket' }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Tickets' }).click();
  await ticketRow(page, title).waitFor();
}
