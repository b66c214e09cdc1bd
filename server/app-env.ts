import type { Config } from './config/config';
import type { Database } from './db/database';
import type { SessionRow, UserRow } from './auth/sessions';

/** What the HTTP app is built from. Tests pass their own database and config. */
export interface AppDeps {
  database: Database;
  config: Config;
  /** Folder of the built client; omitted in API-only tests. */
  clientDir?: string;
  version: string;
}

/** Per-request values set by the session middleware. */
export interface AppEnv {
  Variables: {
    auth: { session: SessionRow; user: UserRow } | null;
    clientAddress: string;
  };
}
