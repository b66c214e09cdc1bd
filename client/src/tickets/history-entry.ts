import { STATUS_LABELS, type TicketStatus } from '../../../sync/domain/ticket-status';
import type { EntityRow } from '../../../sync/protocol/entities';

export interface NameLookup {
  user(id: string): string | undefined;
  category(id: string): string | undefined;
  location(id: string): string | undefined;
}

/** One history entry in words: "changed the status", from "Open" to "In progress". */
export interface ChangeInWords {
  what: string;
  /**
   * Absent when the values are not worth quoting (a long description) or there are none (archiving);
   * only `to` for a first value ("assigned the ticket to Ana"), only `from` for a removed one.
   */
  from?: string;
  to?: string;
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const QUOTE_LIMIT = 80;
const shortened = (s: string) => (s.length > QUOTE_LIMIT ? `${s.slice(0, QUOTE_LIMIT - 1)}…` : s);

function named(kind: keyof NameLookup, id: string | null, lookup: NameLookup, none: string): string {
  if (id === null) return none;
  // The referenced row may have been deleted since: say so rather than show an id.
  return lookup[kind](id) ?? `a deleted ${kind}`;
}

/** Says what a ticket history entry changed, with names instead of ids and labels instead of codes. */
export function describeChange(entry: Pick<EntityRow<'ticketHistory'>, 'field' | 'from' | 'to'>, lookup: NameLookup): ChangeInWords {
  const { from, to } = entry;
  switch (entry.field) {
    case 'status':
      return { what: 'changed the status', from: STATUS_LABELS[from as TicketStatus] ?? String(from), to: STATUS_LABELS[to as TicketStatus] ?? String(to) };
    case 'priority':
      return { what: 'changed the priority', from: capitalised(from ?? ''), to: capitalised(to ?? '') };
    case 'title':
      return { what: 'renamed the ticket', from: shortened(from ?? ''), to: shortened(to ?? '') };
    case 'description':
      return to ? { what: from ? 'edited the description' : 'added a description' } : { what: 'removed the description' };
    case 'assigneeId':
      if (from === null) return { what: 'assigned the ticket', to: named('user', to, lookup, 'nobody') };
      if (to === null) return { what: 'unassigned the ticket', from: named('user', from, lookup, 'nobody') };
      return { what: 'reassigned the ticket', from: named('user', from, lookup, 'nobody'), to: named('user', to, lookup, 'nobody') };
    case 'categoryId':
      return { what: 'changed the category', from: named('category', from, lookup, 'Uncategorised'), to: named('category', to, lookup, 'Uncategorised') };
    case 'locationId':
      return { what: 'changed the location', from: named('location', from, lookup, 'No location'), to: named('location', to, lookup, 'No location') };
    case 'archivedAt':
      return { what: to ? 'archived the ticket' : 'restored the ticket from the archive' };
    default:
      return { what: `changed ${entry.field}`, ...(from === null ? {} : { from }), ...(to === null ? {} : { to }) };
  }
}
