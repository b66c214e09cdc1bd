import { afterAll, beforeAll } from 'vitest';
import { users } from '../../drizzle/schema';
import { createApp } from '../../server/app';
import { hashPassword } from '../../server/auth/password';
import { loadConfig, type Config } from '../../server/config/config';
import type { Database, Driver } from '../../server/db/database';
import type { Role } from '../../sync/protocol/enums';
import { LiveHub } from '../../server/sync/live-hub';
import { openTestDatabase } from './test-database';

export const ORIGIN = 'http://localhost';
export const PASSWORD = 'correct horse battery';

export interface TestResponse {
  status: number;
  headers: Headers;
  body: unknown;
  /** `error.code` of a JSON error body, if any. */
  code: string | undefined;
}

/** A browser-like client for `app.request()`: keeps the session cookie and sends a same-site Origin. */
export class TestClient {
  cookie: string | undefined;
  lastSetCookie: string | undefined;

  constructor(private readonly app: ReturnType<typeof createApp>) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TestResponse> {
    const init: RequestInit = {
      method,
      headers: {
        ...(method === 'GET' ? {} : { origin: ORIGIN }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    };
    const res = await this.app.request(path, init);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      this.lastSetCookie = setCookie;
      const [pair] = setCookie.split(';');
      this.cookie = pair && !/^session=;|Max-Age=0/.test(setCookie) ? pair : undefined;
    }
    const text = await res.text();
    const parsed: unknown = text ? JSON.parse(text) : null;
    const code = (parsed as { error?: { code?: string } } | null)?.error?.code;
    return { status: res.status, headers: res.headers, body: parsed, code };
  }

  login(email: string, password = PASSWORD, remember?: boolean) {
    return this.request('POST', '/api/auth/login', { email, password, ...(remember === undefined ? {} : { remember }) });
  }
}

export interface TestApp {
  database: Database;
  live: LiveHub;
  app: ReturnType<typeof createApp>;
  config: Config;
  client(): TestClient;
  /** Inserts a user straight into the database and returns its id. */
  createUser(email: string, role?: Role, password?: string): Promise<string>;
  /** A client already signed in as a new user of the given role. */
  signedIn(role: Role, email?: string): Promise<{ client: TestClient; userId: string; email: string }>;
  close(): Promise<void>;
}

let counter = 0;

export async function startTestApp(driver: Driver, env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase(driver);
  const config = loadConfig({ LOG_REQUESTS: 'false', ...env });
  const live = new LiveHub(database, { heartbeatMs: 500 });
  await live.start();
  const app = createApp({ database, config, version: 'test', live });
  const passwordHash = await hashPassword(PASSWORD);
  const testApp: TestApp = {
    database,
    live,
    app,
    config,
    client: () => new TestClient(app),
    async createUser(email, role = 'technician', password) {
      const [row] = await database.db
        .insert(users)
        .values({ email, name: email.split('@')[0] ?? email, role, passwordHash: password ? await hashPassword(password) : passwordHash })
        .returning({ id: users.id });
      if (!row) throw new Error('user insert failed');
      return row.id;
    },
    async signedIn(role, email = `${role}${++counter}@example.com`) {
      const userId = await testApp.createUser(email, role);
      const client = testApp.client();
      const res = await client.login(email);
      if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { client, userId, email };
    },
    close: async () => {
      await live.stop();
      await database.close();
    },
  };
  return testApp;
}

/**
 * Starts a test app before the enclosing describe block's tests and closes it after them. The
 * returned object is filled in by `beforeAll`, so use it only inside hooks and tests.
 */
export function useTestApp(driver: Driver, env: Record<string, string> = {}): TestApp {
  const handle = {} as TestApp;
  beforeAll(async () => {
    Object.assign(handle, await startTestApp(driver, env));
  });
  afterAll(() => handle.close());
  return handle;
}
