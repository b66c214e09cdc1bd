import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquireDataDirLock, DataDirInUseError } from '../../../../server/db/data-dir-lock';

const dirs: string[] = [];
function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'tsched-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the DATA_DIR lock', () => {
  it('writes our pid and removes the lock on release', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir, join(dir, 'pglite'), () => {});
    expect(readFileSync(join(dir, 'server.lock'), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
    expect(existsSync(join(dir, 'server.lock'))).toBe(false);
  });

  it('refuses when a live process holds it, naming that pid', async () => {
    const dir = tempDir();
    const sleeper = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dir, 'server.lock'), `${sleeper.pid}\n`);
      expect(() => acquireDataDirLock(dir, join(dir, 'pglite'), () => {})).toThrow(DataDirInUseError);
      expect(() => acquireDataDirLock(dir, join(dir, 'pglite'), () => {})).toThrow(`process ${sleeper.pid}`);
    } finally {
      sleeper.kill();
    }
  });

  it('takes over a lock whose process is gone and clears PGlite’s leftover postmaster.pid, with warnings', async () => {
    const dir = tempDir();
    const dead = spawn('true');
    await new Promise((r) => dead.once('exit', r));
    writeFileSync(join(dir, 'server.lock'), `${dead.pid}\n`);
    mkdirSync(join(dir, 'pglite'));
    writeFileSync(join(dir, 'pglite', 'postmaster.pid'), '-42\n');
    const warnings: string[] = [];
    const lock = acquireDataDirLock(dir, join(dir, 'pglite'), (m) => warnings.push(m));
    expect(existsSync(join(dir, 'pglite', 'postmaster.pid'))).toBe(false);
    expect(warnings.join('\n')).toMatch(/stale lock[\s\S]*postmaster\.pid/);
    lock.release();
  });

  it('treats a lock naming our own pid as stale (a restarted container reuses pids)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'server.lock'), `${process.pid}\n`);
    const lock = acquireDataDirLock(dir, join(dir, 'pglite'), () => {});
    lock.release();
  });
});
