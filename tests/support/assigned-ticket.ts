import { SyncDevice } from './sync-client';
import type { TestApp } from './test-app';

/** A new admin's ticket, pushed from their device and assigned to a new technician. */
export async function assignedTicket(t: TestApp): Promise<{ admin: SyncDevice; adminId: string; techId: string; ticketId: string }> {
  const { client, userId: adminId } = await t.signedIn('admin');
  const { userId: techId } = await t.signedIn('technician');
  const admin = new SyncDevice(client);
  const ticketId = crypto.randomUUID();
  await admin.do('ticket.create', { id: ticketId, title: 'Shared boiler', priority: 'high', assigneeId: techId });
  return { admin, adminId, techId, ticketId };
}
