/**
 * Runs in headless Chromium (bench/tickets.ts builds and serves it): the real ticket list query and
 * the real TicketRows over 10,000 generated tickets, timing what a person waits for once the rows
 * are on the device — searching, filtering by status, sorting — each up to the next layout.
 */
import { Route, Router } from '@solidjs/router';
import { createMemo, createSignal } from 'solid-js';
import { render } from 'solid-js/web';
import type { EntityRow } from '../../sync/protocol/entities';
import type { NameLookup } from '../../client/src/tickets/history-entry';
import { TicketRows } from '../../client/src/tickets/ticket-rows';
import { DEFAULT_QUERY, prepareSearch, runTicketQuery, type TicketQuery } from '../../client/src/tickets/ticket-query';
import '../../client/src/styles.css';
import '../../client/src/tickets/tickets.css';

type Ticket = EntityRow<'ticket'>;
const STATUSES = ['open', 'in_progress', 'pending', 'resolved', 'closed'] as const;
const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
const WORDS = ['boiler', 'pump', 'leak', 'valve', 'filter', 'compressor', 'heater', 'door', 'alarm', 'lift', 'café', 'fan', 'panel', 'sensor', 'drain', 'roof'];
const PLACES = ['basement', 'kitchen', 'hall 2', 'north wing', 'loading bay', 'lobby', 'plant room', 'office 14'];

let prepared: Ticket[] = [];

/** `count` tickets with varied titles, descriptions, statuses and people (outside the timed part). */
function prepare(count: number): void {
  const people = Array.from({ length: 40 }, () => crypto.randomUUID());
  prepared = Array.from({ length: count }, (_, i) => {
    const word = WORDS[i % WORDS.length] ?? 'pump';
    const place = PLACES[(i * 7) % PLACES.length] ?? 'lobby';
    const stamp = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
    return {
      id: crypto.randomUUID(),
      version: String(i + 1),
      createdAt: stamp,
      updatedAt: new Date(Date.parse(stamp) + (i % 97) * 60_000).toISOString(),
      title: `${word[0]?.toUpperCase()}${word.slice(1)} fault in the ${place} #${i}`,
      description: `Reported by the front desk. The ${WORDS[(i * 3) % WORDS.length]} near the ${place} needs a look; ticket ${i}.`,
      priority: PRIORITIES[i % 4] ?? 'low',
      status: STATUSES[i % 5] ?? 'open',
      categoryId: null,
      locationId: null,
      assigneeId: i % 3 ? (people[i % people.length] ?? null) : null,
      createdBy: null,
      archivedAt: i % 11 === 0 ? stamp : null,
    };
  });
}

const names: NameLookup = { user: () => 'Technician', category: () => undefined, location: () => undefined };
const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

async function measure() {
  const root = document.getElementById('root');
  if (!root || prepared.length === 0) throw new Error('call prepareTickets first');
  const all = prepared;
  const [query, setQuery] = createSignal<TicketQuery>(DEFAULT_QUERY);
  const now = new Date('2026-11-25T12:00:00Z');
  const rows = () => root.querySelectorAll('.ticket-row').length;

  await nextFrame();
  const t0 = performance.now();
  const dispose = render(
    () => (
      <Router>
        <Route
          path="*"
          component={() => {
            const result = createMemo(() => runTicketQuery(all, query(), 'me'));
            return <TicketRows tickets={result().tickets} names={names} zone="Europe/Berlin" now={now} pending={new Set()} />;
          }}
        />
      </Router>
    ),
    root,
  );
  void document.body.offsetHeight;
  const firstRender = performance.now() - t0;
  const shownFirst = rows();

  /** One change to the query, timed to the next layout. */
  const step = async (patch: Partial<TicketQuery>) => {
    await nextFrame();
    const t = performance.now();
    setQuery((q) => ({ ...q, ...patch }));
    void document.body.offsetHeight;
    return { ms: performance.now() - t, shown: rows() };
  };
  // As the list page does: the search text is prepared in idle time before anyone types.
  await new Promise<void>((done) => prepareSearch(all, () => false, done));
  const search = await step({ text: 'boil' });
  const searchMore = await step({ text: 'boiler base' });
  const searchClear = await step({ text: '' });
  const status = await step({ statuses: ['in_progress'] });
  const sort = await step({ statuses: [], sort: 'updated' });

  // The query alone, without drawing: how much of the budget is the filtering itself.
  const q0 = performance.now();
  runTicketQuery(all, { ...DEFAULT_QUERY, text: 'pump kitchen' }, 'me');
  const queryOnly = performance.now() - q0;
  dispose();
  return { firstRender, shownFirst, search, searchMore, searchClear, status, sort, queryOnly };
}

declare global {
  interface Window {
    prepareTickets: typeof prepare;
    measureTickets: typeof measure;
  }
}
window.prepareTickets = prepare;
window.measureTickets = measure;
