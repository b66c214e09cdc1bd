import type { TicketStatus } from '../../../sync/domain/ticket-status';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../../sync/protocol/enums';
import type { EntityRow } from '../../../sync/protocol/entities';

type Ticket = EntityRow<'ticket'>;
export type Priority = (typeof TICKET_PRIORITIES)[number];
export const TICKET_SORTS = ['priority', 'updated', 'age'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];
export const ARCHIVE_VIEWS = ['hide', 'include', 'only'] as const;
export type ArchiveView = (typeof ARCHIVE_VIEWS)[number];

/** "none" as a category, location or assignee filter picks tickets without one. */
export const NONE = 'none';

/** What the ticket list shows: every filter the list offers, kept in the URL. */
export interface TicketQuery {
  /** Empty: every status. */
  statuses: TicketStatus[];
  priority: Priority | null;
  categoryId: string | null;
  locationId: string | null;
  assigneeId: string | null;
  mine: boolean;
  text: string;
  sort: TicketSort;
  archived: ArchiveView;
}

export const DEFAULT_QUERY: TicketQuery = {
  statuses: [],
  priority: null,
  categoryId: null,
  locationId: null,
  assigneeId: null,
  mine: false,
  text: '',
  sort: 'priority',
  archived: 'hide',
};

type ParamName = 'status' | 'priority' | 'category' | 'location' | 'assignee' | 'mine' | 'q' | 'sort' | 'archived';
/** As the router gives them: a parameter repeated in a hand-edited URL arrives as an array. */
type Params = Partial<Record<ParamName, string | string[]>>;

/** The value of a parameter; the last one when it is repeated. */
const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.at(-1) : value);

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | null =>
  value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : null;

/** Reads the list's URL parameters; anything unknown falls back to the default, never an error. */
export function queryFromParams(params: Params): TicketQuery {
  const statuses = [params.status ?? []].flat().flatMap((list) => list.split(',')).flatMap((s) => oneOf(TICKET_STATUSES, s) ?? []);
  return {
    statuses: TICKET_STATUSES.filter((s) => statuses.includes(s)),
    priority: oneOf(TICKET_PRIORITIES, single(params.priority)),
    categoryId: single(params.category) || null,
    locationId: single(params.location) || null,
    assigneeId: single(params.assignee) || null,
    mine: single(params.mine) === '1',
    text: single(params.q) ?? '',
    sort: oneOf(TICKET_SORTS, single(params.sort)) ?? DEFAULT_QUERY.sort,
    archived: oneOf(ARCHIVE_VIEWS, single(params.archived)) ?? DEFAULT_QUERY.archived,
  };
}

/** The URL parameters for a query; defaults are left out (undefined removes them from the URL). */
export function paramsOfQuery(q: TicketQuery): Record<ParamName, string | undefined> {
  return {
    status: q.statuses.length ? q.statuses.join(',') : undefined,
    priority: q.priority ?? undefined,
    category: q.categoryId ?? undefined,
    location: q.locationId ?? undefined,
    assignee: q.assigneeId ?? undefined,
    mine: q.mine ? '1' : undefined,
    q: q.text || undefined,
    sort: q.sort === DEFAULT_QUERY.sort ? undefined : q.sort,
    archived: q.archived === DEFAULT_QUERY.archived ? undefined : q.archived,
  };
}

/**
 * Lower case without accents, so "cafe" finds "Café" and "BOILER" finds "boiler". Plain ASCII text
 * (most of it) skips the Unicode decomposition, which is the costly part over 10,000 tickets.
 */
const fold = (text: string) => (/[^ -~\s]/u.test(text) ? text.normalize('NFD').replace(/\p{M}/gu, '') : text).toLowerCase();

/**
 * Folded title and description, remembered per row object: rows are replaced, never changed in
 * place, so a changed ticket gets a fresh entry and 10,000 tickets are folded once, not per keystroke.
 */
const haystacks = new WeakMap<Ticket, string>();
function haystackOf(ticket: Ticket): string {
  let text = haystacks.get(ticket);
  if (text === undefined) {
    text = fold(`${ticket.title}\n${ticket.description}`);
    haystacks.set(ticket, text);
  }
  return text;
}

/**
 * Folds every ticket's search text ahead of the first keystroke, in chunks during idle time, so
 * the first search over 10,000 tickets costs what the later ones do. Stops when `stale()` says a
 * newer list has arrived.
 */
export function prepareSearch(tickets: readonly Ticket[], stale: () => boolean = () => false, done?: () => void): void {
  const idle = globalThis.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 1));
  let next = 0;
  const chunk = () => {
    if (stale()) return;
    const end = Math.min(next + 2000, tickets.length);
    for (; next < end; next++) {
      const t = tickets[next];
      if (t) haystackOf(t);
    }
    if (next < tickets.length) idle(chunk);
    else done?.();
  };
  idle(chunk);
}

const matchesId = (value: string | null, wanted: string | null) => wanted === null || (wanted === NONE ? value === null : value === wanted);

/** Every filter but status (the status counts are taken over these). */
function otherFilters(q: TicketQuery, me: string): (t: Ticket) => boolean {
  const terms = fold(q.text).split(/\s+/).filter(Boolean);
  return (t) =>
    (q.archived === 'include' || (q.archived === 'only') === (t.archivedAt !== null)) &&
    (q.priority === null || t.priority === q.priority) &&
    matchesId(t.categoryId, q.categoryId) &&
    matchesId(t.locationId, q.locationId) &&
    matchesId(t.assigneeId, q.assigneeId) &&
    (!q.mine || t.assigneeId === me) &&
    (terms.length === 0 || terms.every((term) => haystackOf(t).includes(term)));
}

const PRIORITY_RANK: Record<Priority, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

const COMPARE: Record<TicketSort, (a: Ticket, b: Ticket) => number> = {
  // Most urgent first; within a priority, the most recently changed.
  priority: (a, b) => PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] || b.updatedAt.localeCompare(a.updatedAt),
  updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
  // Oldest first: the ones waiting longest.
  age: (a, b) => a.createdAt.localeCompare(b.createdAt),
};

export interface TicketListResult {
  tickets: Ticket[];
  /** Per status, how many tickets the other filters leave (so each status chip says what it would show). */
  counts: Record<TicketStatus, number>;
}

/** Filters, searches, counts and sorts the device's tickets for the list. */
export function runTicketQuery(all: readonly Ticket[], q: TicketQuery, me: string): TicketListResult {
  const passes = otherFilters(q, me);
  const counts = Object.fromEntries(TICKET_STATUSES.map((s) => [s, 0])) as Record<TicketStatus, number>;
  const wanted = new Set(q.statuses);
  const tickets: Ticket[] = [];
  for (const t of all) {
    if (!passes(t)) continue;
    counts[t.status] += 1;
    if (wanted.size === 0 || wanted.has(t.status)) tickets.push(t);
  }
  tickets.sort(COMPARE[q.sort]);
  return { tickets, counts };
}

/** Whether any filter narrows the list (so an empty list can offer to clear them). */
export const isFiltered = (q: TicketQuery) =>
  q.statuses.length > 0 || q.priority !== null || q.categoryId !== null || q.locationId !== null || q.assigneeId !== null || q.mine || q.text.trim() !== '' || q.archived === 'only';
