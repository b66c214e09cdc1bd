/**
 * Many devices (issue 11, target 3): 50 simulated devices, each its own signed-in user with its own
 * clientId, against ONE real server process (`server/main.ts`, spawned as `npm start` runs it) over
 * loopback HTTP for 30 s. Each device speaks the real protocol as the app's replicator does:
 *
 *   - keeps an event stream (`GET /api/sync/events`) open and pulls on every poke, one pull cycle at a
 *     time, pokes arriving meanwhile folded into one more cycle (as Replicator.requestSync does);
 *   - every 2–5 s pushes 1–5 mutations (ticket create/update, comments, shifts) with the
 *     X-Sync-Protocol header and its Origin (CSRF), then pulls, as a push-then-pull cycle does;
 *   - a few devices drop off the network (stream closed, nothing sent) for ~8 s, queue 50 mutations
 *     and come back: one push of the 50, then a pull to catch up.
 *
 * Measured: requests/s and mutations/s, p50/p99/max per request kind, every error (a non-2xx, a
 * network failure or a rejected mutation, each listed), and the server process's RSS sampled from
 * /proc/PID/status through the run (start, peak, end) and its CPU time.
 */
import { setMaxListeners } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { Change, PullResponse } from '../sync/protocol/pull';
import type { PushResponse, WireMutation } from '../sync/protocol/push';
import { PROTOCOL_VERSION } from '../sync/protocol/version';
import { seededRandom, type Random } from '../tests/support/random';
import { freePort, signInAt, spawnServer, waitUntilListening } from '../tests/support/server-process';

const ADMIN = { email: 'bench-devices@example.com', password: 'bench devices admin password' };
const PASSWORD = 'bench device password';

export interface DevicesOptions {
  devices: number;
  seconds: number;
  /** Devices that go offline once, queue this many mutations and come back. */
  offlineDevices: number;
  offlineQueue: number;
  seed: number;
}

export const DEFAULT_DEVICES_OPTIONS: DevicesOptions = { devices: 50, seconds: 30, offlineDevices: 5, offlineQueue: 50, seed: 11 };

export interface LatencyFigures {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export interface DevicesFigures {
  seconds: number;
  requests: number;
  mutations: number;
  pokes: number;
  latency: Record<string, LatencyFigures>;
  errors: string[];
  rss: { startMb: number; peakMb: number; endMb: number; samples: number[] };
  /** CPU seconds the server process used during the window (user + system). */
  serverCpuSeconds: number;
  /** Seconds the server's main thread waited for a CPU while ready to run, during the window. */
  serverRunQueueSeconds: number;
  /** CPU seconds this (client) process used during the window. */
  clientCpuSeconds: number;
}

type Kind = 'push' | `push (${number} queued)` | 'pull' | 'events (connect)';

class Recorder {
  readonly times = new Map<string, number[]>();
  readonly errors: string[] = [];
  requests = 0;
  mutations = 0;
  pokes = 0;
  counting = false;

  time(kind: Kind, ms: number): void {
    if (!this.counting) return;
    this.requests++;
    const list = this.times.get(kind) ?? [];
    list.push(ms);
    this.times.set(kind, list);
  }

  error(message: string): void {
    // Errors count whenever they happen, the setup and the wind-down included.
    if (this.errors.length < 1000) this.errors.push(message);
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const round = (ms: number) => Math.round(ms * 10) / 10;

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** One phone: its session, its clientId and queue, its pull cursor and what it has pulled. */
class Device {
  readonly clientId = crypto.randomUUID();
  private nextId = 1;
  private cursor: string | undefined;
  private pulling: Promise<void> | null = null;
  private pullWanted = false;
  private events: AbortController | undefined;
  private shifts = 0;
  /** Tickets this device has seen (id → version), to update and comment on. */
  private readonly tickets = new Map<string, string>();
  private readonly ownTickets: string[] = [];
  offline = false;

  constructor(
    private readonly url: string,
    private readonly cookie: string,
    readonly userId: string,
    private readonly index: number,
    private readonly rec: Recorder,
    private readonly random: Random,
  ) {}

  private headers(): Record<string, string> {
    return { cookie: this.cookie, origin: this.url, 'content-type': 'application/json', 'x-sync-protocol': String(PROTOCOL_VERSION) };
  }

  /** Opens the event stream and pulls on each poke until `stop` aborts or the device goes offline. */
  async connect(): Promise<void> {
    const controller = new AbortController();
    this.events = controller;
    const started = performance.now();
    let res: Response;
    try {
      res = await fetch(`${this.url}/api/sync/events`, { headers: { cookie: this.cookie, accept: 'text/event-stream' }, signal: controller.signal });
    } catch (error) {
      if (!controller.signal.aborted) this.rec.error(`device ${this.index} events: ${String(error)}`);
      return;
    }
    if (res.status !== 200 || !res.body) {
      this.rec.error(`device ${this.index} events: HTTP ${res.status} ${await res.text()}`);
      return;
    }
    this.rec.time('events (connect)', performance.now() - started);
    const body = res.body;
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of body) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (/^event: ?poke$/m.test(block)) {
              this.rec.pokes++;
              this.requestPull();
            }
          }
        }
        if (!controller.signal.aborted) this.rec.error(`device ${this.index} events: the server ended the stream`);
      } catch (error) {
        if (!controller.signal.aborted) this.rec.error(`device ${this.index} events: ${String(error)}`);
      }
    })();
    // The replicator syncs when its stream (re)opens.
    this.requestPull();
  }

  disconnect(): void {
    this.events?.abort();
    this.events = undefined;
  }

  /** A pull cycle now, or one more after the running one (pokes meanwhile fold into it). */
  requestPull(): Promise<void> {
    if (this.offline) return Promise.resolve();
    this.pullWanted = true;
    this.pulling ??= (async () => {
      while (this.pullWanted && !this.offline) {
        this.pullWanted = false;
        await this.pullUntilCaughtUp();
      }
    })().finally(() => {
      this.pulling = null;
    });
    return this.pulling;
  }

  async settle(): Promise<void> {
    while (this.pulling) await this.pulling;
  }

  private async pullUntilCaughtUp(): Promise<void> {
    for (;;) {
      const q = new URLSearchParams({ clientId: this.clientId, limit: '1000', ...(this.cursor ? { cursor: this.cursor } : {}) });
      const started = performance.now();
      let res: Response;
      let text: string;
      try {
        res = await fetch(`${this.url}/api/sync/pull?${q}`, { headers: this.headers() });
        text = await res.text();
      } catch (error) {
        this.rec.error(`device ${this.index} pull: ${String(error)}`);
        return;
      }
      this.rec.time('pull', performance.now() - started);
      if (res.status !== 200) {
        this.rec.error(`device ${this.index} pull: HTTP ${res.status} ${text.slice(0, 200)}`);
        return;
      }
      const page = JSON.parse(text) as PullResponse;
      this.cursor = page.cursor;
      for (const change of page.changes) this.see(change);
      if (!page.hasMore) return;
    }
  }

  private see(change: Change): void {
    if (change.entity !== 'ticket') return;
    if (change.op === 'del') this.tickets.delete(change.id);
    else this.tickets.set(change.id, change.version);
  }

  /** 1–5 mutations of the kinds a technician makes through a day. */
  makeMutations(count: number): WireMutation[] {
    const out: WireMutation[] = [];
    for (let i = 0; i < count; i++) out.push({ id: this.nextId++, ...this.oneMutation(), at: new Date().toISOString() });
    return out;
  }

  private oneMutation(): Pick<WireMutation, 'name' | 'args'> {
    const roll = this.random.next();
    const known = [...this.tickets.keys()];
    const own = this.ownTickets.filter((id) => this.tickets.has(id));
    if (roll < 0.25 && own.length > 0) {
      const id = this.random.pick(own);
      const patch = this.random.chance(0.5) ? { priority: this.random.pick(['low', 'medium', 'high'] as const) } : { description: `Checked at ${new Date().toISOString()}` };
      return { name: 'ticket.update', args: { id, baseVersion: this.tickets.get(id), patch } };
    }
    if (roll < 0.5 && known.length > 0) {
      return { name: 'comment.create', args: { id: crypto.randomUUID(), ticketId: this.random.pick(known), body: 'On site, replaced the part; back tomorrow to check.' } };
    }
    if (roll < 0.7) {
      // Back-to-back one-hour shifts for this technician alone: never an overlap.
      const start = Date.UTC(2027, 0, 4, 6) + this.shifts++ * 2 * 3_600_000;
      return { name: 'schedule.create', args: { id: crypto.randomUUID(), technicianId: this.userId, start: new Date(start).toISOString(), end: new Date(start + 3_600_000).toISOString(), note: 'Bench shift' } };
    }
    const id = crypto.randomUUID();
    this.ownTickets.push(id);
    return { name: 'ticket.create', args: { id, title: `Boiler pressure low, unit ${this.index}`, priority: 'medium', description: 'Reported by the tenant.' } };
  }

  /**
   * Sends the batch; after a network failure or a 5xx sends the same batch again, as the replicator
   * does (each failure is still an error of the run), so one failure does not turn into gaps.
   */
  async push(mutations: WireMutation[], kind: Kind): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.pushOnce(mutations, kind);
      if (outcome !== 'retry' || attempt === 5) return;
      await sleep(100 * attempt);
    }
  }

  private async pushOnce(mutations: WireMutation[], kind: Kind): Promise<'done' | 'retry'> {
    const started = performance.now();
    let res: Response;
    let text: string;
    try {
      res = await fetch(`${this.url}/api/sync/push`, { method: 'POST', headers: this.headers(), body: JSON.stringify({ clientId: this.clientId, mutations }) });
      text = await res.text();
    } catch (error) {
      this.rec.error(`device ${this.index} ${kind}: ${String(error)}`);
      return 'retry';
    }
    this.rec.time(kind, performance.now() - started);
    if (res.status !== 200) {
      this.rec.error(`device ${this.index} ${kind}: HTTP ${res.status} ${text.slice(0, 200)}`);
      return res.status >= 500 ? 'retry' : 'done';
    }
    if (this.rec.counting) this.rec.mutations += mutations.length;
    const body = JSON.parse(text) as PushResponse;
    for (const r of body.results) {
      if (r.status === 'rejected') {
        const m = mutations.find((x) => x.id === r.id);
        this.rec.error(`device ${this.index} ${m?.name ?? '?'} #${r.id} rejected: ${r.error.code} ${r.error.message}`);
      }
    }
    return 'done';
  }

  /** The device's day for `ms`: push now and then, pull after each push; once offline for a while if asked. */
  async run(ms: number, stop: AbortSignal, offlineAt: number | null, offlineQueue: number): Promise<void> {
    const end = performance.now() + ms;
    const wentOffline = offlineAt === null ? Infinity : performance.now() + offlineAt;
    let queued: WireMutation[] = [];
    while (!stop.aborted && performance.now() < end) {
      await sleep(this.random.int(2_000, 5_000), stop);
      if (stop.aborted || performance.now() >= end) break;
      if (performance.now() >= wentOffline && queued.length === 0 && !this.offline && offlineAt !== null) {
        this.offline = true;
        this.disconnect();
        await this.settle();
        // Work done on the device while away, queued in order.
        queued = this.makeMutations(offlineQueue);
        await sleep(8_000, stop);
        this.offline = false;
        await this.push(queued, `push (${offlineQueue} queued)`);
        offlineAt = null;
        await this.connect();
        continue;
      }
      await this.push(this.makeMutations(this.random.int(1, 5)), 'push');
      await this.requestPull();
    }
  }
}

async function postgresDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `tsched_bench_devices_${process.pid}_${Date.now()}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      await dropper.end();
    },
  };
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/** User + system CPU seconds of a process, from /proc/PID/stat (in clock ticks, 100 a second). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Seconds the process's main thread ran on a CPU and waited in the run queue for one
 * (/proc/PID/schedstat): on a shared machine, the wait is the time other processes took.
 */
function schedSeconds(pid: number): { ran: number; waited: number } {
  const [ran = 0, waited = 0] = readFileSync(`/proc/${pid}/schedstat`, 'utf8').trim().split(' ').map(Number);
  return { ran: ran / 1e9, waited: waited / 1e9 };
}

async function inBatches<T, R>(items: T[], size: number, each: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => each(item, i + j)))));
  return out;
}

/** Runs the whole scenario against a fresh server on PGlite, or on a fresh database at `postgresUrl`. */
export async function devicesBenchmark(postgresUrl: string | undefined, options: DevicesOptions = DEFAULT_DEVICES_OPTIONS): Promise<DevicesFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tsched-bench-devices-'));
  const pg = postgresUrl ? await postgresDatabase(postgresUrl) : undefined;
  const server = spawnServer({
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    BACKUP_INTERVAL_HOURS: '0',
    ...(pg ? { DATABASE_URL: pg.url } : {}),
  }, {
    // e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=test-results/prof" to profile the server.
    nodeArgs: process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [],
  });
  const rec = new Recorder();
  const devices: Device[] = [];
  try {
    await waitUntilListening(server);
    const pid = server.child.pid;
    if (pid === undefined) throw new Error('the server process has no pid');
    const adminCookie = await signInAt(server.url, ADMIN.email, ADMIN.password);
    const random = seededRandom(options.seed);
    const people = await inBatches(Array.from({ length: options.devices }, (_, i) => i), 5, async (i) => {
      const email = `tech${i}@bench.example.com`;
      const res = await fetch(`${server.url}/api/users`, {
        method: 'POST',
        headers: { cookie: adminCookie, origin: server.url, 'content-type': 'application/json' },
        body: JSON.stringify({ email, name: `Technician ${i}`, password: PASSWORD, role: 'technician' }),
      });
      if (res.status !== 201) throw new Error(`creating user ${i}: HTTP ${res.status} ${await res.text()}`);
      const { user } = (await res.json()) as { user: { id: string } };
      return { id: user.id, cookie: await signInAt(server.url, email, PASSWORD) };
    });
    people.forEach((p, i) => devices.push(new Device(server.url, p.cookie, p.id, i, rec, seededRandom(options.seed * 1000 + i))));
    // Signed in and through their first sync before the clock starts.
    await Promise.all(devices.map((d) => d.connect()));
    await Promise.all(devices.map((d) => d.settle()));

    const stop = new AbortController();
    // Every device waits on it at once.
    setMaxListeners(options.devices * 2, stop.signal);
    const samples: number[] = [rssMb(pid)];
    const sampler = setInterval(() => samples.push(rssMb(pid)), 500);
    const cpuStart = cpuSeconds(pid);
    const schedStart = schedSeconds(pid);
    const clientCpuStart = process.cpuUsage();
    rec.counting = true;
    const started = performance.now();
    const ms = options.seconds * 1000;
    // The offline devices leave at staggered times in the first half and are back well before the end.
    const offline = new Set(Array.from({ length: options.offlineDevices }, (_, k) => Math.floor((k * options.devices) / options.offlineDevices)));
    await Promise.all(devices.map((d, i) => d.run(ms, stop.signal, offline.has(i) ? random.int(3_000, Math.max(3_000, ms / 2 - 8_000)) : null, options.offlineQueue)));
    await Promise.all(devices.map((d) => d.settle()));
    const seconds = (performance.now() - started) / 1000;
    rec.counting = false;
    clearInterval(sampler);
    samples.push(rssMb(pid));
    const serverCpuSeconds = cpuSeconds(pid) - cpuStart;
    const serverRunQueueSeconds = schedSeconds(pid).waited - schedStart.waited;
    const clientCpu = process.cpuUsage(clientCpuStart);

    const latency: Record<string, LatencyFigures> = {};
    for (const [kind, list] of [...rec.times].sort(([a], [b]) => a.localeCompare(b))) {
      const sorted = [...list].sort((a, b) => a - b);
      latency[kind] = { count: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted.at(-1) ?? NaN) };
    }
    return {
      seconds: Math.round(seconds * 10) / 10,
      requests: rec.requests,
      mutations: rec.mutations,
      pokes: rec.pokes,
      latency,
      errors: rec.errors,
      rss: { startMb: samples[0] ?? NaN, peakMb: Math.max(...samples), endMb: samples.at(-1) ?? NaN, samples },
      serverCpuSeconds: Math.round(serverCpuSeconds * 10) / 10,
      serverRunQueueSeconds: Math.round(serverRunQueueSeconds * 10) / 10,
      clientCpuSeconds: Math.round(((clientCpu.user + clientCpu.system) / 1e6) * 10) / 10,
    };
  } finally {
    for (const d of devices) d.disconnect();
    server.child.kill('SIGTERM');
    await server.exited;
    if (rec.errors.length) {
      // What the server said about its errors (stack traces of 5xx answers).
      mkdirSync('test-results', { recursive: true });
      const log = `test-results/bench-devices-server-${pg ? 'postgres' : 'pglite'}.log`;
      writeFileSync(log, server.output());
      console.error(`Server output: ${log}`);
    }
    rmSync(dataDir, { recursive: true, force: true });
    await pg?.drop();
  }
}
