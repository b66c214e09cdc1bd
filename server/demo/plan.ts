import { addDaysTo, instantOfWallTime, weekdayOf } from '../../sync/domain/calendar-dates';
import type { TicketStatus } from '../../sync/domain/ticket-status';
import type { TICKET_PRIORITIES, TIME_OFF_KINDS } from '../../sync/protocol/enums';
import type { MutationName } from '../../sync/protocol/mutations';
import { CATEGORIES, DISPATCHER, FAULTS, PLACES, QUICK_LINKS, SITES, TECHNICIANS, type DemoPerson } from './crew';

/*
 * What `npm run demo` does, as data: phases of mutations, each made by one of the demo people.
 * Pure, so the plan is tested without a database. Updates and deletes leave `baseVersion` out; the
 * runner fills in the version it pulled before the phase, and each row changes at most once a
 * phase, so no change is ever a conflict.
 */

export interface DemoStep {
  /** A person's key in crew.ts. */
  actor: string;
  name: MutationName;
  args: Record<string, unknown>;
}

export interface DemoPlan {
  phases: DemoStep[][];
  /** What the plan makes, for the summary and the tests. */
  counts: { shifts: number; timeOff: number; tickets: number; comments: number };
}

type Priority = (typeof TICKET_PRIORITIES)[number];
type TimeOffKind = (typeof TIME_OFF_KINDS)[number];

const placeOf = (person: DemoPerson) => PLACES.find((p) => p.key === person.place) ?? PLACES[0];

/** Shift patterns by wall time in the depot's zone: early, day and late. */
const PATTERNS = [
  { from: '07:00', to: '15:00' },
  { from: '08:00', to: '16:30' },
  { from: '12:00', to: '20:00' },
] as const;

interface TimeOffPlan {
  tech: string;
  from: number;
  to: number;
  kind: TimeOffKind;
  note: string;
  decision?: 'approved' | 'denied';
}

/** Days off relative to the first Monday: approved ones keep shifts away, one waits, one is denied. */
const TIME_OFF: readonly TimeOffPlan[] = [
  { tech: 'amira', from: 8, to: 10, kind: 'vacation', note: 'Family visit', decision: 'approved' },
  { tech: 'marcus', from: 3, to: 4, kind: 'vacation', note: 'Long weekend', decision: 'approved' },
  { tech: 'elena', from: 1, to: 1, kind: 'sick', note: '', decision: 'approved' },
  { tech: 'lukas', from: 11, to: 11, kind: 'other', note: 'Forklift licence course' },
  { tech: 'mei', from: 9, to: 11, kind: 'vacation', note: 'Wedding', decision: 'denied' },
];

const STATUS_WALKS: Record<TicketStatus, readonly TicketStatus[]> = {
  open: [],
  in_progress: ['in_progress'],
  pending: ['in_progress', 'pending'],
  resolved: ['in_progress', 'resolved'],
  closed: ['in_progress', 'resolved', 'closed'],
};

const STATUS_COMMENTS: Record<TicketStatus, string> = {
  open: 'Customer called again this morning; please keep them posted.',
  in_progress: 'On site now, having a look.',
  pending: 'Waiting for a replacement part; ordered from the catalogue, due in two days.',
  resolved: 'Replaced the faulty part and tested for an hour: working normally.',
  closed: 'Customer confirmed all is well. Closing.',
};

const STATUSES: readonly TicketStatus[] = ['open', 'in_progress', 'pending', 'resolved', 'closed'];
const PRIORITIES: readonly Priority[] = ['medium', 'high', 'low', 'urgent', 'medium', 'low'];

export const TICKET_COUNT = 60;
export const DAYS = 14;

export function demoPlan(monday: string, userIds: Record<string, string>, newId: () => string = () => crypto.randomUUID()): DemoPlan {
  const idOf = (key: string) => {
    const id = userIds[key];
    if (!id) throw new Error(`No user id for ${key}`);
    return id;
  };
  const placeIds = Object.fromEntries(PLACES.map((p) => [p.key, newId()]));
  const categoryIds = CATEGORIES.map(() => newId());
  const reference: DemoStep[] = [
    ...PLACES.map((p) => ({ actor: DISPATCHER.key, name: 'location.create' as const, args: { id: placeIds[p.key], name: p.name, address: p.address, timezone: p.timezone } })),
    ...CATEGORIES.map((c, i) => ({ actor: DISPATCHER.key, name: 'category.create' as const, args: { id: categoryIds[i], ...c } })),
    ...QUICK_LINKS.map((l, position) => ({ actor: DISPATCHER.key, name: 'quickLink.create' as const, args: { id: newId(), ...l, position } })),
  ];

  // Time off: asked for by the technicians, decided by the dispatcher.
  const timeOff = TIME_OFF.map((t) => ({ ...t, id: newId(), startDate: addDaysTo(monday, t.from), endDate: addDaysTo(monday, t.to) }));
  const requests: DemoStep[] = timeOff.map((t) => ({
    actor: t.tech,
    name: 'timeOff.create',
    args: { id: t.id, technicianId: idOf(t.tech), startDate: t.startDate, endDate: t.endDate, kind: t.kind, note: t.note },
  }));
  const decisions: DemoStep[] = timeOff.flatMap((t) => (t.decision ? [{ actor: DISPATCHER.key, name: 'timeOff.update' as const, args: { id: t.id, patch: { status: t.decision } } }] : []));

  const shifts: DemoStep[] = [];
  TECHNICIANS.forEach((tech, t) => {
    const place = placeOf(tech);
    for (let d = 0; d < DAYS; d++) {
      const date = addDaysTo(monday, d);
      const weekday = weekdayOf(date);
      // Weekdays, and one Saturday morning a fortnight for the first technician at each depot.
      const saturday = weekday === 5 && d < 7 && (tech.key === 'jonas' || tech.key === 'marcus');
      if (weekday >= 5 && !saturday) continue;
      if (timeOff.some((o) => o.decision === 'approved' && o.tech === tech.key && o.startDate <= date && date <= o.endDate)) continue;
      const pattern = saturday ? { from: '09:00', to: '13:00' } : PATTERNS[(t + d) % PATTERNS.length];
      const start = instantOfWallTime(date, pattern?.from ?? '08:00', place?.timezone ?? 'UTC');
      const end = instantOfWallTime(date, pattern?.to ?? '16:00', place?.timezone ?? 'UTC');
      if (!start || !end) continue;
      const note = d % 5 === 2 ? `Van check before leaving the ${place?.name ?? 'depot'}` : undefined;
      shifts.push({
        actor: DISPATCHER.key,
        name: 'schedule.create',
        args: { id: newId(), technicianId: idOf(tech.key), locationId: placeIds[tech.place], start: start.toISOString(), end: end.toISOString(), ...(note ? { note } : {}) },
      });
    }
  });

  // Tickets: twelve in each state, reached along the lifecycle by whoever is assigned.
  const creates: DemoStep[] = [];
  const walks: DemoStep[][] = [[], [], []];
  const followUps: DemoStep[] = [];
  let comments = 0;
  for (let i = 0; i < TICKET_COUNT; i++) {
    const status = STATUSES[i % STATUSES.length] ?? 'open';
    const tech = TECHNICIANS[i % TECHNICIANS.length] ?? TECHNICIANS[0];
    if (!tech) continue;
    const fault = FAULTS[i % FAULTS.length];
    const sites = SITES[tech.place];
    const site = sites[Math.floor(i / TECHNICIANS.length) % sites.length] ?? '';
    // A few open tickets wait for the dispatcher to pick someone.
    const unassigned = status === 'open' && i % 3 === 0;
    const id = newId();
    creates.push({
      actor: i % 4 === 1 ? tech.key : DISPATCHER.key,
      name: 'ticket.create',
      args: {
        id,
        title: `${fault?.title ?? 'Fault'} — ${site}`,
        description: fault?.detail ?? '',
        priority: PRIORITIES[i % PRIORITIES.length] ?? 'medium',
        categoryId: categoryIds[fault?.category ?? 0],
        locationId: placeIds[tech.place],
        assigneeId: unassigned ? null : idOf(tech.key),
      },
    });
    STATUS_WALKS[status].forEach((to, step) => {
      walks[step]?.push({ actor: tech.key, name: 'ticket.update', args: { id, patch: { status: to } } });
      walks[step]?.push({ actor: tech.key, name: 'comment.create', args: { id: newId(), ticketId: id, body: STATUS_COMMENTS[to] } });
      comments++;
    });
    if (status === 'open' && !unassigned) {
      followUps.push({ actor: DISPATCHER.key, name: 'comment.create', args: { id: newId(), ticketId: id, body: STATUS_COMMENTS.open } });
      followUps.push({ actor: DISPATCHER.key, name: 'ticket.update', args: { id, patch: { priority: 'urgent' } } });
      comments++;
    }
    // Some closed tickets are archived: kept, out of the way.
    if (status === 'closed' && i % 10 === 4) followUps.push({ actor: DISPATCHER.key, name: 'ticket.archive', args: { id } });
  }

  return {
    phases: [reference, requests, [...decisions, ...shifts], creates, ...walks, followUps].filter((p) => p.length > 0),
    counts: { shifts: shifts.length, timeOff: timeOff.length, tickets: creates.length, comments },
  };
}
