import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Icon {
  src: string;
  sizes?: string;
  type?: string;
  purpose?: string;
}

export interface WebManifest {
  name?: string;
  short_name?: string;
  start_url?: string;
  scope?: string;
  display?: string;
  icons?: Icon[];
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23), or null if it is not a PNG. */
export function pngSize(file: Buffer): { width: number; height: number } | null {
  if (file.length < 24 || file.readUInt32BE(0) !== 0x89504e47 || file.toString('ascii', 12, 16) !== 'IHDR') return null;
  return { width: file.readUInt32BE(16), height: file.readUInt32BE(20) };
}

/**
 * What keeps a browser from offering to install the app, per Chromium's installability checks:
 * a name, 192 and 512 px PNG icons that really are that size, a maskable icon for Android's
 * shapes, standalone display, and a start_url inside the scope. `readIcon` reads an icon's bytes.
 * Answers problems in words; none means installable.
 */
export function installProblems(manifest: WebManifest, origin: string, readIcon: (src: string) => Buffer): string[] {
  const problems: string[] = [];
  if (!manifest.name?.trim() && !manifest.short_name?.trim()) problems.push('no name');
  if (manifest.display !== 'standalone') problems.push(`display is ${manifest.display}, not standalone`);
  const icons = manifest.icons ?? [];
  for (const size of [192, 512]) {
    const icon = icons.find((i) => i.sizes?.split(/\s+/).includes(`${size}x${size}`) && (i.purpose ?? 'any').split(/\s+/).includes('any'));
    if (!icon) {
      problems.push(`no ${size}x${size} icon for any purpose`);
      continue;
    }
    const actual = pngSize(readIcon(icon.src));
    if (!actual || actual.width !== size || actual.height !== size) problems.push(`${icon.src} says ${size}x${size} but is ${actual ? `${actual.width}x${actual.height}` : 'not a PNG'}`);
  }
  const maskable = icons.find((i) => (i.purpose ?? '').split(/\s+/).includes('maskable'));
  if (!maskable) problems.push('no maskable icon');
  else if (!pngSize(readIcon(maskable.src))) problems.push(`${maskable.src} is not a PNG`);
  const scope = new URL(manifest.scope ?? '/', origin).href;
  const start = new URL(manifest.start_url ?? '/', origin).href;
  if (!start.startsWith(scope)) problems.push(`start_url ${start} is outside the scope ${scope}`);
  return problems;
}

/** Reads icons from a folder of static files (client/public, dist/client). */
export const iconsIn = (dir: string) => (src: string) => readFileSync(join(dir, src.replace(/^\//, '')));
