import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ticketsCsv } from '../../../../client/src/tickets/ticket-csv';
import type { NameLookup } from '../../../../client/src/tickets/history-entry';
import type { EntityRow } from '../../../../sync/protocol/entities';

const lookup: NameLookup = { user: () => 'Ana Ruiz', category: () => 'Plumbing', location: () => undefined };
const row: EntityRow<'ticket'> = {
  id: '00000000-0000-4000-8000-000000000001',
  version: '7',
  createdAt: '2026-03-08T09:30:00.000Z',
  updatedAt: '2026-03-08T17:05:00.000Z',
  title: 'Leak, "urgent"\nsecond line',
  description: '=HYPERLINK("http://evil")',
  priority: 'high',
  status: 'in_progress',
  categoryId: 'c',
  locationId: null,
  assigneeId: 'u',
  createdBy: null,
  archivedAt: null,
};

describe('CSV export of the ticket list', () => {
  it('quotes commas, quotes and line breaks so a spreadsheet reads the same cells back', () => {
    // 8 March 2026 is New York's spring-forward day: 09:30 UTC is already 05:30 EDT.
    const csv = ticketsCsv([row], lookup, 'America/New_York');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, cells] = parse(csv.slice(1)) as string[][];
    expect(header?.[0]).toBe('Title');
    expect(cells?.slice(0, 8)).toEqual(['Leak, "urgent"\nsecond line', 'In progress', 'high', 'Plumbing', '', 'Ana Ruiz', '2026-03-08 05:30', '2026-03-08 13:05']);
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    const [, cells] = parse(ticketsCsv([row], lookup, 'UTC').slice(1)) as string[][];
    expect(cells?.[9]).toBe(`'=HYPERLINK("http://evil")`);
  });
});
