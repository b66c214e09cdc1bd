/**
 * Runs in headless Chromium (bench/board.ts builds and serves it): the real WeekBoard and the real
 * buildBoard over a generated team, timing what a dispatcher waits for once the rows are loaded —
 * the first render of a week, and moving to the next week — each up to the next layout.
 */
import { createMemo, createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import { addDaysTo, weekDates } from '../../sync/domain/calendar-dates';
import { buildBoard, type Person, type Shift } from '../../client/src/calendar/board-model';
import { WeekBoard } from '../../client/src/calendar/week-board';
import '../../client/src/styles.css';

const MONDAY = '2026-11-23';
const meta = { version: '1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

function team(count: number): Person[] {
  return Array.from({ length: count }, (_, i) => ({
    ...meta,
    id: crypto.randomUUID(),
    name: `Technician ${String(i).padStart(3, '0')}`,
    email: `t${i}@example.com`,
    role: 'technician' as const,
    timezone: 'Europe/Berlin',
    theme: 'system' as const,
    color: `hsl(${(i * 47) % 360} 60% 45%)`,
    active: true,
  }));
}

/** `perWeek` shifts in each of two weeks, spread over people and days, 8 hours each. */
function shifts(people: Person[], perWeek: number): Shift[] {
  const out: Shift[] = [];
  for (const monday of [MONDAY, addDaysTo(MONDAY, 7)]) {
    const days = weekDates(monday);
    for (let i = 0; i < perWeek; i++) {
      const person = people[i % people.length];
      const day = days[Math.floor(i / people.length) % 7] ?? monday;
      if (!person) continue;
      const start = new Date(`${day}T${String(6 + (i % 3) * 4).padStart(2, '0')}:00:00Z`);
      out.push({ ...meta, id: crypto.randomUUID(), technicianId: person.id, locationId: null, start: start.toISOString(), end: new Date(start.getTime() + 8 * 3600_000).toISOString(), note: '', seriesId: null });
    }
  }
  return out;
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

/**
 * Before each timed step: the previous frame drawn and its leftovers done (raster and compositing
 * on other threads, the collection of the data just generated), as when a person clicks "next
 * week" after looking at the board. On this 2-vCPU machine that work otherwise runs beside the
 * step and the step waits for a CPU; it is not the step's own cost.
 */
async function settle(): Promise<void> {
  await nextFrame();
  await nextFrame();
  await new Promise<void>((r) => setTimeout(r, 150));
}

let prepared: { people: Person[]; shifts: Shift[] } | null = null;

/** Makes the data outside the timed part (the board reads it from memory, as from IndexedDB). */
function prepare(people: number, shiftsPerWeek: number): void {
  const p = team(people);
  prepared = { people: p, shifts: shifts(p, shiftsPerWeek) };
}

async function measure() {
  const root = document.getElementById('root');
  if (!root || !prepared) throw new Error('call prepareBoard first');
  const { people: p, shifts: s } = prepared;
  const [monday, setMonday] = createSignal(MONDAY);
  const viewer = { id: 'dispatcher', isAdmin: true, zone: 'Europe/Berlin' };

  await settle();
  const verbose = new URLSearchParams(location.search).has('verbose');
  // BENCH_VERBOSE: a CPU profile of the first render alone (test-results/ scripts read it over CDP).
  if (verbose) console.profile('first render');
  // test-results/ scripts on a busy machine read the main thread's CPU time around each step.
  await window.cpuMark?.('first-render-start');
  performance.mark('first-render-start');
  const t0 = performance.now();
  const dispose = render(() => {
    const board = createMemo(() => buildBoard(monday(), viewer.zone, p, s, [], { locationId: null, technicianId: null }));
    return <WeekBoard board={board()} today={MONDAY} viewer={viewer} locations={new Map()} onAdd={() => {}} onOpen={() => {}} onMove={() => {}} />;
  }, root);
  const scriptMs = performance.now() - t0;
  void document.body.offsetHeight;
  const firstRender = performance.now() - t0;
  performance.mark('first-render-end');
  await window.cpuMark?.('first-render-end');
  if (verbose) console.profileEnd('first render');
  if (verbose) {
    const b0 = performance.now();
    buildBoard(addDaysTo(MONDAY, 14), viewer.zone, p, s, [], { locationId: null, technicianId: null });
    const b1 = performance.now();
    buildBoard(MONDAY, viewer.zone, p, s, [], { locationId: null, technicianId: null });
    console.log(JSON.stringify({ scriptMs, layoutMs: firstRender - scriptMs, buildBoardColdMs: b1 - b0, buildBoardWarmMs: performance.now() - b1 }));
  }
  const shown = root.querySelectorAll('.shift').length;

  await settle();
  await window.cpuMark?.('next-week-start');
  performance.mark('next-week-start');
  const t1 = performance.now();
  if (verbose) console.profile('next week');
  setMonday(addDaysTo(MONDAY, 7));
  const nextScript = performance.now() - t1;
  void document.body.offsetHeight;
  const nextWeek = performance.now() - t1;
  if (verbose) console.log(JSON.stringify({ nextScript, nextLayout: nextWeek - nextScript }));
  performance.mark('next-week-end');
  await window.cpuMark?.('next-week-end');
  if (verbose) console.profileEnd('next week');
  const shownNext = root.querySelectorAll('.shift').length;

  // Only the rows in view are drawn: scrolling to the last technician must bring them in.
  const scroller = root.querySelector('.board-scroll');
  if (!scroller) throw new Error('no scroller');
  await nextFrame();
  const t2 = performance.now();
  scroller.scrollTop = scroller.scrollHeight;
  // Drawn on the scroll event and the virtualizer's next measurement: wait frame by frame (up to
  // two seconds, a loaded machine) for the last technician's row.
  const lastName = `Technician ${String(p.length - 1).padStart(3, '0')}`;
  const isLastShown = () => [...root.querySelectorAll('th[scope=row]')].some((th) => th.textContent?.includes(lastName));
  while (!isLastShown() && performance.now() - t2 < 2000) await nextFrame();
  const lastShown = isLastShown();
  const scrollMs = performance.now() - t2;
  const rowCount = Number(root.querySelector('table')?.getAttribute('aria-rowcount'));
  dispose();
  return { firstRender, nextWeek, shown, shownNext, lastShown, scrollMs, rowCount };
}

declare global {
  interface Window {
    prepareBoard: typeof prepare;
    measureBoard: typeof measure;
    cpuMark?: (name: string) => Promise<void>;
  }
}
window.prepareBoard = prepare;
window.measureBoard = measure;
