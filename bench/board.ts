/**
 * The week board in headless Chromium: 300 technicians and 2,000 shifts a week, rendered once the
 * rows are loaded, then moved to the next week (issue 7's target: each under 50 ms). Vite builds
 * bench/board/ (the real components and CSS), a small static server serves it, and Debian's
 * Chromium runs it: the median of five fresh pages is reported (`BENCH_RUNS` more). Each step
 * starts from a settled page (the previous frame drawn, 150 ms idle: board-bench.tsx `settle`) and
 * ends at the forced layout of its result.
 */
import { fileURLToPath } from 'node:url';
import { median, withBenchPages } from './chromium-page';

export interface BoardFigures {
  firstRenderMs: number;
  nextWeekMs: number;
  /** Scrolling from the first technician to the last, until those rows are drawn. */
  scrollToEndMs: number;
  /**
   * The renderer main thread's CPU time in the first two steps (CDP Performance ThreadTime): on
   * this 2-vCPU machine the wall time also holds waits for a CPU (helper threads, other
   * processes), which vary run to run; the CPU time is the work the board itself costs.
   */
  firstRenderCpuMs: number;
  nextWeekCpuMs: number;
}

export async function boardBenchmark(people = 300, shiftsPerWeek = 2000, runs = 5): Promise<BoardFigures> {
  const root = fileURLToPath(new URL('./board', import.meta.url));
  const all = await withBenchPages(root, runs, async (page) => {
    await page.waitForFunction(() => typeof window.measureBoard === 'function');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const threadTime = new Map<string, number>();
    await page.exposeFunction('cpuMark', async (name: string) => {
      const { metrics } = await cdp.send('Performance.getMetrics');
      threadTime.set(name, (metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN) * 1000);
    });
    await page.evaluate(([p, s]) => window.prepareBoard(p, s), [people, shiftsPerWeek] as const);
    const r = await page.evaluate(() => window.measureBoard());
    const cpu = (step: string) => (threadTime.get(`${step}-end`) ?? NaN) - (threadTime.get(`${step}-start`) ?? NaN);
    // The board draws the rows in view; all rows must be reachable, and the first screen full.
    if (r.rowCount !== people + 1 || !r.lastShown || r.shown < 50 || r.shownNext < 50) {
      throw new Error(`board: ${r.rowCount} rows declared, last row reached: ${r.lastShown}, ${r.shown}/${r.shownNext} shifts drawn in view`);
    }
    return { ...r, firstRenderCpu: cpu('first-render'), nextWeekCpu: cpu('next-week') };
  });
  return {
    firstRenderMs: Number(median(all.map((r) => r.firstRender)).toFixed(1)),
    nextWeekMs: Number(median(all.map((r) => r.nextWeek)).toFixed(1)),
    scrollToEndMs: Number(median(all.map((r) => r.scrollMs)).toFixed(1)),
    firstRenderCpuMs: Number(median(all.map((r) => r.firstRenderCpu)).toFixed(1)),
    nextWeekCpuMs: Number(median(all.map((r) => r.nextWeekCpu)).toFixed(1)),
  };
}
