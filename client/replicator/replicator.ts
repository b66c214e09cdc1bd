import type { MutationInput, MutationName } from '../../sync/protocol/mutations';
import { PUSH_BODY_LIMIT, PUSH_MAX_MUTATIONS } from '../../sync/protocol/push';
import type { DeviceDatabase } from '../db/device-db';
import { backoffDelay } from '../../sync/domain/backoff';
import {
  applyPullPage,
  clientIdOf,
  dismissAttention,
  enqueue,
  META,
  recordPushResults,
  resetForNewEpoch,
  resubmitAttention,
  setAsideUnsendable,
  unsent,
  unsentCount,
  type Actor,
} from './local-state';
import { PUSH_BODY_MARGIN, takeBatch, tooLargeMessage, type PushBatch } from './push-batch';
import { initialStatus, type SyncState, type SyncStatus } from './sync-status';
import type { SyncTransport } from './transport';

/** Mutations per push: one server transaction each, so larger batches commit less often. */
const PUSH_BATCH = 100;
/**
 * Rows per pull page. Larger pages mean fewer round trips and transactions (a first sync of 10,000
 * rows in 1,000-row pages spent most of its time between pages), but each page is parsed and
 * written in main-thread tasks that grow with it; bench/first-sync.ts measures both.
 */
export const PULL_PAGE = 2500;

/** `ask-server`: a refused mutation may already be on the server; pull to learn what it processed. */
type Outcome = 'done' | 'retry' | 'stop' | 'again' | 'ask-server';

export interface ReplicatorOptions {
  db: DeviceDatabase;
  /**
   * The connection pulled pages are written through (default: `db`). The app's opens the same
   * database with relaxed durability (see device.ts): a pulled page lost to a power cut is pulled
   * again, since its cursor is written in the same transaction.
   */
  pullDb?: DeviceDatabase;
  /** Rows per pull page (default PULL_PAGE); smaller in tests, to page through a few rows. */
  pullPageSize?: number;
  transport: SyncTransport;
  actor: Actor;
  random?: () => number;
  /**
   * Several tabs share one device database but only the leader tab may push and pull (so mutation
   * ids never clash); the others hand their requests to it. Absent: always the leader.
   */
  isLeader?: () => boolean;
  nudgeLeader?: () => void;
  /**
   * The largest push body the server takes, in bytes (default: the protocol's PUSH_BODY_LIMIT).
   * Lower in tests, to reach "too large" with mutations the schemas allow.
   */
  pushBodyLimit?: number;
  /** Scheduling hooks, replaceable in tests. */
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/**
 * Moves changes between the device database and the server: push the queue, then pull until
 * caught up. Runs one cycle at a time; asks for another when more work arrived meanwhile; backs off
 * exponentially (with jitter) while the server cannot be reached; stops on 401 and 426 until told
 * to resume. Only one replicator per device should run (see leader.ts).
 */
export class Replicator {
  private readonly db: DeviceDatabase;
  private readonly pullDb: DeviceDatabase;
  private readonly pullPageSize: number;
  private readonly transport: SyncTransport;
  private actor: Actor;
  private readonly random: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private status: SyncStatus = { ...initialStatus };
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private running: Promise<void> | null = null;
  private wanted = false;
  private failures = 0;
  private retryTimer: unknown;
  private stopped = false;
  private readonly isLeader: () => boolean;
  private readonly nudgeLeader: () => void;
  /** The documented limit: a single mutation over it is never sent. */
  private readonly pushBodyLimit: number;
  /**
   * What a batch may weigh: under the documented limit at first, halved on every `413` (a proxy
   * may take less than the server) and kept lower for the replicator's life, so a device behind
   * such a proxy does not have each batch refused once before it fits.
   */
  private pushBudget: number;
  /** The largest body that got through: a `413` for one no larger cannot be about its size. */
  private largestPushAccepted = 0;

  constructor(options: ReplicatorOptions) {
    this.isLeader = options.isLeader ?? (() => true);
    this.nudgeLeader = options.nudgeLeader ?? (() => {});
    this.pushBodyLimit = options.pushBodyLimit ?? PUSH_BODY_LIMIT;
    this.pushBudget = this.pushBodyLimit - Math.min(PUSH_BODY_MARGIN, Math.floor(this.pushBodyLimit / 16));
    this.db = options.db;
    this.pullDb = options.pullDb ?? options.db;
    this.pullPageSize = options.pullPageSize ?? PULL_PAGE;
    this.transport = options.transport;
    this.actor = options.actor;
    this.random = options.random ?? Math.random;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  getStatus(): SyncStatus {
    return this.status;
  }

  subscribe(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  /** Applies a change on the device now and queues it; see local-state.ts `enqueue`. */
  async mutate<N extends MutationName>(name: N, args: MutationInput<N>): Promise<void> {
    await enqueue(this.db, this.actor, name, args);
    await this.refreshCounts();
    this.requestSync();
  }

  /**
   * Sends a refused change again (with `edited` args if the user changed it); throws
   * MutationRejected if the device can tell it still won't fit.
   */
  async resubmit(attentionKey: number, edited?: unknown): Promise<void> {
    await resubmitAttention(this.db, this.actor, attentionKey, edited);
    await this.refreshCounts();
    this.requestSync();
  }

  async discard(attentionKey: number): Promise<void> {
    await dismissAttention(this.db, attentionKey);
    await this.refreshCounts();
  }

  /** Asks for a push and pull soon; many requests while one runs fold into one more cycle. */
  requestSync(): void {
    if (this.stopped) return;
    if (!this.isLeader()) {
      this.nudgeLeader();
      return;
    }
    this.wanted = true;
    if (this.status.state === 'signed-out' || this.status.state === 'upgrade-required') return;
    this.running ??= this.loop().finally(() => {
      this.running = null;
    });
  }

  /** After signing in again (or with a new actor): carry on where it stopped. */
  resume(actor?: Actor): void {
    if (actor) this.actor = actor;
    this.failures = 0;
    this.setState('idle');
    this.requestSync();
  }

  setPresence(online: string[]): void {
    this.update({ presence: online });
  }

  /** Resolves when no cycle is running (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.running) await this.running;
  }

  stop(): void {
    this.stopped = true;
    this.clearTimer(this.retryTimer);
  }

  private async loop(): Promise<void> {
    this.clearTimer(this.retryTimer);
    while (this.wanted && !this.stopped) {
      this.wanted = false;
      this.setState('syncing');
      let outcome: Outcome;
      try {
        outcome = await this.cycle();
      } catch (error) {
        console.error('Sync cycle failed:', error);
        outcome = 'retry';
      }
      await this.refreshCounts();
      if (outcome === 'again') {
        this.wanted = true;
        continue;
      }
      if (outcome === 'retry') {
        this.setState('offline');
        const delay = backoffDelay(this.failures++, this.random);
        this.retryTimer = this.setTimer(() => this.requestSync(), delay);
        return;
      }
      if (outcome === 'stop') return;
      this.failures = 0;
      const now = new Date().toISOString();
      await this.db.setMeta(META.lastSyncAt, now);
      this.update({ state: 'idle', lastSyncAt: now });
    }
  }

  /** One push-then-pull cycle. */
  private async cycle(): Promise<Outcome> {
    const pushed = await this.pushAll();
    if (pushed === 'ask-server') {
      const before = (await this.db.getMeta<number>(META.unansweredUpTo)) ?? 0;
      const pulled = await this.pullAll();
      if (pulled !== 'done') return pulled;
      // The server had not processed it after all: push again, now free to set it aside.
      return ((await this.db.getMeta<number>(META.unansweredUpTo)) ?? 0) < before ? 'again' : 'retry';
    }
    if (pushed !== 'done') return pushed;
    return this.pullAll();
  }

  private async pushAll(): Promise<Outcome> {
    for (;;) {
      const queued = await unsent(this.db, Math.min(PUSH_BATCH, PUSH_MAX_MUTATIONS));
      if (queued.length === 0) return 'done';
      const clientId = await clientIdOf(this.db);
      const batch = takeBatch(clientId, queued, this.pushBudget);
      if (batch.mutations.length === 1 && batch.bytes > this.pushBodyLimit) {
        // The server would refuse it unread; sending it would only stall everything behind it.
        await this.setAsideTooLarge(batch, this.pushBodyLimit);
        continue;
      }
      const res = await this.transport.push({ clientId, mutations: batch.mutations });
      if (!res.ok && (res.kind === 'network' || res.status >= 500)) await this.noteUnanswered(batch);
      if (res.ok) {
        this.largestPushAccepted = Math.max(this.largestPushAccepted, batch.bytes);
        await recordPushResults(this.db, res.body.lastMutationId, res.body.results);
        continue;
      }
      if (res.kind === 'http' && res.status === 413) {
        const outcome = await this.refusedForSize(batch, res.details);
        if (outcome) return outcome;
        continue;
      }
      return this.failed(res);
    }
  }

  /**
   * A `413`: nothing in the body was applied. Halve the budget and send again at once; a mutation
   * refused even alone is set aside as too large, so the queue behind it keeps moving. Returns an
   * outcome only when the cycle should end.
   */
  private async refusedForSize(batch: PushBatch, details: Record<string, unknown>): Promise<Outcome | null> {
    if (batch.bytes <= this.largestPushAccepted) {
      // A bigger body got through before, so either this refusal is not about size (a confused
      // proxy) or the limit has just shrunk. Back off once and stop trusting the old success: a
      // second refusal is then believed, rather than sending every mutation to the attention list
      // on one odd answer.
      this.largestPushAccepted = 0;
      return 'retry';
    }
    this.pushBudget = Math.min(this.pushBudget, Math.floor(batch.bytes / 2));
    if (batch.mutations.length > 1) return null;
    // Sent before without an answer: the server may have applied it (the answer was lost, then the
    // way to the server changed). Setting it aside would renumber the next mutation into its id,
    // which the server would answer from this one's stored result: the next would be lost. Ask the
    // server first (a pull's lastMutationId); if it has it, keep it and try again later: nothing is
    // lost, and it goes, answered from its stored result, once the connection takes it.
    const [only] = batch.mutations;
    const pushed = (await this.db.getMeta<number>(META.lastPushedId)) ?? 0;
    if (only && only.id > pushed && only.id <= ((await this.db.getMeta<number>(META.unansweredUpTo)) ?? 0)) return 'ask-server';
    // Our server states its limit; a proxy usually does not, and then the budget the device now
    // keeps to is the best figure it has.
    const stated = typeof details.limit === 'number' && details.limit > 0 ? details.limit : this.pushBudget;
    await this.setAsideTooLarge(batch, Math.min(stated, batch.bytes - 1));
    return null;
  }

  private async noteUnanswered(batch: PushBatch): Promise<void> {
    const last = batch.mutations.at(-1)?.id ?? 0;
    if (last > ((await this.db.getMeta<number>(META.unansweredUpTo)) ?? 0)) await this.db.setMeta(META.unansweredUpTo, last);
  }

  private async setAsideTooLarge(batch: PushBatch, limit: number): Promise<void> {
    const [m] = batch.mutations;
    if (!m) return;
    await setAsideUnsendable(this.db, m, { code: 'too_large', message: tooLargeMessage(batch.bytes, limit), bytes: batch.bytes, limit });
    await this.refreshCounts();
  }

  private async pullAll(): Promise<Outcome> {
    const clientId = await clientIdOf(this.db);
    type Answer = ReturnType<SyncTransport['pull']>;
    let ahead: { cursor: string; answer: Answer } | null = null;
    for (;;) {
      const cursor = await this.db.getMeta<string>(META.cursor);
      // The page asked for while the previous one was being written, if it was asked from where
      // the device now stands; otherwise (another tab moved the cursor) ask again.
      const answer: Answer = ahead && ahead.cursor === cursor ? ahead.answer : this.transport.pull({ clientId, cursor, limit: this.pullPageSize });
      ahead = null;
      const res: Awaited<Answer> = await answer;
      if (!res.ok) return this.failed(res);
      if (res.body.hasMore) {
        // Ask for the next page now, so the server reads it and the network carries it while this
        // one is written: a first sync of many pages is then paced by the slower of the two, not
        // their sum.
        const next = this.transport.pull({ clientId, cursor: res.body.cursor, limit: this.pullPageSize });
        // Settled here too, so an abandoned request (a failed write) never rejects unobserved.
        next.catch(() => {});
        ahead = { cursor: res.body.cursor, answer: next };
      }
      await applyPullPage(this.pullDb, this.actor, res.body);
      // A pull read after a push whose answer never came tells how far the server got: nothing
      // above its lastMutationId was processed (see refusedForSize).
      const unanswered = (await this.db.getMeta<number>(META.unansweredUpTo)) ?? 0;
      if (res.body.lastMutationId < unanswered) await this.db.setMeta(META.unansweredUpTo, res.body.lastMutationId);
      if (!res.body.hasMore) return 'done';
    }
  }

  private async failed(res: Exclude<Awaited<ReturnType<SyncTransport['push']>>, { ok: true }>): Promise<Outcome> {
    if (res.kind === 'network') return 'retry';
    if (res.status === 401) {
      this.setState('signed-out');
      return 'stop';
    }
    if (res.status === 426) {
      this.setState('upgrade-required');
      return 'stop';
    }
    if (res.status === 409 && (res.code === 'reset_required' || res.code === 'mutation_gap')) {
      // A gap names the last id the server processed for this client; so does a reset the server
      // answers to a push while it still has this client's record (restored from a backup).
      const serverLast = typeof res.details.lastMutationId === 'number' ? res.details.lastMutationId : 0;
      await resetForNewEpoch(this.db, serverLast);
      return 'again';
    }
    // 5xx, 429 or anything unexpected: keep everything and try again later.
    return 'retry';
  }

  /** Re-reads the counts from the database (another tab changed it). */
  async refresh(): Promise<void> {
    await this.refreshCounts();
  }

  private async refreshCounts(): Promise<void> {
    const [pending, attention, lastSyncAt] = await Promise.all([
      unsentCount(this.db),
      this.db.local_attention.toArray(),
      this.db.getMeta<string>(META.lastSyncAt),
    ]);
    this.update({ pending, attention, lastSyncAt: lastSyncAt ?? null });
  }

  private setState(state: SyncState): void {
    if (this.status.state !== state) this.update({ state });
  }

  private update(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const l of this.listeners) l(this.status);
  }
}
