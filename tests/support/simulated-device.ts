import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { DeviceDatabase } from '../../client/db/device-db';
import type { Actor } from '../../client/replicator/local-state';
import { Replicator, type ReplicatorOptions } from '../../client/replicator/replicator';
import { httpTransport } from '../../client/replicator/transport';
import type { PushResponse, WireMutation } from '../../sync/protocol/push';
import { afterAll } from 'vitest';
import type { Driver } from '../../server/db/database';
import type { Role } from '../../sync/protocol/enums';
import { seededRandom, type Random } from './random';
import { ORIGIN, useTestApp, type TestApp, type TestClient } from './test-app';

export interface ObservedResult {
  clientId: string;
  mutation: WireMutation;
  status: string;
}

/**
 * A phone for tests: a real Dexie database on its own fake IndexedDB, the real replicator, and a
 * network that can be switched off or made to lose responses after the server has acted on them.
 */
export class SimulatedDevice {
  readonly db: DeviceDatabase;
  readonly replicator: Replicator;
  offline = false;
  dropResponses = 0;
  /**
   * A proxy in front of the server that refuses push bodies over this many bytes with an HTML 413,
   * as nginx does, before the server sees them.
   */
  proxyBodyLimit: number | undefined;
  /** The HTTP status of every push answer the device got, the proxy's included. */
  readonly pushStatuses: number[] = [];
  /** Every push result the server sent, including the ones the "network" then lost. */
  readonly observed: ObservedResult[] = [];
  /** Runs after the server answered a push and before the device sees the answer. */
  afterPush: (() => Promise<void>) | undefined;

  constructor(
    readonly t: TestApp,
    readonly http: TestClient,
    readonly actor: Actor,
    random: Random,
    name = `device-${crypto.randomUUID()}`,
    options: Pick<ReplicatorOptions, 'pushBodyLimit'> = {},
  ) {
    this.db = new DeviceDatabase(name, { indexedDB: new IDBFactory(), IDBKeyRange });
    const fetchFn = (async (input: string, init?: RequestInit) => {
      if (this.offline) throw new TypeError('Failed to fetch (offline)');
      const headers = { ...(init?.headers as Record<string, string>), origin: ORIGIN, ...(this.http.cookie ? { cookie: this.http.cookie } : {}) };
      const isPush = input.startsWith('/api/sync/push');
      if (isPush && this.proxyBodyLimit !== undefined && new TextEncoder().encode(String(init?.body)).length > this.proxyBodyLimit) {
        this.pushStatuses.push(413);
        return new Response('<html><body><h1>413 Request Entity Too Large</h1></body></html>', { status: 413, headers: { 'content-type': 'text/html' } });
      }
      const res = await t.app.request(input, { ...init, headers });
      if (isPush) this.pushStatuses.push(res.status);
      if (isPush && res.status === 200) {
        const body = (await res.clone().json()) as PushResponse;
        const sent = JSON.parse(String(init?.body)) as { clientId: string; mutations: WireMutation[] };
        for (const r of body.results) {
          const mutation = sent.mutations.find((m) => m.id === r.id);
          if (mutation) this.observed.push({ clientId: sent.clientId, mutation, status: r.status });
        }
      }
      if (input.startsWith('/api/sync/push')) await this.afterPush?.();
      if (this.dropResponses > 0 && random.chance(this.dropResponses)) throw new TypeError('Failed to fetch (response lost)');
      return res;
    }) as typeof fetch;
    this.replicator = new Replicator({
      db: this.db,
      transport: httpTransport(fetchFn),
      actor,
      ...options,
      random: random.next,
      // Retries are driven by the test, not by wall-clock timers.
      setTimer: () => undefined,
      clearTimer: () => {},
    });
  }

  async sync(): Promise<void> {
    this.replicator.requestSync();
    await this.replicator.settle();
  }

  close(): void {
    this.replicator.stop();
    this.db.close();
  }
}

/**
 * A test app with phones on it, closed together after the tests: `lab.t` is the app (as useTestApp
 * gives it), `lab.signedInDevice(role, seed)` signs a new user in and gives them a SimulatedDevice.
 */
export function useDeviceLab(driver: Driver) {
  const t = useTestApp(driver);
  const devices: SimulatedDevice[] = [];
  // Registered after the app's own afterAll, so it runs first: devices close before the app.
  afterAll(() => {
    for (const d of devices.splice(0)) d.close();
  });
  return {
    t,
    async signedInDevice(role: Role, seed: number) {
      const signedIn = await t.signedIn(role);
      const device = new SimulatedDevice(t, signedIn.client, { id: signedIn.userId, role }, seededRandom(seed));
      devices.push(device);
      return { ...signedIn, device };
    },
  };
}
