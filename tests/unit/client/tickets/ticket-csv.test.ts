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

  it('keeps a formula after a semicolon inside its cell for spreadsheets that split on semicolons (German, French… Excel)', () => {
    const csv = ticketsCsv([{ ...row, title: "Pump;=cmd|' /C calc'!A0", description: 'Seal; -2+3' }], lookup, 'UTC');
    // Such a reader splits on every semicolon outside double quotes.
    const cellsSplitOnSemicolons = (line: string) => {
      const cells = [''];
      let quoted = false;
      for (const ch of line) {
        if (ch === '"') quoted = !quoted;
        if (ch === ';' && !quoted) cells.push('');
        else cells[cells.length - 1] += ch;
      }
      return cells;
    };
    const cells = csv.slice(1).split('\r\n').flatMap(cellsSplitOnSemicolons);
    expect(cells.filter((c) => /^[=+\-@]/u.test(c))).toEqual([]);
    // A comma reader still gets the text back as it was typed.
    const [, parsed] = parse(csv.slice(1)) as string[][];
    expect(parsed?.[0]).toBe("Pump;=cmd|' /C calc'!A0");
  });
});
