import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { MUTATION_NAMES } from '../../../../sync/protocol/mutations';
import { PUSH_BODY_LIMIT, type PushResponse } from '../../../../sync/protocol/push';
import { drivers } from '../../../support/test-database';
import { seedFromEnv, seededRandom, type Random } from '../../../support/random';
import { startTestApp, type TestApp, type TestClient } from '../../../support/test-app';
import { SYNC_HEADERS } from '../../../support/sync-client';

const seed = seedFromEnv();

const junkValues = (r: Random, maxString = 200_000): unknown[] => [
  null,
  true,
  -1,
  0,
  1.5,
  Number.MAX_SAFE_INTEGER * 4,
  '',
  'x'.repeat(r.int(1, maxString)),
  [],
  {},
  { nested: { deeper: [1, 2, { x: 'y' }] } },
  '00000000-0000-0000-0000-00000000000',
  '2026-13-45T99:00:00Z',
];

/** Push bodies whose envelope is wrong: every one must be refused whole with a 4xx. */
function badEnvelope(r: Random, clientId: string): string {
  const mutation = () => ({ id: 1, name: 'ticket.create', args: { id: crypto.randomUUID(), title: 'fuzz', priority: 'low' }, at: new Date().toISOString() });
  const variants: (() => unknown)[] = [
    () => r.pick(junkValues(r)),
    () => ({ mutations: [mutation()] }),
    () => ({ clientId: r.pick(junkValues(r)), mutations: [mutation()] }),
    () => ({ clientId, mutations: r.pick(junkValues(r).filter((v) => !Array.isArray(v))) }),
    () => ({ clientId, mutations: [] }),
    () => ({ clientId, mutations: Array.from({ length: 501 }, (_, i) => ({ ...mutation(), id: i + 1 })) }),
    () => ({ clientId, mutations: [{ ...mutation(), id: r.pick([-1, 0, 1.5, '1', null, 2 ** 60]) }] }),
    () => ({ clientId, mutations: [{ ...mutation(), id: undefined }] }),
    () => ({ clientId, mutations: [{ ...mutation(), name: r.pick(['ticket.destroy', '', 42, null, 'x'.repeat(5000), '__proto__']) }] }),
    () => ({ clientId, mutations: [{ ...mutation(), at: r.pick(junkValues(r)) }] }),
    () => ({ clientId, mutations: [{ ...mutation(), extra: true }] }),
    () => ({ clientId, mutations: [mutation(), { ...mutation(), id: 3 }] }),
    () => ({ clientId, mutations: [{ ...mutation(), id: 2 }, mutation()] }),
    () => ({ clientId, mutations: [mutation()], more: 1 }),
  ];
  const choice = r.int(0, variants.length + 1);
  if (choice === variants.length) return '{"clientId":' + '['.repeat(r.int(1, 5000));
  if (choice === variants.length + 1) return Buffer.from(Array.from({ length: r.int(1, 300) }, () => r.int(0, 255))).toString('latin1');
  return JSON.stringify(variants[choice]?.() ?? null) ?? 'undefined';
}

describe.each(drivers)(`push fuzzing on %s (seed ${seed})`, (driver) => {
  let t: TestApp;
  let http: TestClient;
  const count = async (table: string) => (await t.database.rows<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n;
  beforeAll(async () => {
    t = await startTestApp(driver);
    http = (await t.signedIn('admin')).client;
  });
  afterAll(() => t.close());

  it('answers 200 malformed envelopes with a 4xx and a code, never a 5xx, and applies nothing', async () => {
    const r = seededRandom(seed);
    const before = { tickets: await count('tickets'), clients: await count('sync_clients') };
    for (let i = 0; i < 200; i++) {
      const clientId = crypto.randomUUID();
      const body = badEnvelope(r, clientId);
      const res = await http.request('POST', '/api/sync/push', body, SYNC_HEADERS);
      expect(res.status, `case ${i}: ${body.slice(0, 120)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `case ${i}: ${body.slice(0, 120)}`).toBeLessThan(500);
      expect(res.code, `case ${i}`).toMatch(/^[a-z_]+$/);
    }
    expect({ tickets: await count('tickets'), clients: await count('sync_clients') }).toEqual(before);
  });

  it('rejects mutations with junk args one by one as invalid, applying none of them', async () => {
    const r = seededRandom(seed + 1);
    const clientId = crypto.randomUUID();
    const before = { tickets: await count('tickets'), schedules: await count('schedules'), comments: await count('ticket_comments') };
    const mutations = Array.from({ length: 100 }, (_, i) => {
      const name = r.pick(MUTATION_NAMES);
      // Strings stay short enough that the whole batch fits under the push size limit.
      const junk = () => r.pick(junkValues(r, 15_000));
      const args = r.chance(0.5) ? junk() : { id: junk(), title: junk(), baseVersion: junk(), patch: junk() };
      return { id: i + 1, name, args, at: new Date().toISOString() };
    });
    const res = await http.request('POST', '/api/sync/push', { clientId, mutations }, SYNC_HEADERS);
    expect(res.status).toBe(200);
    const body = res.body as PushResponse;
    expect(body.lastMutationId).toBe(100);
    for (const result of body.results) expect(result).toMatchObject({ status: 'rejected', error: { code: 'invalid' } });
    expect({ tickets: await count('tickets'), schedules: await count('schedules'), comments: await count('ticket_comments') }).toEqual(before);
  });

  it('answers a 5 MB body with 413 before reading it', async () => {
    const huge = JSON.stringify({ clientId: crypto.randomUUID(), mutations: [{ id: 1, name: 'comment.create', args: { body: 'x'.repeat(5 * 1024 * 1024) }, at: new Date().toISOString() }] });
    expect(huge.length).toBeGreaterThan(PUSH_BODY_LIMIT);
    const res = await http.request('POST', '/api/sync/push', huge, SYNC_HEADERS);
    expect(res.status).toBe(413);
    expect(res.code).toBe('payload_too_large');
  });
});
