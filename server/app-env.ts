import type { Config } from './config/config';
import type { Database } from './db/database';
import type { SessionRow, UserRow } from './auth/sessions';
import type { AutomaticBackups } from './backup/automatic-backups';
import type { LiveHub } from './sync/live-hub';

/** What the HTTP app is built from. Tests pass their own database and config. */
export interface AppDeps {
  database: Database;
  config: Config;
  /** Folder of the built client; omitted in API-only tests. */
  clientDir?: string;
  version: string;
  /** Pokes and presence for the event streams; started and stopped by whoever builds the app. */
  live: LiveHub;
  /** Automatic backups into `DATA_DIR/backups`; their last time is part of the system status. */
  backups?: AutomaticBackups;
}

/** Per-request values set by the session middleware. */
export interface AppEnv {
  Variables: {
    auth: { session: SessionRow; user: UserRow } | null;
    clientAddress: string;
  };
}
