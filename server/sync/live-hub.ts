import type { Database } from '../db/database';
import { PokePacer } from './poke-pacer';

export type LiveEvent = { event: 'poke'; data: string } | { event: 'presence'; data: string };
type Listener = (event: LiveEvent) => void;

/** Sessions that just ended: one, or all of a user's but perhaps the one that asked. */
export type EndedSessions = { sessionId: string } | { userId: string; exceptSessionId?: string };

interface Subscriber {
  userId: string;
  sessionId: string;
  /** Closes the stream: its session has ended. */
  end: () => void;
}

const POKE_CHANNEL = 'sync_poke';
const PRESENCE_CHANNEL = 'sync_presence';
/** `{sessionId}` or `{userId, exceptSessionId?}`: close those streams (also sent by the session purge). */
export const SESSION_END_CHANNEL = 'session_end';

interface Options {
  /** How often each server announces who is connected to it; entries expire after three periods. */
  heartbeatMs: number;
  /** At most one poke per this window: the first change is poked at once, later ones folded (poke-pacer.ts). */
  pokeDelayMs: number;
}

/**
 * The live side of sync: tells connected devices to pull (`poke`) and who is online (`presence`).
 *
 * Pokes come from Postgres NOTIFY (a trigger on change_log, see migration 0003), so a commit on any
 * server process reaches the devices connected to every process. Presence works the same way: each
 * process announces the users connected to it on `sync_presence`, on change and on a heartbeat, and
 * forgets another process's announcement when it stops repeating it.
 *
 * A stream lives no longer than the session that opened it. Whoever ends sessions (logout, password
 * change or reset, deactivation, the purge of expired ones) says so on `session_end`, and every
 * process closes its matching streams; otherwise a stream opened before a logout would keep
 * telling who is online.
 */
export class LiveHub {
  private readonly serverId = crypto.randomUUID();
  private readonly listeners = new Map<Listener, Subscriber>();
  private readonly remote = new Map<string, { online: string[]; expiresAt: number }>();
  private readonly stops: (() => Promise<void>)[] = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private readonly pokes: PokePacer;
  private lastPresence = '';
  private closing = false;
  private readonly options: Options;

  constructor(
    private readonly database: Database,
    options: Partial<Options> = {},
  ) {
    this.options = { heartbeatMs: 15_000, pokeDelayMs: 25, ...options };
    this.pokes = new PokePacer(this.options.pokeDelayMs, () => this.broadcast({ event: 'poke', data: '{}' }));
  }

  async start(): Promise<void> {
    this.stops.push(await this.database.listen(POKE_CHANNEL, () => this.pokes.changed()));
    this.stops.push(await this.database.listen(PRESENCE_CHANNEL, (payload) => this.onPresence(payload)));
    this.stops.push(await this.database.listen(SESSION_END_CHANNEL, (payload) => this.onSessionEnd(payload)));
    this.heartbeat = setInterval(() => void this.announce(), this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.heartbeat);
    this.pokes.stop();
    this.listeners.clear();
    await this.announce().catch(() => {});
    for (const stop of this.stops.splice(0)) await stop().catch(() => {});
  }

  /**
   * Shutting down: ends every event stream on this process, and any opened from now on, so the
   * HTTP server can close; devices reconnect (to another process behind the load balancer).
   */
  closeStreams(): void {
    this.closing = true;
    const open = [...this.listeners.values()];
    this.listeners.clear();
    for (const subscriber of open) subscriber.end();
  }

  /**
   * Registers one event-stream connection, opened by a session of a user; returns the function that
   * unregisters it. `end` is called (and the connection unregistered) when that session ends.
   */
  subscribe(owner: { userId: string; sessionId: string }, listener: Listener, end: () => void): () => void {
    if (this.closing) {
      queueMicrotask(end);
      return () => {};
    }
    this.listeners.set(listener, { ...owner, end });
    // Everyone hears about a newcomer; a newcomer who changes nothing still gets the current list.
    if (!this.presenceChanged()) listener({ event: 'presence', data: this.lastPresence });
    void this.announce();
    return () => {
      if (this.listeners.delete(listener)) void this.announce();
    };
  }

  /**
   * Tells every server process, this one included, to close the streams of sessions that have just
   * ended. Call it after the sessions are deleted: a stream that subscribes later was let in before
   * the delete, within the few milliseconds between its session lookup and its subscription, and
   * that is the only way one can be missed.
   */
  async sessionsEnded(ended: EndedSessions): Promise<void> {
    await this.database.notify(SESSION_END_CHANNEL, JSON.stringify(ended));
  }

  /** Everyone with an open event stream on any server process. */
  online(): string[] {
    const now = Date.now();
    const users = new Set(this.localUsers());
    for (const [server, entry] of this.remote) {
      if (entry.expiresAt < now) this.remote.delete(server);
      else for (const u of entry.online) users.add(u);
    }
    return [...users].sort();
  }

  private localUsers(): string[] {
    return [...new Set([...this.listeners.values()].map((s) => s.userId))];
  }

  private broadcast(event: LiveEvent): void {
    for (const listener of this.listeners.keys()) listener(event);
  }

  private async announce(): Promise<void> {
    this.presenceChanged();
    const online = this.localUsers();
    await this.database.notify(PRESENCE_CHANNEL, JSON.stringify({ server: this.serverId, online })).catch(() => {});
  }

  private onPresence(payload: string): void {
    let message: { server?: unknown; online?: unknown };
    try {
      message = JSON.parse(payload) as typeof message;
    } catch {
      return;
    }
    if (typeof message.server !== 'string' || message.server === this.serverId || !Array.isArray(message.online)) return;
    const online = message.online.filter((u): u is string => typeof u === 'string');
    this.remote.set(message.server, { online, expiresAt: Date.now() + 3 * this.options.heartbeatMs });
    this.presenceChanged();
  }

  /** Broadcasts the online list if it differs from the last one sent; says whether it did. */
  private presenceChanged(): boolean {
    const data = JSON.stringify({ online: this.online() });
    if (data === this.lastPresence) return false;
    this.lastPresence = data;
    this.broadcast({ event: 'presence', data });
    return true;
  }

  private onSessionEnd(payload: string): void {
    let ended: { sessionId?: unknown; userId?: unknown; exceptSessionId?: unknown };
    try {
      ended = JSON.parse(payload) as typeof ended;
    } catch {
      return;
    }
    const matches = (s: Subscriber) =>
      typeof ended.sessionId === 'string'
        ? s.sessionId === ended.sessionId
        : typeof ended.userId === 'string' && s.userId === ended.userId && s.sessionId !== ended.exceptSessionId;
    const closing = [...this.listeners].filter(([, s]) => matches(s));
    if (closing.length === 0) return;
    for (const [listener, subscriber] of closing) {
      this.listeners.delete(listener);
      subscriber.end();
    }
    void this.announce();
  }
}
