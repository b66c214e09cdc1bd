import { runMutation } from '../../sync/mutators';
import type { MutationContext } from '../../sync/mutators/port';
import { MutationRejected } from '../../sync/mutators/rejection';
import type { EntityName } from '../../sync/protocol/entities';
import { entityOfMutation } from '../../sync/protocol/mutation-entity';
import type { MutationInput, MutationName } from '../../sync/protocol/mutations';
import type { PullResponse } from '../../sync/protocol/pull';
import type { MutationResult, WireMutation } from '../../sync/protocol/push';
import { dexiePort } from '../db/dexie-port';
import { SYNCED_TABLES, type AttentionItem, type DeviceDatabase, type DeviceTables } from '../db/device-db';
import { confirmedReplayPort, pulledRowKeys } from './confirmed-effects';

/*
 * Every change to the device state, each in one Dexie transaction, so a reload or a crash at any
 * point leaves the queue and the tables consistent.
 */

export type Actor = MutationContext['actor'];

export const META = {
  clientId: 'clientId',
  nextMutationId: 'nextMutationId',
  lastPushedId: 'lastPushedId',
  /**
   * The highest id sent in a push whose answer never came (or was a 5xx): up to it, the server may
   * have processed mutations this device has no answer for.
   */
  unansweredUpTo: 'unansweredUpTo',
  cursor: 'cursor',
  lastSyncAt: 'lastSyncAt',
} as const;

export async function clientIdOf(db: DeviceDatabase): Promise<string> {
  return db.transaction('rw', db.local_meta, async (tx) => {
    const d = db.within(tx);
    const existing = await d.getMeta<string>(META.clientId);
    if (existing) return existing;
    const made = crypto.randomUUID();
    await d.setMeta(META.clientId, made);
    return made;
  });
}

/**
 * Applies a mutation to the device at once and queues it for the server. A mutation the device can
 * already tell is wrong (overlap with a known shift, a forbidden change, bad input) throws
 * MutationRejected and is neither applied nor queued: the user sees why straight away.
 */
export async function enqueue<N extends MutationName>(db: DeviceDatabase, actor: Actor, name: N, args: MutationInput<N>, now = new Date()): Promise<number> {
  // Every request through the transaction's own tables (DeviceDatabase.within): the mutation, its
  // queue entry and the next id are written together or not at all.
  return db.transaction('rw', db.tables, async (tx) => {
    const d = db.within(tx);
    const id = (await d.getMeta<number>(META.nextMutationId)) ?? 1;
    await runMutation(dexiePort(d, now), { actor, now, actedAt: now }, name, args);
    await d.local_queue.add({ id, name, args, at: now.toISOString() });
    await d.setMeta(META.nextMutationId, id + 1);
    return id;
  });
}

/** The queued mutations the server has not answered yet (the status's `pending`). */
async function unsentQuery(db: DeviceDatabase) {
  const after = (await db.getMeta<number>(META.lastPushedId)) ?? 0;
  return db.local_queue.where('id').above(after);
}

export async function unsent(db: DeviceDatabase, limit: number): Promise<WireMutation[]> {
  return (await unsentQuery(db)).limit(limit).toArray();
}

export async function unsentCount(db: DeviceDatabase): Promise<number> {
  return (await unsentQuery(db)).count();
}

/**
 * Records a push answer: rejected mutations move to the attention list (and leave the queue, since
 * they changed nothing on the server); applied ones stay queued until a pull brings their effects.
 */
export async function recordPushResults(db: DeviceDatabase, lastMutationId: number, results: MutationResult[]): Promise<void> {
  await db.transaction('rw', db.local_queue, db.local_attention, db.local_meta, async (tx) => {
    const d = db.within(tx);
    for (const result of results) {
      if (result.status !== 'rejected') continue;
      const m = await d.local_queue.get(result.id);
      if (!m) continue;
      await d.local_attention.add({ mutationId: m.id, name: m.name, args: m.args, at: m.at, error: result.error, rejectedAt: new Date().toISOString() });
      await d.local_queue.delete(m.id);
    }
    await d.setMeta(META.lastPushedId, lastMutationId);
  });
}

/**
 * Applies one pull page (sync-protocol.md, Pull) as a rebase: put back the server's version of
 * every row the device's own changes touched, apply the page, and replay on top, in user order,
 * the confirmed mutations whose effect has not been pulled yet and then the queue.
 *
 * Confirmation (`lastMutationId`, on every page) moves a mutation from the queue to
 * `local_confirmed`. It leaves there once the rows it writes have been pulled again or already
 * show its effect (see confirmed-effects.ts): a row changed again by someone else after the
 * mutation may be held back behind an older transaction, and dropping the mutation before that row
 * arrives would show the old value (docs/decisions/009).
 *
 * Dropping a confirmed mutation from the queue never loses its result: only ids a recorded push
 * answer covers (`lastPushedId`) are confirmed, and a push whose answer was lost is sent again (and
 * answered from the stored results), so every rejection is on the attention list before its id is
 * confirmed, even when another tab's pull reports it processed first.
 */
export async function applyPullPage(db: DeviceDatabase, actor: Actor, page: PullResponse): Promise<void> {
  await db.transaction('rw', db.tables, async (tx) => {
    const d = db.within(tx);
    for (const s of await d.local_shadow.toArray()) {
      if (s.row) await d.table(s.entity).put(s.row);
      else await d.table(s.entity).delete(s.id);
    }
    await d.local_shadow.clear();
    await writeChanges(d, page.changes);
    // Every page, not only the last: each page's lastMutationId is read in that page's snapshot, so
    // from the first page that confirms a mutation on, every row pulled shows its effect (or a later
    // change). Waiting for the last page would replay it over rows the earlier pages of this same
    // pull brought, undoing later changes to them, or bringing back a row deleted since, for good.
    // Only mutations whose push answer this device has recorded: another tab may be waiting for
    // the answer that rejects one (without Web Locks every tab leads), and confirming it first
    // would lose that rejection. Those stay queued and unsent, and are answered again, from the
    // stored results, by the next push.
    const pushed = (await d.getMeta<number>(META.lastPushedId)) ?? 0;
    const confirmed = await d.local_queue.where('id').belowOrEqual(Math.min(page.lastMutationId, pushed)).toArray();
    await d.local_confirmed.bulkPut(confirmed);
    await d.local_queue.bulkDelete(confirmed.map((m) => m.id));
    const pulled = pulledRowKeys(page.changes);
    for (const m of await d.local_confirmed.orderBy('id').toArray()) {
      const at = new Date(m.at);
      const replay = confirmedReplayPort(dexiePort(d, at), pulled, m.awaiting ? new Set(m.awaiting) : null);
      await replayQuietly(() => runMutation(replay.port, { actor, now: at, actedAt: at }, m.name, m.args));
      if (replay.written.size === 0) await d.local_confirmed.delete(m.id);
      else await d.local_confirmed.put({ ...m, awaiting: [...replay.written] });
    }
    for (const m of await d.local_queue.orderBy('id').toArray()) {
      const at = new Date(m.at);
      await replayQuietly(() => runMutation(dexiePort(d, at), { actor, now: at, actedAt: at }, m.name, m.args));
    }
    await d.setMeta(META.cursor, page.cursor);
  });
}

/**
 * Writes a page's changes in order, each run of consecutive puts (or deletes) of one entity as one
 * bulk request: one awaited round trip per run instead of one per row (a first sync's page is a
 * handful of runs). A row changed twice in a run keeps its last state, as writing one by one would.
 */
async function writeChanges(db: DeviceTables, changes: PullResponse['changes']): Promise<void> {
  let i = 0;
  while (i < changes.length) {
    const first = changes[i];
    if (!first) break;
    let end = i + 1;
    while (end < changes.length && changes[end]?.entity === first.entity && changes[end]?.op === first.op) end++;
    const table = db.table(first.entity);
    // In slices: the browser copies each row as it is handed over, all in the task that hands it,
    // so a whole page at once is one long task that freezes the page; a slice is a few ms, and the
    // next one starts in the task that reports the previous one written.
    for (let at = i; at < end; at += WRITE_SLICE) {
      const run = changes.slice(at, Math.min(at + WRITE_SLICE, end));
      if (first.op === 'put') await table.bulkPut(run.map((c) => (c.op === 'put' ? c.row : null)).filter((r) => r !== null));
      else await table.bulkDelete(run.map((c) => c.id));
    }
    i = end;
  }
}

const WRITE_SLICE = 500;

/** A replayed mutation that no longer fits what the server says stays as it is; the server decides. */
async function replayQuietly(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (!(error instanceof MutationRejected)) throw error;
  }
}

/**
 * The server was reset or restored, or lost track of this device: start over with a new client id
 * and a full pull, keeping only what the server has not processed. Mutations up to `processed`
 * (the last id a push answer or the server named) already took effect there, or were discarded by a
 * restore: sending them again would walk a ticket's status twice, file "already exists" items under
 * Needs attention, or overwrite other people's edits made since. The rest is renumbered from 1.
 */
export async function resetForNewEpoch(db: DeviceDatabase, serverLastMutationId = 0): Promise<void> {
  await db.transaction('rw', db.tables, async (tx) => {
    const d = db.within(tx);
    const processed = Math.max(serverLastMutationId, (await d.getMeta<number>(META.lastPushedId)) ?? 0);
    const queue = await d.local_queue.where('id').above(processed).sortBy('id');
    await d.local_queue.clear();
    await d.local_confirmed.clear();
    await d.local_queue.bulkAdd(queue.map((m, i) => ({ ...m, id: i + 1 })));
    await d.setMeta(META.clientId, crypto.randomUUID());
    await d.setMeta(META.nextMutationId, queue.length + 1);
    await d.setMeta(META.lastPushedId, 0);
    await d.setMeta(META.unansweredUpTo, 0);
    await d.local_meta.delete(META.cursor);
    await d.local_shadow.clear();
    for (const entity of SYNCED_TABLES) await d.table(entity).clear();
  });
}

/**
 * Sends a refused change again as a new mutation (after the user fixed what was in the way, such as
 * the clashing shift), with `edited` args when the user changed it first. An update is re-based on
 * the row as the device now has it. If the device can already tell it would still be refused, it
 * throws and the item stays on the list.
 */
export async function resubmitAttention(db: DeviceDatabase, actor: Actor, key: number, edited?: unknown): Promise<void> {
  const item = await db.local_attention.get(key);
  if (!item) return;
  const args = (edited ?? item.args) as Record<string, unknown>;
  let fresh: unknown = args;
  if (typeof args.id === 'string' && 'baseVersion' in args) {
    const entity = entityOfMutation(item.name) as EntityName;
    const row = (await db.table(entity).get(args.id)) as { version?: string } | undefined;
    fresh = { ...args, baseVersion: row?.version ?? args.baseVersion };
  }
  await enqueue(db, actor, item.name, fresh as MutationInput<typeof item.name>);
  await db.local_attention.delete(key);
}

/** Removes an attention item (the user discarded it, or resubmitted it as a new mutation). */
export async function dismissAttention(db: DeviceDatabase, key: number): Promise<void> {
  await db.local_attention.delete(key);
}

/**
 * Moves the first unsent mutation (`refused`, as it was sent), which no push can carry because of
 * its size, to the attention list with `error`, and closes the gap its id would leave: the server
 * refuses a push whose first
 * id is not its last processed id + 1 (`409 mutation_gap`), so every later unsent mutation moves
 * down by one and `nextMutationId` with them, all in one transaction (and so serialized with
 * `enqueue` in this and every other tab, which allocates ids in the same tables).
 *
 * Why renumbering is safe: the server processes a client's ids strictly in order and only past its
 * last processed one, so ids it has never processed carry no meaning yet and may be reassigned.
 * This mutation is the first unsent one (id = lastPushedId + 1); the server never processed it,
 * because every body that carried it was refused whole for its size (or it was never sent, being
 * over the documented limit the server checks before reading anything); and so it never processed
 * any later one either (that would have been a gap). The one assumption: a body refused for its
 * size was not accepted on an earlier attempt whose answer got lost, i.e. the size limit on the way
 * to the server did not shrink between that attempt and this one. If it had, the server would
 * answer the renumbered mutation from the stored result of the one set aside.
 *
 * Its optimistic effect stays on the device tables until the next pull page: `applyPullPage` puts
 * back every shadow (the server's rows from before any pending change, kept for this mutation too)
 * and replays only what is still queued, so the change disappears and the later ones stay.
 */
export async function setAsideUnsendable(db: DeviceDatabase, refused: WireMutation, error: AttentionItem['error']): Promise<void> {
  const mutationId = refused.id;
  await db.transaction('rw', db.local_queue, db.local_attention, db.local_meta, async (tx) => {
    const d = db.within(tx);
    const lastPushed = (await d.getMeta<number>(META.lastPushedId)) ?? 0;
    if (mutationId !== lastPushed + 1) throw new Error(`Only the first unsent mutation (${lastPushed + 1}) can be set aside, not ${mutationId}.`);
    const m = await d.local_queue.get(mutationId);
    // Another tab (all lead without Web Locks) was refused the same change and set it aside first:
    // the id now belongs to the change after it, which nobody has refused.
    if (!m || !sameMutation(m, refused)) return;
    await d.local_attention.add({ mutationId: m.id, name: m.name, args: m.args, at: m.at, error, rejectedAt: new Date().toISOString() });
    const later = await d.local_queue.where('id').above(mutationId).sortBy('id');
    await d.local_queue.where('id').aboveOrEqual(mutationId).delete();
    await d.local_queue.bulkAdd(later.map((l) => ({ ...l, id: l.id - 1 })));
    const next = (await d.getMeta<number>(META.nextMutationId)) ?? mutationId + 1;
    await d.setMeta(META.nextMutationId, next - 1);
  });
}

function sameMutation(a: WireMutation, b: WireMutation): boolean {
  return a.name === b.name && a.at === b.at && JSON.stringify(a.args) === JSON.stringify(b.args);
}
