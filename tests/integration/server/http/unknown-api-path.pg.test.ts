import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../../server/app';
import { drivers } from '../../../support/test-database';
import { ORIGIN, TestClient, useTestApp } from '../../../support/test-app';

describe.each(drivers)('unknown API paths on %s, with the client build served', (driver) => {
  const t = useTestApp(driver);
  let clientDir: string;
  let client: TestClient;
  beforeAll(() => {
    clientDir = mkdtempSync(join(tmpdir(), 'tsched-client-'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>client</title>');
    client = new TestClient(createApp({ database: t.database, config: t.config, version: 'test', live: t.live, clientDir }));
  });
  afterAll(() => rmSync(clientDir, { recursive: true, force: true }));

  it('answer 404 not_found as JSON for every method, never the client page', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']) {
      for (const path of ['/api/nope', '/api/auth/nope/deeper', '/api/']) {
        const res = await client.request(method, path, method === 'GET' || method === 'DELETE' ? undefined : {});
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.headers.get('content-type'), `${method} ${path}`).toMatch(/application\/json/);
        expect(res.code, `${method} ${path}`).toBe('not_found');
        expect((res.body as { error: { message: string } }).error.message).toEqual(expect.any(String));
      }
    }
  });

  it('still leave other paths to the client router, and known API routes alone', async () => {
    const app = createApp({ database: t.database, config: t.config, version: 'test', live: t.live, clientDir });
    const page = await app.request('/schedule/week');
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<title>client<\/title>/);
    const me = await client.request('GET', '/api/auth/me');
    expect(me.code).toBe('unauthenticated');
    const wrongMethod = await client.request('PUT', '/api/auth/login', {}, { origin: ORIGIN });
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.code).toBe('not_found');
  });
});
