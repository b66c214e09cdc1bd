/**
 * The week board in headless Chromium: 300 technicians and 2,000 shifts a week, rendered once the
 * rows are loaded, then moved to the next week (issue 7's target: each under 50 ms). Vite builds
 * bench/board/ (the real components and CSS), a small static server serves it, and Debian's
 * Chromium runs it: the median of five fresh pages is reported.
 */
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import solid from 'vite-plugin-solid';

export interface BoardFigures {
  firstRenderMs: number;
  nextWeekMs: number;
  /** Scrolling from the first technician to the last, until those rows are drawn. */
  scrollToEndMs: number;
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function boardBenchmark(people = 300, shiftsPerWeek = 2000, runs = 5): Promise<BoardFigures> {
  const out = mkdtempSync(join(tmpdir(), 'tsched-board-bench-'));
  const root = fileURLToPath(new URL('./board', import.meta.url));
  await build({ root, logLevel: 'warn', plugins: [solid()], build: { outDir: out, emptyOutDir: true, target: 'es2022' } });
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
    const first: number[] = [];
    const next: number[] = [];
    const scroll: number[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      if (process.env.BENCH_VERBOSE) page.on('console', (m) => console.log(m.text()));
      await page.goto(`http://127.0.0.1:${port}/${process.env.BENCH_VERBOSE ? '?verbose' : ''}`);
      await page.waitForFunction(() => typeof window.measureBoard === 'function');
      await page.evaluate(([p, s]) => window.prepareBoard(p, s), [people, shiftsPerWeek] as const);
      const r = await page.evaluate(() => window.measureBoard());
      // The board draws the rows in view; all rows must be reachable, and the first screen full.
      if (r.rowCount !== people + 1 || !r.lastShown || r.shown < 50 || r.shownNext < 50) {
        throw new Error(`board: ${r.rowCount} rows declared, last row reached: ${r.lastShown}, ${r.shown}/${r.shownNext} shifts drawn in view`);
      }
      first.push(r.firstRender);
      next.push(r.nextWeek);
      scroll.push(r.scrollMs);
      await page.close();
    }
    return { firstRenderMs: Number(median(first).toFixed(1)), nextWeekMs: Number(median(next).toFixed(1)), scrollToEndMs: Number(median(scroll).toFixed(1)) };
  } finally {
    await browser.close();
    server.close();
    rmSync(out, { recursive: true, force: true });
  }
}
