import { chmod, mkdir, readdir, rename, rm, stat, statfs } from 'node:fs/promises';
import { join } from 'node:path';
import type { BackupStatusResponse } from '../../sync/protocol/backup';
import type { Db } from '../db/database';
import { writeBackupFile } from './write-backup';

/** `backup-20261125T234000123Z.json`: names sort by time, and the time is read back from the name. */
const FINISHED = /^backup-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z\.json$/;
/** Written under this name first; only a complete, flushed file is renamed to look like a backup. */
const IN_PROGRESS = /^\.backup-.*\.partial$/;

/** After a failed backup, the next try waits this long (or one interval, when that is shorter). */
export const RETRY_AFTER_FAILURE_MS = 60 * 60_000;
/**
 * Free space a backup leaves untouched. With the embedded database the backups share its disk, and
 * a database that meets a full disk stops taking writes (Postgres stops altogether when its WAL
 * cannot be written); a backup must never be what fills it.
 */
export const SPARE_BYTES = 256 * 1024 * 1024;

/** Free space needed before a backup starts: the last one's size with room to grow, plus the spare. */
export function roomNeededForBackup(lastBackupBytes: number | undefined): number {
  return Math.ceil((lastBackupBytes ?? 0) * 1.25) + SPARE_BYTES;
}

async function freeBytesOnDisk(dir: string): Promise<number> {
  const fs = await statfs(dir);
  return fs.bavail * fs.bsize;
}

const mib = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} MiB`;

export function backupFileName(at: Date): string {
  return `backup-${at.toISOString().replace(/[-:.]/g, '')}.json`;
}

export function timeOfBackupFile(name: string): Date | null {
  const m = FINISHED.exec(name);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`) : null;
}

export interface AutomaticBackupsOptions {
  dir: string;
  intervalHours: number;
  keep: number;
  appVersion: string;
  now?: () => Date;
  /** How often to look whether a backup is due. */
  checkEveryMs?: number;
  /** Free bytes on the disk holding `dir` (tests give a full disk). */
  freeBytes?: (dir: string) => Promise<number>;
}

export type BackupStatus = NonNullable<BackupStatusResponse['automatic']>;

/**
 * Automatic backups into `DATA_DIR/backups` every `BACKUP_INTERVAL_HOURS`, keeping the newest
 * `BACKUP_KEEP`. When the last one is found from the files themselves, a restart neither skips nor
 * repeats one: a server that restarts more often than the interval still backs up on time.
 */
export class AutomaticBackups {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastAt: Date | null = null;
  private lastError: string | null = null;
  private lastFailedAt: Date | null = null;
  private readonly stopping = new AbortController();
  private readonly now: () => Date;

  constructor(
    private readonly db: Db,
    private readonly options: AutomaticBackupsOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  get enabled(): boolean {
    return this.options.intervalHours > 0;
  }

  async start(): Promise<void> {
    if (!this.enabled) return;
    await mkdir(this.options.dir, { recursive: true, mode: 0o700 });
    // Also when the folder already existed (an image or an admin made it): backups hold password
    // hashes. A folder someone else owns keeps its mode; the files themselves are 0600 regardless.
    await chmod(this.options.dir, 0o700).catch(() => {});
    // A crash during a backup leaves its partial file: never a backup, so it goes.
    for (const name of await readdir(this.options.dir)) {
      if (IN_PROGRESS.test(name)) await rm(join(this.options.dir, name), { force: true });
    }
    this.lastAt = (await this.finished())[0]?.at ?? null;
    const every = this.options.checkEveryMs ?? Math.min(60_000, this.options.intervalHours * 3_600_000);
    this.timer = setInterval(() => void this.runIfDue(), every);
    this.timer.unref();
    void this.runIfDue();
  }

  /**
   * Stops the timer and waits for a backup under way, or with `abandon` gives it up (its partial
   * file is removed): a shutdown then closes the database within its grace period instead of being
   * killed mid-read by `docker stop`. Nothing is lost: the next start finds the last finished
   * backup and takes one at once if it is due.
   */
  async stop(options: { abandon?: boolean } = {}): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    if (options.abandon) this.stopping.abort(new Error('The server is shutting down: the backup under way was abandoned.'));
    await this.running;
  }

  status(): BackupStatus {
    return {
      intervalHours: this.options.intervalHours,
      keep: this.options.keep,
      directory: this.options.dir,
      lastAt: this.lastAt?.toISOString() ?? null,
      lastError: this.lastError,
    };
  }

  async runIfDue(): Promise<void> {
    if (!this.enabled || this.running) return;
    const now = this.now().getTime();
    const interval = this.options.intervalHours * 3_600_000;
    // A last backup "in the future" means the clock was wrong then (or is now): waiting for that
    // time to come round could mean no backups for years, so one is taken.
    const due = !this.lastAt || now - this.lastAt.getTime() >= interval || this.lastAt.getTime() > now;
    // A failing backup (a full disk, say) is not tried again every minute: each try reads the
    // whole database and, on a full disk, fills it again for everything else.
    const resting = this.lastFailedAt !== null && now - this.lastFailedAt.getTime() < Math.min(interval, RETRY_AFTER_FAILURE_MS);
    if (due && !resting) await this.runNow();
  }

  /** Takes a backup now (one at a time), then removes all but the newest `keep`. */
  async runNow(): Promise<void> {
    if (this.running || this.stopping.signal.aborted) return this.running;
    this.running = this.backUp().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async backUp(): Promise<void> {
    const at = this.now();
    const name = backupFileName(at);
    const partial = join(this.options.dir, `.${name}.partial`);
    try {
      await mkdir(this.options.dir, { recursive: true, mode: 0o700 });
      const newest = (await this.finished())[0];
      const lastSize = newest ? (await stat(join(this.options.dir, newest.name)).catch(() => undefined))?.size : undefined;
      const needed = roomNeededForBackup(lastSize);
      const free = await (this.options.freeBytes ?? freeBytesOnDisk)(this.options.dir);
      if (free < needed) {
        throw new Error(
          `Not enough free disk space in ${this.options.dir}: ${mib(free)} free, a backup needs ${mib(needed)} (its size with room to grow, and ${mib(SPARE_BYTES)} left for the database). Free some space or lower BACKUP_KEEP.`,
        );
      }
      await writeBackupFile(this.db, partial, { appVersion: this.options.appVersion, signal: this.stopping.signal });
      await rename(partial, join(this.options.dir, name));
      this.lastAt = at;
      this.lastError = null;
      this.lastFailedAt = null;
      for (const old of (await this.finished()).slice(this.options.keep)) await rm(join(this.options.dir, old.name), { force: true });
    } catch (error) {
      await rm(partial, { force: true }).catch(() => {});
      this.lastError = error instanceof Error ? error.message : String(error);
      this.lastFailedAt = at;
      console.error('Automatic backup failed:', error);
    }
  }

  /** Finished backups, newest first. */
  private async finished(): Promise<{ name: string; at: Date }[]> {
    const names = await readdir(this.options.dir).catch(() => [] as string[]);
    return names
      .map((name) => ({ name, at: timeOfBackupFile(name) }))
      .filter((f): f is { name: string; at: Date } => f.at !== null)
      .sort((a, b) => b.at.getTime() - a.at.getTime());
  }
}
