import type { NewRow } from '../../sync/protocol/entities';

/** A ticket row as mutators and mail triggers see it: open, unassigned, created by `createdBy`. */
export const ticketRow = (createdBy: string, patch: Partial<NewRow<'ticket'>> = {}): NewRow<'ticket'> => ({
  id: '10000000-0000-4000-8000-000000000001',
  title: 'Boiler leaks',
  description: '',
  priority: 'high',
  status: 'open',
  categoryId: null,
  locationId: null,
  assigneeId: null,
  createdBy,
  archivedAt: null,
  ...patch,
});
