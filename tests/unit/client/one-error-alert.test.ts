import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLIENT = join(import.meta.dirname, '../../../client/src');
const THE_ALERT = 'components/error-alert.tsx';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Issue 12: one Alert component for every error. An error drawn by hand (the error class on some
 * paragraph) misses what ErrorAlert guarantees: role=alert, and gone from the screen once its
 * message is cleared.
 */
describe('errors in the client', () => {
  it('are all drawn by ErrorAlert: no other file uses the error alert class', () => {
    const files = sources(CLIENT);
    expect(files.map((f) => relative(CLIENT, f))).toContain(THE_ALERT);
    const byHand = files.filter((f) => relative(CLIENT, f) !== THE_ALERT && readFileSync(f, 'utf8').includes('alert--error')).map((f) => relative(CLIENT, f));
    expect(byHand).toEqual([]);
  });
});
