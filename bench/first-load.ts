/**
 * First load on a phone (issue 12, "Size and first load on a weak signal"), against the real server
 * (`server/main.ts` on embedded PGlite, serving the production client build):
 *
 *   initial JS     the JavaScript a browser downloads to show the sign-in page, and then the default
 *                  page after sign-in: as sent over the wire (the server's content negotiation,
 *                  Chromium accepts brotli) and as gzip (the budget: ≤ 120 KB before sign-in).
 *   lighthouse     Lighthouse 12, default (mobile) profile with its simulated slow 4G and CPU
 *                  slowdown, on the sign-in page and on the default page after sign-in ("Home":
 *                  the `/` route, so it follows whatever page that is).
 *   cold start     the installed app opened with no network at all: from navigation to the default
 *                  page drawn with the signed-in user's frame, served by the service worker and
 *                  IndexedDB. Median of five.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execSync } from 'node:child_process';
import { launch as launchChrome } from 'chrome-launcher';
import lighthouse, { type Result as LighthouseResult } from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { cpuBlockingTime, type CpuBlocking, type TraceEvent } from './cpu-blocking-time';
import { freePort, signInAt, spawnServer, waitUntilListening, type ServerProcess } from '../tests/support/server-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CLIENT_DIR = 'dist/client';
const EMAIL = 'bench@example.com';
const PASSWORD = 'bench first load password';
const PHONE = { width: 390, height: 844 };
/** The signed-in frame (its tab bar on a phone) around a page drawn with its heading. */
const SIGNED_IN = 'nav.tabbar';
const PAGE_DRAWN = 'main.content h1';

export interface FirstLoadServer {
  server: ServerProcess;
  stop(): Promise<void>;
}

export async function startFirstLoadServer(): Promise<FirstLoadServer> {
  execSync('node scripts/ensure-client-build.mjs', { stdio: 'inherit' });
  const dataDir = mkdtempSync(join(tmpdir(), 'tsched-first-load-'));
  const server = spawnServer({ PORT: String(await freePort()), DATA_DIR: dataDir, ADMIN_EMAIL: EMAIL, ADMIN_PASSWORD: PASSWORD });
  await waitUntilListening(server);
  return {
    server,
    async stop() {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking'] });
}

export interface JsFigures {
  files: number;
  /** Bytes on the wire (the response bodies as the server sent them). */
  sentBytes: number;
  gzipBytes: number;
  rawBytes: number;
}

/** The gzip size of a built file: the build's own .gz copy, or gzip -9 of it when the build made none. */
function gzipSizeOf(path: string): number {
  const file = join(CLIENT_DIR, path);
  if (existsSync(`${file}.gz`)) return statSync(`${file}.gz`).size;
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

/** Counts every script response while `during` runs: sent size from the network, gzip and raw from the build. */
async function scriptsLoaded(page: Page, during: () => Promise<void>): Promise<JsFigures> {
  const seen: Promise<{ sent: number; path: string }>[] = [];
  const onResponse = (res: Response) => {
    if (res.request().resourceType() !== 'script') return;
    seen.push(res.request().sizes().then((s) => ({ sent: s.responseBodySize, path: new URL(res.url()).pathname })));
  };
  page.on('response', onResponse);
  await during();
  page.off('response', onResponse);
  const all = await Promise.all(seen);
  if (process.env.BENCH_VERBOSE) console.log(all.map((s) => s.path).join(' '));
  return {
    files: all.length,
    sentBytes: all.reduce((n, s) => n + s.sent, 0),
    gzipBytes: all.reduce((n, s) => n + gzipSizeOf(s.path), 0),
    rawBytes: all.reduce((n, s) => n + statSync(join(CLIENT_DIR, s.path)).size, 0),
  };
}

export async function initialJs(baseUrl: string): Promise<{ signIn: JsFigures; afterSignIn: JsFigures }> {
  const browser = await launch();
  try {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: PHONE, isMobile: true, hasTouch: true, serviceWorkers: 'block' });
    const page = await context.newPage();
    const signIn = await scriptsLoaded(page, async () => {
      await page.goto('/sign-in', { waitUntil: 'networkidle' });
    });
    const afterSignIn = await scriptsLoaded(page, async () => {
      await page.getByLabel('Email').fill(EMAIL);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator(SIGNED_IN).waitFor();
      // Sign-in is not a navigation, so the load state is long reached: wait for the device (its
      // chunks load once the page is drawn) to have read its queue, when the pill stops saying so.
      await page.waitForFunction(() => {
        const pill = document.querySelector('.sync-pill');
        return pill !== null && !pill.textContent?.includes('Loading');
      });
      await page.waitForLoadState('networkidle');
    });
    return { signIn, afterSignIn };
  } finally {
    await browser.close();
  }
}

export interface LighthouseFigures {
  performance: number;
  accessibility: number;
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  totalBlockingTimeMs: number;
  unusedJsBytes: number;
  /** The same run's blocking time from the main thread's CPU time (cpu-blocking-time.ts). */
  cpu: CpuBlocking;
  /** Every run's performance score, in the order they ran; the figures above are the median run's. */
  allScores: number[];
}

interface LighthouseRun {
  lhr: LighthouseResult;
  trace: { traceEvents: TraceEvent[] };
}

/**
 * Runs Lighthouse `BENCH_LIGHTHOUSE_RUNS` times (5 by default) and reports the median run, chosen
 * as Lighthouse itself chooses it (`computeMedianRun`: the run nearest the median first contentful
 * paint and time to interactive). Lighthouse's documentation on variability recommends exactly this:
 * one run on this shared 2-vCPU machine moves by ±0.05 from one minute to the next.
 */
export async function lighthouseScores(url: string, cookie?: string): Promise<LighthouseFigures> {
  const runs: LighthouseRun[] = [];
  const count = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 5);
  for (let i = 0; i < count; i++) runs.push(await lighthouseRetried(url, cookie));
  const median = computeMedianRun(runs.map((r) => r.lhr));
  const run = runs.find((r) => r.lhr === median) ?? runs[0];
  if (!run) throw new Error('lighthouse: no run');
  // BENCH_LIGHTHOUSE_DIR=dir keeps the median run's full report and trace, to see what a score is made of.
  if (process.env.BENCH_LIGHTHOUSE_DIR) {
    mkdirSync(process.env.BENCH_LIGHTHOUSE_DIR, { recursive: true });
    const name = new URL(url).pathname.replace(/\W+/g, '') || 'home';
    writeFileSync(join(process.env.BENCH_LIGHTHOUSE_DIR, `${name}.json`), JSON.stringify(run.lhr, null, 1));
    writeFileSync(join(process.env.BENCH_LIGHTHOUSE_DIR, `${name}.trace.json`), JSON.stringify(run.trace));
  }
  const { categories, audits } = run.lhr;
  const unused = audits['unused-javascript']?.details;
  return {
    performance: categories.performance?.score ?? NaN,
    accessibility: categories.accessibility?.score ?? NaN,
    firstContentfulPaintMs: Math.round(audits['first-contentful-paint']?.numericValue ?? NaN),
    largestContentfulPaintMs: Math.round(audits['largest-contentful-paint']?.numericValue ?? NaN),
    totalBlockingTimeMs: Math.round(audits['total-blocking-time']?.numericValue ?? NaN),
    unusedJsBytes: unused && 'overallSavingsBytes' in unused ? Number(unused.overallSavingsBytes ?? 0) : 0,
    cpu: cpuBlockingTime(run.trace.traceEvents),
    allScores: runs.map((r) => r.lhr.categories.performance?.score ?? NaN),
  };
}

/**
 * Lighthouse now and then fails to record a trace on this shared machine (NO_NAVSTART,
 * NO_FCP); such a run measured nothing, so it is run again, up to three times.
 */
async function lighthouseRetried(url: string, cookie?: string): Promise<LighthouseRun> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouseOnce(url, cookie);
    } catch (error) {
      if (attempt === 3 || !(error instanceof LighthouseRunError)) throw error;
      console.warn(`Lighthouse on ${url}: ${error.message}; running it again`);
    }
  }
}

class LighthouseRunError extends Error {}

/** Lighthouse's default config is its mobile profile (Moto G Power screen, slow 4G, 4× CPU). */
async function lighthouseOnce(url: string, cookie?: string): Promise<LighthouseRun> {
  const chrome = await launchChrome({ chromePath: CHROMIUM, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic'] });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility'],
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const runtimeError = result.lhr.runtimeError;
    if (runtimeError) throw new LighthouseRunError(`${runtimeError.code} ${runtimeError.message}`);
    return { lhr: result.lhr, trace: result.artifacts.Trace as { traceEvents: TraceEvent[] } };
  } finally {
    chrome.kill();
  }
}

export async function lighthouseBoth(baseUrl: string): Promise<{ signIn: LighthouseFigures; home: LighthouseFigures }> {
  const signIn = await lighthouseScores(`${baseUrl}/sign-in`);
  const cookie = await signInAt(baseUrl, EMAIL, PASSWORD);
  const home = await lighthouseScores(`${baseUrl}/`, cookie);
  return { signIn, home };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * The installed app with no network: signed in and loaded once online (so the service worker holds
 * the app and IndexedDB the user's data), then the network is cut and the app opened afresh.
 * Timed from navigation to the signed-in frame drawn on the default page.
 */
export async function coldStartOffline(baseUrl: string, runs = 5): Promise<{ medianMs: number; runsMs: number[] }> {
  const browser = await launch();
  try {
    const context = await browser.newContext({ baseURL: baseUrl, viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator(SIGNED_IN).waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) await page.reload();
    await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
    await page.locator(SIGNED_IN).waitFor();
    await page.waitForLoadState('networkidle');
    await page.close();
    await context.setOffline(true);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const cold = await context.newPage();
      const started = performance.now();
      await cold.goto('/', { waitUntil: 'commit' });
      await cold.locator(SIGNED_IN).waitFor({ timeout: 30_000 });
      await cold.locator(PAGE_DRAWN).waitFor({ timeout: 30_000 });
      times.push(Math.round(performance.now() - started));
      if (!(await cold.evaluate(() => !navigator.onLine))) throw new Error('cold start: the page had a network');
      await cold.close();
    }
    return { medianMs: median(times), runsMs: times };
  } finally {
    await browser.close();
  }
}
