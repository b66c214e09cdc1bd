import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNCED_TABLES } from '../../../../client/db/device-db';
import { MutationRejected } from '../../../../sync/mutators/rejection';
import { overlaps } from '../../../../sync/domain/overlap';
import { entityOfMutation } from '../../../../sync/protocol/mutation-entity';
import type { MutationInput, MutationName } from '../../../../sync/protocol/mutations';
import type { EntityRow } from '../../../../sync/protocol/entities';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../../../../sync/protocol/enums';
import { drivers } from '../../../support/test-database';
import { seedFromEnv, seededRandom, type Random } from '../../../support/random';
import { SimulatedDevice } from '../../../support/simulated-device';
import { startTestApp, type TestApp } from '../../../support/test-app';
import { SyncDevice, latest } from '../../../support/sync-client';

const seed = seedFromEnv();
const DEVICES = 5;
const TARGET_MUTATIONS = 1000;

type Op = { [N in MutationName]: { name: N; args: MutationInput<N> } }[MutationName];

/** A random but plausible thing for this user to do, based on what their device knows. */
async function randomOp(r: Random, d: SimulatedDevice, technicians: string[]): Promise<Op | null> {
  const tickets = await d.db.ticket.toArray();
  const shifts = await d.db.schedule.toArray();
  const isAdmin = d.actor.role === 'admin';
  const techId = isAdmin ? r.pick(technicians) : d.actor.id;
  const slot = () => {
    // A small window of days and hours, so shifts collide often.
    const day = r.int(1, 4);
    const hour = r.int(0, 20);
    const start = new Date(Date.UTC(2026, 5, day, hour));
    return { start: start.toISOString(), end: new Date(start.getTime() + r.int(1, 6) * 3_600_000).toISOString() };
  };
  const pick = r.int(0, 99);
  if (pick < 18 || tickets.length === 0) {
    return { name: 'ticket.create', args: { id: crypto.randomUUID(), title: `Ticket ${r.int(1, 9999)}`, priority: r.pick(TICKET_PRIORITIES), assigneeId: r.chance(0.5) ? r.pick(technicians) : null } };
  }
  const ticket = r.pick(tickets);
  if (pick < 40) {
    const patch = r.pick([{ title: `Renamed ${r.int(1, 999)}` }, { priority: r.pick(TICKET_PRIORITIES) }, { description: `Notes ${r.int(1, 999)}` }, { status: r.pick(TICKET_STATUSES) }, { assigneeId: r.pick(technicians) }]);
    return { name: 'ticket.update', args: { id: ticket.id, baseVersion: ticket.version, patch } };
  }
  if (pick < 55) return { name: 'comment.create', args: { id: crypto.randomUUID(), ticketId: ticket.id, body: `Comment ${r.int(1, 9999)}` } };
  if (pick < 75) return { name: 'schedule.create', args: { id: crypto.randomUUID(), technicianId: techId, ...slot() } };
  const mine = shifts.filter((s) => isAdmin || s.technicianId === d.actor.id);
  if (pick < 85 && mine.length) {
    const shift = r.pick(mine);
    return { name: 'schedule.update', args: { id: shift.id, baseVersion: shift.version, patch: r.chance(0.5) ? slot() : { note: `Note ${r.int(1, 99)}` } } };
  }
  if (pick < 90 && mine.length) {
    const shift = r.pick(mine);
    return { name: 'schedule.delete', args: { id: shift.id, baseVersion: shift.version } };
  }
  if (pick < 95) {
    const day = r.int(1, 5);
    const timeOffId = crypto.randomUUID();
    return { name: 'timeOff.create', args: { id: timeOffId, technicianId: techId, startDate: `2026-06-0${day}`, endDate: `2026-06-0${day}`, kind: 'vacation' } };
  }
  if (isAdmin) {
    const requested = (await d.db.timeOff.toArray()).filter((x) => x.status === 'requested');
    if (requested.length) {
      const t = r.pick(requested);
      return { name: 'timeOff.update', args: { id: t.id, baseVersion: t.version, patch: { status: 'approved' } } };
    }
    return { name: 'ticket.archive', args: { id: ticket.id } };
  }
  return { name: 'comment.create', args: { id: crypto.randomUUID(), ticketId: ticket.id, body: 'Another comment' } };
}

const sortById = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

describe.each(drivers)(`convergence of ${DEVICES} devices on %s (seed ${seed}; replay with TEST_SEED=${seed})`, (driver) => {
  let t: TestApp;
  const devices: SimulatedDevice[] = [];
  beforeAll(async () => {
    t = await startTestApp(driver);
  });
  afterAll(async () => {
    for (const d of devices) d.close();
    await t.close();
  });

  it(`reaches the same state everywhere after ≥ ${TARGET_MUTATIONS} random mutations with outages and lost responses`, async () => {
    const r = seededRandom(seed);
    const people = [await t.signedIn('admin'), ...(await Promise.all(Array.from({ length: DEVICES - 1 }, () => t.signedIn('technician'))))];
    const technicians = people.slice(1).map((p) => p.userId);
    for (const [i, p] of people.entries()) {
      devices.push(new SimulatedDevice(t, p.client, { id: p.userId, role: i === 0 ? 'admin' : 'technician' }, r));
    }
    for (const d of devices) await d.sync();

    let queued = 0;
    let refusedOnDevice = 0;
    while (queued < TARGET_MUTATIONS) {
      const d = r.pick(devices);
      const roll = r.int(0, 99);
      if (roll < 70) {
        const op = await randomOp(r, d, technicians);
        if (!op) continue;
        try {
          await d.replicator.mutate(op.name, op.args as never);
          queued++;
        } catch (error) {
          if (!(error instanceof MutationRejected)) throw error;
          refusedOnDevice++;
        }
      } else if (roll < 80) {
        d.offline = !d.offline;
      } else if (roll < 85) {
        d.dropResponses = r.pick([0, 0, 0.3, 0.7]);
      } else {
        await d.sync();
      }
    }

    // Everyone comes back online and syncs until nothing is left to send.
    for (const d of devices) {
      d.offline = false;
      d.dropResponses = 0;
    }
    for (let round = 0; round < 3; round++) for (const d of devices) await d.sync();

    // 1. Nothing is left in any queue.
    for (const d of devices) expect(await d.db.local_queue.count()).toBe(0);
    for (const d of devices) expect(await d.db.local_confirmed.count()).toBe(0);

    // 2. Every device holds exactly the server's rows.
    const reference = new SyncDevice(people[0]?.client ?? t.client());
    const serverChanges = await reference.pullAll();
    const server: Record<string, Record<string, unknown>[]> = {};
    for (const c of serverChanges) if (c.op === 'put') (server[c.entity] ??= []).push(c.row);
    for (const d of devices) {
      for (const entity of SYNCED_TABLES) {
        const local = sortById((await d.db.table(entity).toArray()) as { id: string }[]);
        expect(local, `${entity} on device of ${d.actor.id}`).toEqual(sortById((server[entity] ?? []) as { id: string }[]));
      }
    }

    // 3. Every rejection is on its device's attention list; every accepted create is on the server.
    const rejected = devices.flatMap((d) => d.observed.filter((o) => o.status === 'rejected').map((o) => ({ d, id: o.mutation.id })));
    for (const d of devices) {
      const attention = (await d.db.local_attention.toArray()).map((a) => a.mutationId).sort((a, b) => a - b);
      const expected = [...new Set(rejected.filter((x) => x.d === d).map((x) => x.id))].sort((a, b) => a - b);
      expect(attention).toEqual(expected);
    }
    const accepted = devices.flatMap((d) => d.observed.filter((o) => o.status !== 'rejected').map((o) => o.mutation));
    const deleted = new Set(accepted.filter((m) => m.name.endsWith('.delete')).map((m) => (m.args as { id: string }).id));
    for (const m of accepted) {
      if (!m.name.endsWith('.create')) continue;
      const { id } = m.args as { id: string };
      const entity = entityOfMutation(m.name);
      if (!deleted.has(id)) expect(latest(serverChanges, entity, id), `${m.name} ${id}`).toBeTruthy();
    }

    // 4. No technician is double-booked.
    const shifts = (server.schedule ?? []) as EntityRow<'schedule'>[];
    for (const a of shifts) {
      for (const b of shifts) {
        if (a.id < b.id && a.technicianId === b.technicianId) {
          expect(overlaps({ start: new Date(a.start), end: new Date(a.end) }, { start: new Date(b.start), end: new Date(b.end) }), `${a.id} vs ${b.id}`).toBe(false);
        }
      }
    }
    expect(queued).toBeGreaterThanOrEqual(TARGET_MUTATIONS);
    expect(rejected.length).toBeGreaterThan(0);
    console.log(`convergence (${driver}, seed ${seed}): ${queued} queued, ${refusedOnDevice} refused on the device, ${rejected.length} rejected by the server`);
  }, 300_000);
});
