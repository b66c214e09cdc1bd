import { A } from '@solidjs/router';
import { createMemo, For, Show, type Accessor } from 'solid-js';
import { addDaysTo, localDateOf, localTimeOf, shortDayLabel, zoneAbbreviation } from '../../../sync/domain/calendar-dates';
import { startOfLocalDay } from '../../../sync/domain/time';
import { NotSyncedBadge } from '../components/not-synced-badge';
import { PlaceholderLine } from '../components/placeholder';
import { useMyShifts, type MyShift } from '../stores/my-day-store';
import { usePendingIds } from '../stores/pending-store';
import { isLocalOnly } from '../stores/tickets-store';

function ShiftRow(props: { shift: MyShift; zone: string; unsynced: boolean }) {
  const time = (at: string) => localTimeOf(at, props.zone);
  const otherZone = () => {
    const z = props.shift.location?.timezone;
    return z && z !== props.zone ? z : undefined;
  };
  return (
    <li class="home-shift">
      <p class="home-shift__time">
        {time(props.shift.start)}–{time(props.shift.end)}
      </p>
      <div class="home-shift__where">
        <p class="home-shift__place">{props.shift.location?.name ?? 'No location'}</p>
        <Show when={props.shift.location?.address}>
          <p class="muted home-shift__address">{props.shift.location?.address}</p>
        </Show>
        <Show when={otherZone()}>
          {(zone) => (
            <p class="muted">
              There: {localTimeOf(props.shift.start, zone())}–{localTimeOf(props.shift.end, zone())} {zoneAbbreviation(props.shift.start, zone())}
            </p>
          )}
        </Show>
        <Show when={props.shift.note}>
          <p class="home-shift__note">{props.shift.note}</p>
        </Show>
      </div>
      <Show when={props.unsynced}>
        <NotSyncedBadge />
      </Show>
    </li>
  );
}

/** Today's and tomorrow's shifts of the signed-in user, in their own zone, with where they are. */
export function MyShifts(props: { zone: string; now: Accessor<Date> }) {
  const today = () => localDateOf(props.now(), props.zone);
  const window = createMemo(() => ({ from: startOfLocalDay(today(), props.zone), to: startOfLocalDay(addDaysTo(today(), 2), props.zone) }), undefined, {
    equals: (a, b) => a?.from.getTime() === b.from.getTime() && a.to.getTime() === b.to.getTime(),
  });
  const shifts = useMyShifts(window);
  const pending = usePendingIds('schedule');
  const days = () => [
    { date: today(), title: 'Today' },
    { date: addDaysTo(today(), 1), title: 'Tomorrow' },
  ];
  // A night shift shows on the day it starts; one that began yesterday shows under today.
  const dayOf = (s: MyShift) => {
    const d = localDateOf(s.start, props.zone);
    return d < today() ? today() : d;
  };
  return (
    <section class="card home-card home-card--shifts" aria-labelledby="home-shifts-title" aria-busy={!shifts.ready()}>
      <h2 id="home-shifts-title">My shifts</h2>
      <For each={days()}>
        {(day) => {
          const list = () => shifts().filter((s) => dayOf(s) === day.date);
          return (
            <div class="home-day">
              <h3 class="home-day__title">
                {day.title} <span class="muted">· {shortDayLabel(day.date)}</span>
              </h3>
              <Show when={list().length > 0} fallback={shifts.ready() ? <p class="muted">No shift.</p> : <PlaceholderLine width="8em" />}>
                <ul class="home-list">
                  <For each={list()}>{(shift) => <ShiftRow shift={shift} zone={props.zone} unsynced={isLocalOnly(shift) || pending().has(shift.id)} />}</For>
                </ul>
              </Show>
            </div>
          );
        }}
      </For>
      <A href="/calendar" class="home-more">
        Open the calendar
      </A>
    </section>
  );
}
