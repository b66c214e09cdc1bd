import { describe, expect, it } from 'vitest';
import type { EntityRow } from '../../../../sync/protocol/entities';
import { DEFAULT_QUERY, isFiltered, paramsOfQuery, queryFromParams, runTicketQuery, type TicketQuery } from '../../../../client/src/tickets/ticket-query';

type Ticket = EntityRow<'ticket'>;
const ME = '00000000-0000-4000-8000-000000000001';
const CAT = '00000000-0000-4000-8000-0000000000c1';
const LOC = '00000000-0000-4000-8000-0000000000a1';

let n = 0;
function ticket(over: Partial<Ticket>): Ticket {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    version: String(n),
    createdAt: `2026-11-${String(10 + (n % 10)).padStart(2, '0')}T08:00:00.000Z`,
    updatedAt: `2026-11-20T${String(n % 24).padStart(2, '0')}:00:00.000Z`,
    title: `Ticket ${n}`,
    description: '',
    priority: 'medium',
    status: 'open',
    categoryId: null,
    locationId: null,
    assigneeId: null,
    createdBy: null,
    archivedAt: null,
    ...over,
  };
}
const q = (over: Partial<TicketQuery>): TicketQuery => ({ ...DEFAULT_QUERY, ...over });
const titles = (r: { tickets: Ticket[] }) => r.tickets.map((t) => t.title);

describe('the ticket list query', () => {
  const all = [
    ticket({ title: 'Boiler leaks in the Café', priority: 'urgent', status: 'in_progress', assigneeId: ME, categoryId: CAT, locationId: LOC }),
    ticket({ title: 'Door sticks', description: 'The back door at the boiler room', priority: 'low' }),
    ticket({ title: 'Old printer', status: 'closed', archivedAt: '2026-11-21T00:00:00.000Z' }),
    ticket({ title: 'Fan noise', priority: 'high', status: 'pending', locationId: LOC }),
  ];

  it('hides archived tickets unless asked for, and can show only them', () => {
    expect(titles(runTicketQuery(all, DEFAULT_QUERY, ME))).not.toContain('Old printer');
    expect(titles(runTicketQuery(all, q({ archived: 'include' }), ME))).toContain('Old printer');
    expect(titles(runTicketQuery(all, q({ archived: 'only' }), ME))).toEqual(['Old printer']);
  });

  it('searches title and description, every word, ignoring case and accents', () => {
    expect(titles(runTicketQuery(all, q({ text: 'BOILER' }), ME)).sort()).toEqual(['Boiler leaks in the Café', 'Door sticks']);
    expect(titles(runTicketQuery(all, q({ text: 'cafe boiler' }), ME))).toEqual(['Boiler leaks in the Café']);
    expect(titles(runTicketQuery(all, q({ text: 'printer' }), ME))).toEqual([]);
    expect(titles(runTicketQuery(all, q({ text: 'printer', archived: 'include' }), ME))).toEqual(['Old printer']);
  });

  it('filters by status, priority, category, location, assignee and mine', () => {
    expect(titles(runTicketQuery(all, q({ statuses: ['pending', 'in_progress'] }), ME)).sort()).toEqual(['Boiler leaks in the Café', 'Fan noise']);
    expect(titles(runTicketQuery(all, q({ priority: 'low' }), ME))).toEqual(['Door sticks']);
    expect(titles(runTicketQuery(all, q({ categoryId: CAT }), ME))).toEqual(['Boiler leaks in the Café']);
    expect(titles(runTicketQuery(all, q({ categoryId: 'none' }), ME)).sort()).toEqual(['Door sticks', 'Fan noise']);
    expect(titles(runTicketQuery(all, q({ locationId: LOC }), ME)).sort()).toEqual(['Boiler leaks in the Café', 'Fan noise']);
    expect(titles(runTicketQuery(all, q({ assigneeId: 'none' }), ME)).sort()).toEqual(['Door sticks', 'Fan noise']);
    expect(titles(runTicketQuery(all, q({ mine: true }), ME))).toEqual(['Boiler leaks in the Café']);
  });

  it('counts each status over the other filters, so a status chip says what it would show', () => {
    const result = runTicketQuery(all, q({ statuses: ['open'], locationId: LOC }), ME);
    expect(titles(result)).toEqual([]);
    expect(result.counts).toEqual({ open: 0, in_progress: 1, pending: 1, resolved: 0, closed: 0 });
  });

  it('sorts by priority, by last update and by age', () => {
    const byPriority = titles(runTicketQuery(all, DEFAULT_QUERY, ME));
    expect(byPriority).toEqual(['Boiler leaks in the Café', 'Fan noise', 'Door sticks']);
    const updated = runTicketQuery(all, q({ sort: 'updated' }), ME).tickets.map((t) => t.updatedAt);
    expect(updated).toEqual([...updated].sort().reverse());
    const age = runTicketQuery(all, q({ sort: 'age' }), ME).tickets.map((t) => t.createdAt);
    expect(age).toEqual([...age].sort());
  });

  it('finds a ticket again after its title changed (the search text is per row, not per id)', () => {
    const before = ticket({ title: 'Heater' });
    expect(titles(runTicketQuery([before], q({ text: 'heater' }), ME))).toEqual(['Heater']);
    const after = { ...before, title: 'Radiator' };
    expect(titles(runTicketQuery([after], q({ text: 'heater' }), ME))).toEqual([]);
    expect(titles(runTicketQuery([after], q({ text: 'radiator' }), ME))).toEqual(['Radiator']);
  });
});

describe('the ticket list URL', () => {
  it('round-trips every filter through the URL parameters', () => {
    const query = q({ statuses: ['open', 'pending'], priority: 'high', categoryId: CAT, locationId: LOC, assigneeId: 'none', mine: true, text: 'leak', sort: 'age', archived: 'include' });
    const params = Object.fromEntries(Object.entries(paramsOfQuery(query)).filter(([, v]) => v !== undefined)) as Record<string, string>;
    expect(queryFromParams(params)).toEqual(query);
  });

  it('leaves defaults out of the URL and ignores values it does not know', () => {
    expect(Object.values(paramsOfQuery(DEFAULT_QUERY)).every((v) => v === undefined)).toBe(true);
    expect(queryFromParams({ status: 'open,bogus', priority: 'extreme', sort: 'random', archived: 'maybe' })).toEqual(q({ statuses: ['open'] }));
    expect(isFiltered(DEFAULT_QUERY)).toBe(false);
    expect(isFiltered(q({ text: 'x' }))).toBe(true);
  });

  it('reads a parameter given twice in a hand-edited URL instead of failing (?q=a&q=b, ?status=open&status=closed)', () => {
    // The router hands a repeated parameter over as an array.
    const query = queryFromParams({ q: ['boiler', 'leak'], status: ['open', 'closed,bogus'], priority: ['high', 'low'], category: [CAT, LOC], mine: ['0', '1'] });
    expect(query).toEqual(q({ text: 'leak', statuses: ['open', 'closed'], priority: 'low', categoryId: LOC, mine: true }));
    expect(() => runTicketQuery([ticket({ title: 'Boiler leak' })], query, ME)).not.toThrow();
  });
});
