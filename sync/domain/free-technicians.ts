import { localDateOf } from './calendar-dates';

/** How far ahead a next shift still makes someone a suggestion. */
export const NEXT_SHIFT_HORIZON_MS = 7 * 24 * 3600_000;

export interface AssigneeSuggestion {
  userId: string;
  /** On shift there now, or their next shift there (the soonest one within a week). */
  kind: 'on_shift' | 'next_shift';
  shift: { id: string; start: string; end: string; locationId: string | null };
}

interface Candidate {
  id: string;
  active: boolean;
  timezone: string;
}

/**
 * Who is free for a ticket: technicians on shift now, or next, at the ticket's location (anywhere,
 * when the ticket has none), and not on approved time off today in their own zone. Everything it
 * needs is on the device already, so it works offline. On shift now come first, then by how soon
 * the next shift starts.
 */
export function suggestAssignees(input: {
  now: Date;
  locationId: string | null;
  people: readonly Candidate[];
  shifts: readonly { id: string; technicianId: string; locationId: string | null; start: string; end: string }[];
  approvedTimeOff: readonly { technicianId: string; startDate: string; endDate: string }[];
}): AssigneeSuggestion[] {
  const now = input.now.getTime();
  const people = new Map(input.people.filter((p) => p.active).map((p) => [p.id, p]));
  const away = (p: Candidate) => {
    const today = localDateOf(input.now, p.timezone);
    return input.approvedTimeOff.some((t) => t.technicianId === p.id && t.startDate <= today && today <= t.endDate);
  };
  const best = new Map<string, AssigneeSuggestion>();
  for (const s of input.shifts) {
    if (input.locationId !== null && s.locationId !== input.locationId) continue;
    const start = Date.parse(s.start);
    const end = Date.parse(s.end);
    if (end <= now || start - now > NEXT_SHIFT_HORIZON_MS) continue;
    const person = people.get(s.technicianId);
    if (!person) continue;
    const suggestion: AssigneeSuggestion = {
      userId: person.id,
      kind: start <= now ? 'on_shift' : 'next_shift',
      shift: { id: s.id, start: s.start, end: s.end, locationId: s.locationId },
    };
    const held = best.get(person.id);
    if (!held || Date.parse(suggestion.shift.start) < Date.parse(held.shift.start)) best.set(person.id, suggestion);
  }
  return [...best.values()]
    .filter((s) => {
      const person = people.get(s.userId);
      return person !== undefined && !away(person);
    })
    .sort((a, b) => (a.kind === b.kind ? Date.parse(a.shift.start) - Date.parse(b.shift.start) : a.kind === 'on_shift' ? -1 : 1));
}
