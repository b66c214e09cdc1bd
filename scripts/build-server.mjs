// `npm run build:server`: bundles the server and its command-line tools into dist/server as plain
// JavaScript, so `npm run start:prod` (and the Docker image) runs no TypeScript compiler and needs
// only the production dependencies, which stay in node_modules (not bundled).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/server', { recursive: true, force: true });
await build({
  entryPoints: { main: 'server/main.ts', backup: 'server/cli/backup.ts', restore: 'server/cli/restore.ts' },
  outdir: 'dist/server',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log('Built the server into dist/server.');
