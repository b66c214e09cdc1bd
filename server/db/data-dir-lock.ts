import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`DATA_DIR ${dataDir} is in use by another server (process ${pid}); stop it first or choose another DATA_DIR.`);
    this.name = 'DataDirInUseError';
  }
}

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Holds `DATA_DIR` for this process with a lock file carrying our real pid.
 *
 * Why our own lock: PGlite leaves its `postmaster.pid` (always the fake pid -42) behind after a
 * crash, and the next open of that folder hangs forever. Once we hold our lock nobody else has the
 * folder open, so a leftover `postmaster.pid` is safe to remove. A lock whose pid is dead (a crash,
 * `kill -9`) or is our own (a container restarted with the same pid) is stale and taken over.
 */
export function acquireDataDirLock(
  dataDir: string,
  pgliteDir: string,
  warn: (message: string) => void = console.warn,
): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = join(dataDir, 'server.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number.parseInt(readFileSync(lockPath, 'utf8').trim(), 10);
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new DataDirInUseError(dataDir, pid);
      }
      warn(`Removing stale lock ${lockPath} (process ${Number.isNaN(pid) ? '?' : pid} is gone).`);
      rmSync(lockPath, { force: true });
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    const leftover = join(pgliteDir, 'postmaster.pid');
    if (existsSync(leftover)) {
      warn(`Removing ${leftover} left behind by a server that did not shut down cleanly.`);
      unlinkSync(leftover);
    }
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        rmSync(lockPath, { force: true });
      },
    };
  }
  throw new Error(`Could not take the lock ${lockPath}: it keeps reappearing.`);
}
