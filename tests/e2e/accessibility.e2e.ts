import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, DESKTOP, launchBrowser, newPage, PHONE, screenshot, signIn, useTheme } from './support/browser';

/** Every page of the app (the calendar and tickets suites look at their dialogs and states). */
const PAGES: { path: string; name: string; heading: string | RegExp }[] = [
  { path: '/', name: 'home', heading: /^Hello, / },
  { path: '/calendar', name: 'calendar', heading: 'Calendar' },
  { path: '/time-off', name: 'time-off', heading: 'Time off' },
  { path: '/tickets', name: 'tickets', heading: 'Tickets' },
  { path: '/admin', name: 'admin', heading: 'Admin' },
  { path: '/admin/locations', name: 'locations', heading: 'Locations' },
  { path: '/admin/categories', name: 'categories', heading: 'Categories' },
  { path: '/admin/quick-links', name: 'quick-links', heading: 'Quick links' },
  { path: '/admin/backup', name: 'backup', heading: 'Backup and restore' },
  { path: '/admin/mail', name: 'mail', heading: 'Mail' },
  { path: '/tickets/new', name: 'new-ticket', heading: 'New ticket' },
  { path: '/attention', name: 'attention', heading: 'Needs attention' },
  { path: '/profile', name: 'profile', heading: 'Profile' },
];

const INTERACTIVE = 'a[href], button, input:not([type=hidden]), select, textarea, [role=button], [role=tab], [role=switch], [role=checkbox], [role=radio], [tabindex]';

/**
 * Visible controls on the page smaller than 44 × 44 CSS px, the phone target size (WCAG 2.5.5).
 * Links inside running text are exempt, as WCAG exempts them; an input drawn invisible inside its
 * label (Kobalte's checkboxes and radios), or a checkbox or radio with a label, is measured by that
 * label, which toggles it too.
 */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((selector) => {
    const small: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      if (el.closest('[aria-hidden=true], .visually-hidden') || el.getAttribute('tabindex') === '-1' && !el.matches('a, button, input, select, textarea')) continue;
      if (el.tagName === 'A' && el.closest('p, li.prose')) continue;
      let target: HTMLElement = el;
      const style = getComputedStyle(el);
      const input = el instanceof HTMLInputElement ? el : null;
      const drawnElsewhere = style.opacity === '0' || el.getBoundingClientRect().width <= 1;
      // Kobalte draws its own control around an invisible input: its root is the target. A native
      // checkbox or radio is toggled by its label too: the label is the target.
      if (input && drawnElsewhere) target = el.parentElement ?? el;
      else if (input && (input.type === 'checkbox' || input.type === 'radio') && input.labels?.[0]) target = input.labels[0];
      const rect = target.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || !target.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) continue;
      if (rect.width < 44 - 0.5 || rect.height < 44 - 0.5) {
        const name = (target.getAttribute('aria-label') ?? target.textContent ?? '').trim().slice(0, 40);
        small.push(`${target.tagName.toLowerCase()}.${[...target.classList].join('.')} "${name}" ${Math.round(rect.width)}×${Math.round(rect.height)}`);
      }
    }
    return small;
  }, INTERACTIVE);
}

/**
 * Tabs through the page and answers the visible, enabled controls that never got focus. Scrolling
 * regions (the week board) are reached by their own keys, so a page gets `limit` presses.
 */
async function unreachableByKeyboard(page: Page, limit = 400): Promise<string[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const reached = new Set<string>();
  await page.evaluate(() => {
    let n = 0;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('*'))) el.dataset.a11yKey ??= String(n++);
  });
  // Round the page once: until focus is back where it started. A date input keeps focus for a
  // few presses (one per part of the date), so a repeat alone does not end the round.
  let first: string | undefined;
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const key = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.a11yKey ?? '');
    if (first === undefined) first = key;
    else if (key === first) break;
    reached.add(key);
  }
  return page.evaluate(
    ([selector, keys]) =>
      Array.from(document.querySelectorAll<HTMLElement>(selector))
        .filter((el) => {
          const rect = el.getBoundingClientRect();
          if (rect.width === 0 || rect.height === 0 || el.closest('[aria-hidden=true], [inert]')) return false;
          // Inside a closed <details>: not shown, so rightly not reachable until opened.
          if (!el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true })) return false;
          if ((el as HTMLButtonElement).disabled || el.getAttribute('tabindex') === '-1') return false;
          if (el.matches('input[type=radio]') && !(el as HTMLInputElement).checked) return false;
          return !keys.includes(el.dataset.a11yKey ?? '');
        })
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`),
    [INTERACTIVE, [...reached]] as const,
  );
}

describe('every page, light and dark, phone and desktop', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(() => browser.close());

  for (const [size, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`has no axe violations at ${size} size in ${theme} (screenshots taken)`, async () => {
        const { context, page } = await newPage(browser, viewport, theme);
        await useTheme(context, theme);
        await page.goto('/sign-in');
        await page.getByRole('heading', { name: 'Technician Scheduler' }).waitFor();
        expect(await axeViolations(page), `sign-in ${size} ${theme}`).toEqual([]);
        await screenshot(page, `page-sign-in-${size}-${theme}`);
        await signIn(page);
        for (const p of PAGES) {
          await page.goto(p.path);
          await page.getByRole('heading', { level: 1, name: p.heading }).waitFor();
          await page.waitForLoadState('networkidle');
          expect(await axeViolations(page), `${p.name} ${size} ${theme}`).toEqual([]);
          await screenshot(page, `page-${p.name}-${size}-${theme}`);
        }
        await context.close();
      }, 120_000);
    }
  }

  it('gives every control on a phone a target of at least 44 × 44 px', async () => {
    const { context, page } = await newPage(browser, PHONE);
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Technician Scheduler' }).waitFor();
    const found: Record<string, string[]> = { 'sign-in': await smallTargets(page) };
    await signIn(page);
    for (const p of PAGES) {
      await page.goto(p.path);
      await page.getByRole('heading', { level: 1, name: p.heading }).waitFor();
      await page.waitForLoadState('networkidle');
      found[p.name] = await smallTargets(page);
    }
    expect(Object.fromEntries(Object.entries(found).filter(([, small]) => small.length))).toEqual({});
    await context.close();
  }, 120_000);

  it('reaches every control with the keyboard alone', async () => {
    const { context, page } = await newPage(browser, DESKTOP);
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: 'Technician Scheduler' }).waitFor();
    const missed: Record<string, string[]> = { 'sign-in': await unreachableByKeyboard(page) };
    await signIn(page);
    for (const p of PAGES.filter((p) => p.name !== 'calendar')) {
      await page.goto(p.path);
      await page.getByRole('heading', { level: 1, name: p.heading }).waitFor();
      await page.waitForLoadState('networkidle');
      missed[p.name] = await unreachableByKeyboard(page);
    }
    expect(Object.fromEntries(Object.entries(missed).filter(([, m]) => m.length))).toEqual({});
    await context.close();
  }, 120_000);
});
