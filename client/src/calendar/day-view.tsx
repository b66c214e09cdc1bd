import { Button } from '@kobalte/core/button';
import { formatInTimeZone } from 'date-fns-tz';
import { createMemo, For, Show } from 'solid-js';
import { localDateOf, localTimeOf } from '../../../sync/domain/calendar-dates';
import type { Board, Place, Shift, TimeOff } from './board-model';
import { mayPlan, type Viewer } from './planning-rights';
import './day-view.css';

const longDay = (date: string) => formatInTimeZone(`${date}T12:00:00Z`, 'UTC', 'EEEE d MMMM');
const KIND_LABEL: Record<TimeOff['kind'], string> = { vacation: 'vacation', sick: 'sick leave', other: 'time off' };

interface Entry {
  shift: Shift;
  name: string;
  color: string;
}

export interface DayViewProps {
  date: string;
  today: string;
  board: Board;
  viewer: Viewer;
  locations: Map<string, Place>;
  onDay: (date: string) => void;
  onAdd: (date: string) => void;
  onOpen: (shift: Shift) => void;
  onPrevious: () => void;
  onNext: () => void;
}

/**
 * The technician's phone view: one day, my shifts first with where to go, then the team's. Large
 * touch targets; buttons and a horizontal swipe move between days.
 */
export function DayView(props: DayViewProps) {
  const entries = createMemo(() => {
    const mine: Entry[] = [];
    const team: Entry[] = [];
    for (const row of props.board.rows) {
      for (const shift of row.shiftsByDay.get(props.date) ?? []) {
        (row.person.id === props.viewer.id ? mine : team).push({ shift, name: row.person.name, color: row.person.color });
      }
    }
    team.sort((a, b) => a.shift.start.localeCompare(b.shift.start));
    return { mine, team };
  });
  const myTimeOff = createMemo(() => props.board.rows.find((r) => r.person.id === props.viewer.id)?.timeOffByDay.get(props.date) ?? []);
  const teamOff = createMemo(() =>
    props.board.rows.flatMap((r) => (r.person.id === props.viewer.id ? [] : (r.timeOffByDay.get(props.date) ?? []).filter((t) => t.status === 'approved').map(() => r.person.name))),
  );

  let touchX = 0;
  let touchY = 0;
  const onTouchStart = (e: TouchEvent) => {
    touchX = e.changedTouches[0]?.clientX ?? 0;
    touchY = e.changedTouches[0]?.clientY ?? 0;
  };
  const onTouchEnd = (e: TouchEvent) => {
    const dx = (e.changedTouches[0]?.clientX ?? 0) - touchX;
    const dy = (e.changedTouches[0]?.clientY ?? 0) - touchY;
    if (Math.abs(dx) < 60 || Math.abs(dy) > Math.abs(dx) / 2) return;
    if (dx < 0) props.onNext();
    else props.onPrevious();
  };

  const card = (entry: Entry, mine: boolean) => {
    const place = () => (entry.shift.locationId ? props.locations.get(entry.shift.locationId) : undefined);
    const ends = () => (localDateOf(entry.shift.end, props.viewer.zone) === props.date ? localTimeOf(entry.shift.end, props.viewer.zone) : `${formatInTimeZone(entry.shift.end, props.viewer.zone, 'EEE')} ${localTimeOf(entry.shift.end, props.viewer.zone)}`);
    const content = (
      <>
        <span class="day-shift__time">
          {localTimeOf(entry.shift.start, props.viewer.zone)}–{ends()}
        </span>
        <Show when={!mine}>
          <span class="day-shift__who">
            <span class="swatch" style={{ background: entry.color }} aria-hidden="true" />
            {entry.name}
          </span>
        </Show>
        <span class="day-shift__place">{place()?.name ?? 'No location'}</span>
        <Show when={mine && place()?.address}>
          <span class="day-shift__address">{place()?.address}</span>
        </Show>
        <Show when={entry.shift.note}>
          <span class="day-shift__note">{entry.shift.note}</span>
        </Show>
        <Show when={entry.shift.version === '0'}>
          <span class="badge badge--pending">not synced yet</span>
        </Show>
      </>
    );
    return (
      <li class="day-shift" style={{ '--person-color': entry.color }}>
        <Show when={mayPlan(props.viewer, entry.shift.technicianId)} fallback={<div class="day-shift__body">{content}</div>}>
          <button type="button" class="day-shift__body" onClick={() => props.onOpen(entry.shift)}>
            {content}
          </button>
        </Show>
      </li>
    );
  };

  return (
    <div class="day-view" onTouchStart={onTouchStart} onTouchEnd={onTouchEnd}>
      <div class="day-nav">
        <Button class="button button--ghost day-nav__step" onClick={() => props.onPrevious()} aria-label="Previous day">
          ‹
        </Button>
        <div class="day-nav__title">
          <h2>{longDay(props.date)}</h2>
          <Show when={props.date === props.today} fallback={<button type="button" class="link-button" onClick={() => props.onDay(props.today)}>Back to today</button>}>
            <span class="muted">Today</span>
          </Show>
        </div>
        <Button class="button button--ghost day-nav__step" onClick={() => props.onNext()} aria-label="Next day">
          ›
        </Button>
      </div>

      <section class="day-section" aria-labelledby="my-day">
        <h3 id="my-day">My shifts</h3>
        <For each={myTimeOff()}>
          {(t) => (
            <p class="time-off" classList={{ 'time-off--requested': t.status === 'requested' }}>
              {t.status === 'approved' ? `You are off today (${KIND_LABEL[t.kind]}).` : `You asked for ${KIND_LABEL[t.kind]} today; not approved yet.`}
            </p>
          )}
        </For>
        <Show when={entries().mine.length > 0} fallback={<p class="muted">No shifts for you on this day.</p>}>
          <ul class="day-list">
            <For each={entries().mine}>{(e) => card(e, true)}</For>
          </ul>
        </Show>
      </section>

      <section class="day-section" aria-labelledby="team-day">
        <h3 id="team-day">Team</h3>
        <Show when={teamOff().length > 0}>
          <p class="muted">Off today: {teamOff().join(', ')}.</p>
        </Show>
        <Show when={entries().team.length > 0} fallback={<p class="muted">Nobody else is on shift.</p>}>
          <ul class="day-list">
            <For each={entries().team}>{(e) => card(e, false)}</For>
          </ul>
        </Show>
      </section>

      <Button class="button button--primary button--block day-add" onClick={() => props.onAdd(props.date)}>
        Add a shift
      </Button>
    </div>
  );
}
