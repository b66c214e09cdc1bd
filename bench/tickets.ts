/**
 * The ticket list in headless Chromium with 10,000 tickets on the device (issue 8's target: filtering
 * and searching answer in under 50 ms). Vite builds bench/tickets/ (the real query and list
 * components); the median of five fresh pages is reported.
 */
import { fileURLToPath } from 'node:url';
import { median, withBenchPages } from './chromium-page';

export interface TicketListFigures {
  firstRenderMs: number;
  searchMs: number;
  searchRefineMs: number;
  searchClearMs: number;
  statusFilterMs: number;
  sortMs: number;
  queryOnlyMs: number;
}

export async function ticketListBenchmark(count = 10_000, runs = 5): Promise<TicketListFigures> {
  const root = fileURLToPath(new URL('./tickets', import.meta.url));
  const all = await withBenchPages(root, runs, async (page) => {
    await page.waitForFunction(() => typeof window.measureTickets === 'function');
    await page.evaluate((n) => window.prepareTickets(n), count);
    const r = await page.evaluate(() => window.measureTickets());
    // Something must be drawn at every step, or the timing measured an empty list.
    if (r.shownFirst < 5 || r.search.shown < 5 || r.status.shown < 5 || r.sort.shown < 5) throw new Error(`ticket list drew too little: ${JSON.stringify(r)}`);
    return r;
  });
  const ms = (pick: (r: (typeof all)[number]) => number) => Number(median(all.map(pick)).toFixed(1));
  return {
    firstRenderMs: ms((r) => r.firstRender),
    searchMs: ms((r) => r.search.ms),
    searchRefineMs: ms((r) => r.searchMore.ms),
    searchClearMs: ms((r) => r.searchClear.ms),
    statusFilterMs: ms((r) => r.status.ms),
    sortMs: ms((r) => r.sort.ms),
    queryOnlyMs: ms((r) => r.queryOnly),
  };
}
