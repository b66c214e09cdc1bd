import { eq } from 'drizzle-orm';
import { users } from '../../drizzle/schema';
import { weekStartOf } from '../../sync/domain/calendar-dates';
import type { PullResponse } from '../../sync/protocol/pull';
import type { PushResponse, WireMutation } from '../../sync/protocol/push';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../sync/protocol/version';
import type { User } from '../../sync/protocol/user';
import { createApp } from '../app';
import type { AppDeps } from '../app-env';
import { createSession, invalidateSession } from '../auth/sessions';
import { bootstrapAdmin } from '../bootstrap-admin';
import { DEMO_PASSWORD, DISPATCHER, PLACES, TECHNICIANS } from './crew';
import { whyNotEmpty } from './emptiness';
import { InProcessClient } from './in-process-client';
import { demoPlan, type DemoPlan, type DemoStep } from './plan';

export class DatabaseNotEmpty extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseNotEmpty';
  }
}

const SYNC = { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) };
const BATCH = 100;

/** One demo person's device: its own client id and mutation ids, speaking the sync protocol. */
class DemoDevice {
  readonly clientId = crypto.randomUUID();
  private nextId = 1;
  private cursor: string | undefined;

  constructor(readonly http: InProcessClient) {}

  /** Pushes the steps in order; any result other than `applied` stops the demo with its reason. */
  async push(steps: { name: WireMutation['name']; args: unknown }[]): Promise<void> {
    for (let i = 0; i < steps.length; i += BATCH) {
      const mutations = steps.slice(i, i + BATCH).map((s) => ({ id: this.nextId++, name: s.name, args: s.args, at: new Date().toISOString() }));
      const answer = await this.http.request<PushResponse>('POST', '/api/sync/push', { clientId: this.clientId, mutations }, SYNC);
      const refused = answer.results.find((r) => r.status !== 'applied');
      if (refused) throw new Error(`The server did not apply demo change ${JSON.stringify(mutations.find((m) => m.id === refused.id))}: ${JSON.stringify(refused)}`);
    }
  }

  /** Pulls what changed since the last pull and notes each row's version. */
  async pullVersions(versions: Map<string, string>): Promise<void> {
    for (;;) {
      const q = new URLSearchParams({ clientId: this.clientId, limit: '5000', ...(this.cursor ? { cursor: this.cursor } : {}) });
      const page = await this.http.request<PullResponse>('GET', `/api/sync/pull?${q}`, undefined, SYNC);
      for (const c of page.changes) if (c.op === 'put') versions.set(c.id, c.version);
      this.cursor = page.cursor;
      if (!page.hasMore) return;
    }
  }
}

const needsVersion = (step: DemoStep) => step.name.endsWith('.update') || step.name.endsWith('.delete');

export interface DemoResult {
  people: { name: string; email: string; role: string }[];
  counts: DemoPlan['counts'];
  /** Set when the demo also made the first administrator (an empty database with no users). */
  admin?: { email: string; generatedPassword?: string };
}

/**
 * Fills an empty database with the demo crew (crew.ts) through the same doors as everyone else:
 * accounts through the users API, everything else as sync pushes that the server's mutators check
 * and apply. Sessions it opens for the demo people are ended when it is done. Refuses (throws
 * DatabaseNotEmpty) a database with anything in it but a first administrator.
 */
export async function fillDemo(deps: AppDeps, today = new Date()): Promise<DemoResult> {
  const { db } = deps.database;
  const why = await whyNotEmpty(db);
  if (why) throw new DatabaseNotEmpty(`${why} npm run demo only fills an empty database, so it changed nothing.`);
  const admin = await bootstrapAdmin(db, deps.config);
  const [acting] = await db.select({ id: users.id }).from(users).where(eq(users.role, 'admin'));
  if (!acting) throw new Error('No administrator to act as.');

  const app = createApp({ ...deps, clientDir: undefined });
  const opened: string[] = [];
  const clientOf = async (userId: string) => {
    const { token, session } = await createSession(db, userId, false);
    opened.push(session.id);
    return new InProcessClient(app, token);
  };
  try {
    const office = await clientOf(acting.id);
    const ids: Record<string, string> = {};
    for (const person of [DISPATCHER, ...TECHNICIANS]) {
      const timezone = PLACES.find((p) => p.key === person.place)?.timezone;
      const { user } = await office.request<{ user: User }>('POST', '/api/users', { name: person.name, email: person.email, role: person.role, timezone, color: person.color, password: DEMO_PASSWORD });
      ids[person.key] = user.id;
    }
    const devices = new Map<string, DemoDevice>();
    for (const [key, id] of Object.entries(ids)) devices.set(key, new DemoDevice(await clientOf(id)));
    const watcher = devices.get(DISPATCHER.key);
    if (!watcher) throw new Error('No dispatcher device.');

    const plan = demoPlan(weekStartOf(today.toISOString().slice(0, 10)), ids);
    const versions = new Map<string, string>();
    for (const phase of plan.phases) {
      await watcher.pullVersions(versions);
      const byActor = new Map<string, DemoStep[]>();
      for (const step of phase) byActor.set(step.actor, [...(byActor.get(step.actor) ?? []), step]);
      for (const [actor, steps] of byActor) {
        const device = devices.get(actor);
        if (!device) throw new Error(`No device for ${actor}.`);
        await device.push(steps.map((s) => ({ name: s.name, args: needsVersion(s) ? { ...s.args, baseVersion: versions.get(String(s.args.id)) ?? '0' } : s.args })));
      }
    }
    return {
      people: [DISPATCHER, ...TECHNICIANS].map((p) => ({ name: p.name, email: p.email, role: p.role })),
      counts: plan.counts,
      ...(admin ? { admin } : {}),
    };
  } finally {
    for (const id of opened) await invalidateSession(db, id);
  }
}
