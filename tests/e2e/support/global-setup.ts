/**
 * Builds the client when needed and starts the real server (`server/main.ts`, embedded PGlite in a
 * temporary DATA_DIR) once for the browser suite.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, spawnServer, waitUntilListening } from '../../support/server-process';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    adminEmail: string;
    adminPassword: string;
  }
}

export default async function setup(project: TestProject) {
  execSync('node scripts/ensure-client-build.mjs', { stdio: 'inherit' });
  const dataDir = mkdtempSync(join(tmpdir(), 'tsched-e2e-'));
  const adminEmail = 'office@example.com';
  const adminPassword = 'e2e admin password';
  const server = spawnServer({
    PORT: String(await freePort()),
    DATA_DIR: dataDir,
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
  });
  await waitUntilListening(server);
  project.provide('baseUrl', server.url);
  project.provide('adminEmail', adminEmail);
  project.provide('adminPassword', adminPassword);
  return async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
}
