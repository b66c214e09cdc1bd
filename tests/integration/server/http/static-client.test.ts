import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticClient } from '../../../../server/http/static-client';

const SCRIPT = `console.log(${JSON.stringify('a technician’s week '.repeat(200))});`;

describe('the built client, served precompressed by content negotiation', () => {
  let dir: string;
  let app: ReturnType<typeof staticClient>;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsched-static-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>client</title>');
    writeFileSync(join(dir, 'assets', 'main-abc123.js'), SCRIPT);
    writeFileSync(join(dir, 'assets', 'main-abc123.js.br'), brotliCompressSync(SCRIPT));
    writeFileSync(join(dir, 'assets', 'main-abc123.js.gz'), gzipSync(SCRIPT));
    writeFileSync(join(dir, 'assets', 'logo-def456.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(dir, 'sw.js'), SCRIPT);
    writeFileSync(join(dir, 'sw.js.gz'), gzipSync(SCRIPT));
    app = staticClient(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const get = (path: string, acceptEncoding?: string) => app.request(path, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('sends brotli to a browser that takes it, as JavaScript, cached for a year, varying by Accept-Encoding', async () => {
    const res = await get('/assets/main-abc123.js', 'gzip, deflate, br, zstd');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(body.length).toBeLessThan(SCRIPT.length / 4);
    expect(brotliDecompressSync(body).toString()).toBe(SCRIPT);
  });

  it('sends gzip to one that takes only gzip', async () => {
    const res = await get('/assets/main-abc123.js', 'gzip');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(SCRIPT);
  });

  it('sends the plain file to one that takes neither, still saying the answer varies', async () => {
    const res = await get('/assets/main-abc123.js');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toMatch(/Accept-Encoding/i);
    expect(await res.text()).toBe(SCRIPT);
  });

  it('leaves files without copies (images) alone, with no Vary', async () => {
    const res = await get('/assets/logo-def456.png', 'br, gzip');
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toBeNull();
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
  });

  it('compresses the unhashed files too, which are revalidated on every load', async () => {
    const res = await get('/sw.js', 'br, gzip');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(SCRIPT);
  });

  it('still answers client routes with index.html', async () => {
    const res = await get('/calendar', 'br');
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/<title>client<\/title>/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });
});
