import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding package.json, drizzle/ and dist/. Found by walking up from this module, so the
 * same code works from the sources (`server/`, run by tsx) and from the production bundle
 * (`dist/server/`), which sit at different depths.
 */
function findAppRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${from}`);
  }
}

export const APP_ROOT = findAppRoot(dirname(fileURLToPath(import.meta.url)));
