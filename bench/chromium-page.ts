/**
 * Builds a benchmark page with Vite (the real components and CSS), serves it from a small static
 * server and hands fresh headless-Chromium pages to the caller, one per run. Used by the browser
 * benchmarks (week board, ticket list).
 */
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import solid from 'vite-plugin-solid';
import { boardModules, compileHints } from '../client/vite/compile-hints';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Runs `each` on `runs` fresh 1440×900 pages showing the page built from `root` (a folder with index.html). */
export async function withBenchPages<T>(root: string, runs: number, each: (page: Page) => Promise<T>): Promise<T[]> {
  const out = mkdtempSync(join(tmpdir(), 'tsched-bench-page-'));
  await build({ root, logLevel: 'warn', plugins: [solid(), compileHints(boardModules)], build: { outDir: out, emptyOutDir: true, target: 'es2022', minify: !process.env.BENCH_VERBOSE } });
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const path = join(out, pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, ''));
    let body: Buffer;
    try {
      body = readFileSync(path);
    } catch {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const results: T[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      if (process.env.BENCH_VERBOSE) page.on('console', (m) => console.log(m.text()));
      await page.goto(`http://127.0.0.1:${port}/${process.env.BENCH_VERBOSE ? '?verbose' : ''}`);
      results.push(await each(page));
      await page.close();
    }
    return results;
  } finally {
    await browser.close();
    server.close();
    rmSync(out, { recursive: true, force: true });
  }
}
