import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { AppEnv } from '../app-env';

/**
 * One kind of static file: served from `clientDir`, in its build-time brotli or gzip copy when the
 * browser accepts one (serveStatic's `precompressed`), with `cacheControl`. The headers go on the
 * response serveStatic returns: set from its `onFound` they would arrive after the response is
 * built, and be lost.
 */
function staticFiles(clientDir: string, cacheControl: string): MiddlewareHandler<AppEnv> {
  const serve = serveStatic<AppEnv>({ root: clientDir, precompressed: true });
  return async (c, next) => {
    const res = await serve(c, next);
    if (!(res instanceof Response)) return; // not a file here: the next handler answered
    res.headers.set('Cache-Control', cacheControl);
    // The answer depends on Accept-Encoding whenever copies exist, also when the plain file went
    // out (serveStatic says so only when it picks a copy): a shared cache must not hand the plain
    // file, or a copy, to every browser.
    const file = join(clientDir, c.req.path);
    if (!res.headers.has('Content-Encoding') && (existsSync(`${file}.br`) || existsSync(`${file}.gz`))) res.headers.append('Vary', 'Accept-Encoding');
    return res;
  };
}

/**
 * Serves the built client. Hashed assets are cached for a year; everything else, above all
 * index.html and the service worker, is revalidated so a new release is picked up. Unknown paths
 * get index.html, because the client router owns them. Files go out precompressed where the build
 * made copies (client/vite.config.ts); this handler is the one place that knows, so every server
 * that mounts it does the same.
 */
export function staticClient(clientDir: string) {
  const app = new Hono<AppEnv>();
  if (!existsSync(join(clientDir, 'index.html'))) return app;
  app.use('/assets/*', staticFiles(clientDir, 'public, max-age=31536000, immutable'));
  app.use('*', staticFiles(clientDir, 'no-cache'));
  app.get('*', async (c) => {
    c.header('Cache-Control', 'no-cache');
    return c.html(await readFile(join(clientDir, 'index.html'), 'utf8'));
  });
  return app;
}
