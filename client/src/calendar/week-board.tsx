import { createVirtualizer, elementScroll } from '@tanstack/solid-virtual';
import { createMemo, createSelector, createSignal, For, Index, Show } from 'solid-js';
import { formatInTimeZone } from 'date-fns-tz';
import { localDateOf, localTimeOf, shortDayLabel } from '../../../sync/domain/calendar-dates';
import type { Board, BoardRow, Person, Place, Shift, TimeOff } from './board-model';
import { mayPlan, type Viewer } from './planning-rights';
import './week-board.css';

/** Matches `.board-scroll { max-height: calc(100dvh - 15rem) }` at the default 16 px font size. */
const BOARD_CHROME_PX = 15 * 16;

/**
 * The scroller's size, from a ResizeObserver only. The library's default also measures at once when
 * the board mounts, which forces a layout of the half-built table in the middle of drawing it (and
 * then another when it is done); the observer reports after the browser's own layout instead, before
 * the frame is painted, and the first render uses `initialRect` until then.
 */
function observeRectAfterLayout(instance: { scrollElement: Element | null }, report: (rect: { width: number; height: number }) => void): (() => void) | undefined {
  const element = instance.scrollElement;
  if (!element) return undefined;
  const observer = new ResizeObserver(() => {
    const rect = element.getBoundingClientRect();
    report({ width: Math.round(rect.width), height: Math.round(rect.height) });
  });
  observer.observe(element);
  return () => observer.disconnect();
}

const hoursLabel = (hours: number) => `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
const KIND_LABEL: Record<TimeOff['kind'], string> = { vacation: 'Vacation', sick: 'Sick', other: 'Time off' };

/** "08:00–16:00", and "→ Tue 04:00" for a shift that ends on a later day. */
function timeRange(shift: Shift, zone: string): string {
  const sameDay = localDateOf(shift.start, zone) === localDateOf(shift.end, zone);
  return `${localTimeOf(shift.start, zone)}–${sameDay ? localTimeOf(shift.end, zone) : formatInTimeZone(shift.end, zone, 'EEE HH:mm')}`;
}

export interface WeekBoardProps {
  board: Board;
  today: string;
  viewer: Viewer;
  locations: Map<string, Place>;
  onAdd: (technicianId: string, date: string) => void;
  onOpen: (shift: Shift) => void;
  onMove: (shift: Shift, to: { technician: Person; date: string }) => void;
}

/**
 * The dispatcher's board: one row per technician, seven day columns, shifts as blocks in the
 * technician's colour. A table, so screen readers announce who and which day for every cell. Blocks
 * the viewer may plan can be dragged to another cell (the editor is the keyboard way to do it).
 */
export function WeekBoard(props: WeekBoardProps) {
  const [dragging, setDragging] = createSignal<Shift | null>(null);
  const [over, setOver] = createSignal<string | null>(null);
  // While dragging, only the cell entered and the one left are told, not every cell on the board.
  const isOver = createSelector(over);
  const cellKey = (row: BoardRow, date: string) => `${row.person.id}:${date}`;
  // Rows and shifts are listed by id (strings compare by value), so a change redraws only what
  // changed: the board is rebuilt from fresh rows on every change, and keying on those objects would
  // replace every element, losing focus and costing time on large teams.
  const rowIds = createMemo(() => props.board.rows.map((r) => r.person.id));
  const rowById = createMemo(() => new Map(props.board.rows.map((r) => [r.person.id, r])));
  const rowIndex = createMemo(() => new Map(rowIds().map((id, i) => [id, i])));
  const indexOf = (id: string) => rowIndex().get(id) ?? 0;

  // Only the rows in view (and a few around them) are in the page: a team of 300 is 300 × 7 cells,
  // too many to draw on every change. Rows are measured as drawn, since cells grow with their shifts.
  let scroller: HTMLDivElement | undefined;
  const virtualizer = createVirtualizer({
    get count() {
      return rowIds().length;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => 76,
    overscan: 2,
    getItemKey: (i) => rowIds()[i] ?? i,
    // The first render draws the rows this rect holds, before the scroller can be measured: the
    // window less what sits above the board (its max-height in week-board.css), so no row is drawn
    // only to be dropped a frame later.
    initialRect: { width: window.innerWidth, height: Math.max(0, window.innerHeight - BOARD_CHROME_PX) },
    observeElementRect: observeRectAfterLayout,
    // Row heights come only from the library's ResizeObserver, after the browser's own layout and
    // all rows in one callback. Measuring at once, as a row is drawn, read each row's height in turn
    // and redrew the spacers in between, so every row forced another layout of the whole table
    // before the first paint; until its observation arrives a row keeps its last known height.
    measureElement: (element, entry, instance) => {
      const box = entry?.borderBoxSize[0];
      if (box) return Math.round(box.blockSize);
      const index = instance.indexFromElement(element);
      return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? instance.options.estimateSize(index);
    },
    // On mount the library scrolls to where the board already is (the top), which also forces a
    // layout mid-render; a scroll to the offset it already knows, with nothing to adjust, is skipped.
    scrollToFn: (offset, options, instance) => {
      if (offset === (instance.scrollOffset ?? 0) && !options.adjustments && !options.behavior) return;
      elementScroll(offset, options, instance);
    },
  });
  const visibleRowIds = createMemo(() => virtualizer.getVirtualItems().map((item) => rowIds()[item.index] ?? ''));
  const paddingTop = () => virtualizer.getVirtualItems()[0]?.start ?? 0;
  const paddingBottom = () => {
    const items = virtualizer.getVirtualItems();
    const last = items[items.length - 1];
    return last ? virtualizer.getTotalSize() - last.end : 0;
  };
  const shiftById = createMemo(() => {
    const byId = new Map<string, Shift>();
    for (const r of props.board.rows) for (const list of r.shiftsByDay.values()) for (const sh of list) byId.set(sh.id, sh);
    return byId;
  });

  const drop = (row: BoardRow, date: string) => {
    const shift = dragging();
    setDragging(null);
    setOver(null);
    if (shift) props.onMove(shift, { technician: row.person, date });
  };

  // Drag and drop is handled once, on the table, for every cell and block (the events bubble):
  // a handler per cell and per block would be ~500 listeners to attach on every render of a week.
  const cellOf = (e: DragEvent) => {
    const td = (e.target as Element | null)?.closest<HTMLElement>('td[data-person]');
    const row = td?.dataset.person ? rowById().get(td.dataset.person) : undefined;
    const date = td?.dataset.date;
    return row && date ? { row, date, key: cellKey(row, date) } : undefined;
  };
  const onDragStart = (e: DragEvent) => {
    const id = (e.target as Element | null)?.closest<HTMLElement>('[data-shift-id]')?.dataset.shiftId;
    const shift = id ? shiftById().get(id) : undefined;
    if (!shift || !mayPlan(props.viewer, shift.technicianId)) return;
    e.dataTransfer?.setData('text/plain', shift.id);
    if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
    setDragging(shift);
  };
  const onDragEnd = () => {
    setDragging(null);
    setOver(null);
  };
  const onDragOver = (e: DragEvent) => {
    const cell = cellOf(e);
    if (!dragging() || !cell || !mayPlan(props.viewer, cell.row.person.id)) return;
    e.preventDefault();
    setOver(cell.key);
  };
  const onDragLeave = (e: DragEvent) => {
    const cell = cellOf(e);
    if (cell && over() === cell.key) setOver(null);
  };
  const onDrop = (e: DragEvent) => {
    const cell = cellOf(e);
    if (!cell) return;
    e.preventDefault();
    drop(cell.row, cell.date);
  };

  return (
    <div class="board-scroll" ref={(el) => (scroller = el)}>
      <table
        class="board"
        aria-label="Shifts this week, by technician and day"
        aria-rowcount={rowIds().length + 1}
        onDragStart={onDragStart}
        onDragEnd={onDragEnd}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
      >
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" class="board__corner">
              Technician
            </th>
            <For each={props.board.dates}>
              {(date) => (
                <th scope="col" class="board__day" classList={{ 'is-today': date === props.today }} aria-current={date === props.today ? 'date' : undefined}>
                  {shortDayLabel(date)}
                  <Show when={date === props.today}>
                    <span class="board__today">Today</span>
                  </Show>
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <Show when={rowIds().length === 0}>
            <tr>
              <td class="board__empty" colspan={8}>
                Nobody to plan with these filters.
              </td>
            </tr>
          </Show>
          <Show when={paddingTop() > 0}>
            <tr aria-hidden="true" class="board__spacer" style={{ height: `${paddingTop()}px` }} />
          </Show>
          <For each={visibleRowIds()}>
            {(rowId) => (
              <Show when={rowById().get(rowId)}>
                {(current) => {
                  const row = () => current();
                  // One computation per row for all seven days (not two per cell).
                  const days = createMemo(() =>
                    props.board.dates.map((date) => ({
                      shiftIds: (row().shiftsByDay.get(date) ?? []).map((sh) => sh.id),
                      off: row().timeOffByDay.get(date) ?? [],
                    })),
                  );
                  const canPlan = createMemo(() => mayPlan(props.viewer, row().person.id));
                  return (
                    <tr
                      data-index={indexOf(rowId)}
                      aria-rowindex={indexOf(rowId) + 2}
                      // Set once per row, inherited by its blocks (one style write, not one per shift).
                      style={{ '--person-color': row().person.color }}
                      ref={(el) => queueMicrotask(() => el.isConnected && virtualizer.measureElement(el))}
                    >
                      <th scope="row" class="board__person">
                        <span class="swatch" style={{ background: row().person.color }} aria-hidden="true" />
                        <span class="board__name">{row().person.name}</span>
                        <span class="board__hours" title="Hours planned this week">
                          {hoursLabel(row().hours)}
                        </span>
                      </th>
                      {/* By position, not by date: moving to another week keeps the seven cells of
                          every drawn row and redraws only their contents. */}
                      <Index each={props.board.dates}>
                        {(date, index) => {
                          const shiftIds = () => days()[index]?.shiftIds ?? [];
                          const off = () => days()[index]?.off ?? [];
                          return (
                            <td
                              class="board__cell"
                              classList={{ 'is-today': date() === props.today, 'is-drop-target': isOver(cellKey(row(), date())) }}
                              data-person={row().person.id}
                              data-date={date()}
                            >
                              <For each={off()}>
                                {(t) => (
                                  <span class="time-off" classList={{ 'time-off--requested': t.status === 'requested' }}>
                                    {KIND_LABEL[t.kind]}
                                    {t.status === 'requested' ? ' (requested)' : ''}
                                  </span>
                                )}
                              </For>
                              <For each={shiftIds()}>
                                {(shiftId) => (
                                  <Show when={shiftById().get(shiftId)}>
                                    {(currentShift) => {
                                      const shift = currentShift;
                                      const range = createMemo(() => timeRange(shift(), props.viewer.zone));
                                      const place = () => {
                                        const locationId = shift().locationId;
                                        return locationId ? props.locations.get(locationId) : undefined;
                                      };
                                      const elsewhere = () => {
                                        const p = place();
                                        return p && p.timezone !== props.viewer.zone ? `${timeRange(shift(), p.timezone)} local` : undefined;
                                      };
                                      return (
                                        <button
                                          type="button"
                                          class="shift"
                                          classList={{ 'is-pending': shift().version === '0', 'is-dragging': dragging()?.id === shift().id }}
                                          draggable={mayPlan(props.viewer, shift().technicianId)}
                                          data-shift-id={shift().id}
                                          onClick={() => props.onOpen(shift())}
                                          aria-label={`${row().person.name}, ${range()}${place() ? ` at ${place()?.name}` : ''}${shift().version === '0' ? ', not synced yet' : ''}. Open to edit.`}
                                        >
                                          <span class="shift__time">{range()}</span>
                                          <Show when={place()}>
                                            <span class="shift__place">{place()?.name}</span>
                                          </Show>
                                          <Show when={elsewhere()}>
                                            <span class="shift__local">{elsewhere()}</span>
                                          </Show>
                                        </button>
                                      );
                                    }}
                                  </Show>
                                )}
                              </For>
                              <Show when={canPlan()}>
                                <button
                                  type="button"
                                  class="board__add"
                                  onClick={() => props.onAdd(row().person.id, date())}
                                  aria-label={`Add a shift for ${row().person.name} on ${shortDayLabel(date())}`}
                                >
                                  +
                                </button>
                              </Show>
                            </td>
                          );
                        }}
                      </Index>
                    </tr>
                  );
                }}
              </Show>
            )}
          </For>
          <Show when={paddingBottom() > 0}>
            <tr aria-hidden="true" class="board__spacer" style={{ height: `${paddingBottom()}px` }} />
          </Show>
        </tbody>
      </table>
    </div>
  );
}
