import { describe, expect, it } from 'vitest';
import { addDaysTo, localDateOf, weekdayOf } from '../../../../sync/domain/calendar-dates';
import { canTransition, type TicketStatus } from '../../../../sync/domain/ticket-status';
import { mutationArgsSchemas } from '../../../../sync/protocol/mutations';
import { DISPATCHER, PLACES, TECHNICIANS } from '../../../../server/demo/crew';
import { DAYS, demoPlan, TICKET_COUNT } from '../../../../server/demo/plan';

const MONDAY = '2026-11-23';
const people = [DISPATCHER, ...TECHNICIANS];
const ids = Object.fromEntries(people.map((p) => [p.key, crypto.randomUUID()]));
const plan = demoPlan(MONDAY, ids);
const steps = plan.phases.flat();
const zoneOf = (technicianId: unknown) => {
  const person = people.find((p) => ids[p.key] === technicianId);
  return PLACES.find((pl) => pl.key === person?.place)?.timezone ?? 'UTC';
};

describe('the demo plan', () => {
  it('is a dispatcher and eight technicians at two depots in different time zones', () => {
    expect(DISPATCHER.role).toBe('admin');
    expect(TECHNICIANS).toHaveLength(8);
    expect(TECHNICIANS.every((t) => t.role === 'technician')).toBe(true);
    expect(new Set(PLACES.map((p) => p.timezone)).size).toBe(2);
    expect(new Set(TECHNICIANS.map((t) => t.place))).toEqual(new Set(PLACES.map((p) => p.key)));
    expect(new Set(people.map((p) => p.email.toLowerCase())).size).toBe(people.length);
  });

  it('has only mutations whose args the protocol accepts (with the version the runner adds)', () => {
    for (const step of steps) {
      const args = step.name.endsWith('.update') || step.name.endsWith('.delete') ? { ...step.args, baseVersion: '1' } : step.args;
      const parsed = mutationArgsSchemas[step.name].safeParse(args);
      expect(parsed.success, `${step.name} ${JSON.stringify(step.args)}`).toBe(true);
    }
  });

  it('plans two weeks of shifts that never overlap for one technician and skip approved time off', () => {
    const shifts = steps.filter((s) => s.name === 'schedule.create').map((s) => s.args as { technicianId: string; start: string; end: string });
    expect(shifts.length).toBe(plan.counts.shifts);
    const dates = new Set(shifts.map((s) => localDateOf(s.start, zoneOf(s.technicianId))));
    expect([...dates].sort()[0]).toBe(MONDAY);
    expect([...dates].every((d) => d >= MONDAY && d <= addDaysTo(MONDAY, DAYS - 1))).toBe(true);
    // Every technician works on most weekdays of both weeks.
    for (const tech of TECHNICIANS) expect(shifts.filter((s) => s.technicianId === ids[tech.key]).length).toBeGreaterThanOrEqual(7);
    for (const a of shifts)
      for (const b of shifts) if (a !== b && a.technicianId === b.technicianId) expect(a.start < b.end && b.start < a.end).toBe(false);

    const approvals = new Set(steps.filter((s) => s.name === 'timeOff.update' && (s.args.patch as { status: string }).status === 'approved').map((s) => s.args.id));
    const approved = steps.filter((s) => s.name === 'timeOff.create' && approvals.has(s.args.id)).map((s) => s.args as { technicianId: string; startDate: string; endDate: string });
    expect(approved.length).toBeGreaterThan(0);
    for (const off of approved)
      for (const s of shifts.filter((x) => x.technicianId === off.technicianId)) {
        const day = localDateOf(s.start, zoneOf(s.technicianId));
        expect(day >= off.startDate && day <= off.endDate, `${day} in ${off.startDate}–${off.endDate}`).toBe(false);
      }
    expect(shifts.some((s) => weekdayOf(localDateOf(s.start, zoneOf(s.technicianId))) === 5)).toBe(true);
  });

  it('has some time off approved, one denied and one still waiting', () => {
    const decisions = steps.filter((s) => s.name === 'timeOff.update').map((s) => (s.args.patch as { status: string }).status);
    expect(decisions).toContain('approved');
    expect(decisions).toContain('denied');
    expect(steps.filter((s) => s.name === 'timeOff.create').length).toBeGreaterThan(decisions.length);
  });

  it('brings sixty tickets to every state along the lifecycle, by their assignees, with comments', () => {
    const creates = steps.filter((s) => s.name === 'ticket.create');
    expect(creates).toHaveLength(TICKET_COUNT);
    const final = new Map<string, TicketStatus>(creates.map((c) => [String(c.args.id), 'open']));
    for (const s of steps.filter((x) => x.name === 'ticket.update')) {
      const to = (s.args.patch as { status?: TicketStatus }).status;
      if (!to) continue;
      const from = final.get(String(s.args.id)) ?? 'open';
      expect(canTransition(from, to, false), `${from} → ${to}`).toBe(true);
      const ticket = creates.find((c) => c.args.id === s.args.id);
      expect(ids[s.actor]).toBe(ticket?.args.assigneeId);
      final.set(String(s.args.id), to);
    }
    const counts = [...final.values()].reduce<Record<string, number>>((n, st) => ({ ...n, [st]: (n[st] ?? 0) + 1 }), {});
    expect(counts).toEqual({ open: 12, in_progress: 12, pending: 12, resolved: 12, closed: 12 });
    expect(steps.filter((s) => s.name === 'comment.create')).toHaveLength(plan.counts.comments);
    expect(plan.counts.comments).toBeGreaterThan(TICKET_COUNT);
    expect(creates.some((c) => c.args.assigneeId === null)).toBe(true);
  });

  it('changes each row at most once a phase, so the versions pulled before a phase are current', () => {
    for (const phase of plan.phases) {
      const touched = phase.filter((s) => s.name.endsWith('.update') || s.name.endsWith('.archive')).map((s) => String(s.args.id));
      expect(new Set(touched).size).toBe(touched.length);
    }
  });
});
