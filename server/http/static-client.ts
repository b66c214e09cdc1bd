import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from '../app-env';

/**
 * Serves the built client. Hashed assets are cached for a year; everything else, above all
 * index.html and the service worker, is revalidated so a new release is picked up. Unknown paths
 * get index.html, because the client router owns them.
 */
export function staticClient(clientDir: string) {
  const app = new Hono<AppEnv>();
  if (!existsSync(join(clientDir, 'index.html'))) return app;
  app.use(
    '/assets/*',
    serveStatic({
      root: clientDir,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  app.use(
    '*',
    serveStatic({
      root: clientDir,
      onFound: (_path, c) => {
        c.header('Cache-Control', 'no-cache');
      },
    }),
  );
  app.get('*', async (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(await readFile(join(clientDir, 'index.html'), 'utf8'));
  });
  return app;
}
