import { AxeBuilder } from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { createUser } from './server-data';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

/** Debian's Chromium, with the flags this sandboxed, offline machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newPage(browser: Browser, viewport = DESKTOP, colorScheme: 'light' | 'dark' = 'light'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: inject('baseUrl'), viewport, colorScheme, isMobile: viewport === PHONE, hasTouch: viewport === PHONE });
  return { context, page: await context.newPage() };
}

/**
 * Screenshots land in test-results/screenshots (or SCREENSHOT_DIR) for people to look at; nothing
 * compares them.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR ?? 'test-results/screenshots';
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** Every WCAG 2.x A/AA rule axe knows, failing on any impact; answers "rule: where" lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map((v) => `${v.id} (${v.impact ?? 'unknown'}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** Fixes the theme before the app starts, whatever the signed-in user's profile says. */
export async function useTheme(context: BrowserContext, theme: 'light' | 'dark'): Promise<void> {
  await context.addInitScript((t) => {
    try {
      localStorage.setItem('theme', t);
    } catch {
      // about:blank has no storage; the app's pages do.
    }
  }, theme);
}

export async function signIn(page: Page, email = inject('adminEmail'), password = inject('adminPassword')): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Home is the first page after signing in.
  await page.waitForURL((url) => url.pathname === '/');
  // The signed-in frame is a chunk of its own: wait until it is drawn, not only the address.
  await page.locator('main.content').waitFor();
}

/** Waits until the service worker controls the page, so a reload with no network is served by it. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // The first load is not yet controlled; after a reload the worker serves the app shell.
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) await page.reload();
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 10_000 }).toBe(true);
}

/**
 * Signs the page's admin out and a new technician in (created by that admin): for what only admins
 * may see. Answers the technician's email.
 */
export async function signInAsNewTechnician(page: Page, name = 'Casey Tech'): Promise<string> {
  await signIn(page);
  const email = `tech-${crypto.randomUUID().slice(0, 8)}@example.com`;
  const password = 'e2e technician password';
  await createUser(page, { email, name, password, role: 'technician' });
  await page.context().clearCookies();
  await signIn(page, email, password);
  return email;
}
