import { Button } from '@kobalte/core/button';
// A module namespace, not the package's Dialog object: Kobalte builds Dialog and AlertDialog by
// Object.assign onto one shared function, so whichever loads last decides the other's Content role.
import * as Dialog from '@kobalte/core/dialog';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { addDaysTo, localDateOf, localTimeOf, instantOfWallTime, weekdayOf } from '../../../sync/domain/calendar-dates';
import { MAX_REPEAT_DAYS, repeatProblem, weeklyOccurrences } from '../../../sync/domain/weekly-repeat';
import { slotProblem } from '../../../sync/domain/shift-slot';
import { describeShift } from '../../../sync/domain/time';
import { LIMITS } from '../../../sync/protocol/mutations';
import { MutationRejected } from '../../../sync/mutators/rejection';
import { ErrorAlert } from '../components/error-alert';
import { useLocations } from '../stores/locations-store';
import { usePlannable } from '../stores/team-store';
import { device } from '../sync/device';
import type { Shift } from './board-model';
import { mayPlan, type Viewer } from './planning-rights';
import { RepeatFields } from './repeat-fields';
import { planSeries } from './series-plan';
import { useCommitments } from './week-data';
import './shift-editor.css';

/** What the editor opens on: a new shift in a cell, or an existing shift. */
export type EditorTarget = { mode: 'create'; technicianId: string; date: string } | { mode: 'edit'; shift: Shift };

interface Draft {
  technicianId: string;
  locationId: string;
  date: string;
  start: string;
  end: string;
  nextDay: boolean;
  note: string;
  repeat: boolean;
  weekdays: number[];
  until: string;
}

function draftOf(target: EditorTarget, zone: string): Draft {
  if (target.mode === 'create') {
    return {
      technicianId: target.technicianId,
      locationId: '',
      date: target.date,
      start: '08:00',
      end: '16:00',
      nextDay: false,
      note: '',
      repeat: false,
      weekdays: [weekdayOf(target.date)],
      until: addDaysTo(target.date, 13),
    };
  }
  const s = target.shift;
  const date = localDateOf(s.start, zone);
  return {
    technicianId: s.technicianId,
    locationId: s.locationId ?? '',
    date,
    start: localTimeOf(s.start, zone),
    end: localTimeOf(s.end, zone),
    nextDay: localDateOf(s.end, zone) !== date,
    note: s.note,
    repeat: false,
    weekdays: [weekdayOf(date)],
    until: date,
  };
}

const gapMessage = (zone: string) => `That time does not exist on this date in ${zone}: the clocks go forward then.`;

/**
 * The shift editor (a modal dialog): technician, location, day, start and end in the viewer's time
 * zone, note. Problems are shown where they belong before anything is saved: an end before the
 * start or a shift over 24 hours at the end field, a clash with another shift or approved time off
 * (named in the technician's own time) above the buttons. Saving writes through sync, so it works
 * offline; the device refuses at once what it can tell the server would.
 */
export function ShiftEditor(props: { target: EditorTarget | null; viewer: Viewer; onClose: () => void; onSaved: (message: string) => void }) {
  const people = usePlannable();
  const locations = useLocations();
  const [draft, setDraft] = createSignal<Draft>(draftOf({ mode: 'create', technicianId: '', date: '2026-01-01' }, 'UTC'));
  const [saveError, setSaveError] = createSignal<string>();
  const [confirmDelete, setConfirmDelete] = createSignal(false);
  const [tried, setTried] = createSignal(false);

  createEffect(
    on(
      () => props.target,
      (target) => {
        if (!target) return;
        setDraft(draftOf(target, props.viewer.zone));
        setSaveError(undefined);
        setConfirmDelete(false);
        setTried(false);
      },
    ),
  );

  const editing = () => (props.target?.mode === 'edit' ? props.target.shift : null);
  const update = (patch: Partial<Draft>) => {
    setDraft({ ...draft(), ...patch });
    setSaveError(undefined);
  };
  const zone = () => props.viewer.zone;
  const startInstant = createMemo(() => instantOfWallTime(draft().date, draft().start, zone()));
  const endInstant = createMemo(() => instantOfWallTime(draft().nextDay ? addDaysTo(draft().date, 1) : draft().date, draft().end, zone()));
  const technician = createMemo(() => people().find((p) => p.id === draft().technicianId));
  const location = createMemo(() => locations().find((l) => l.id === draft().locationId));
  const commitments = useCommitments(() => draft().technicianId);

  const problem = createMemo(() => {
    const start = startInstant();
    const end = endInstant();
    const tech = technician();
    if (!start || !end || !tech) return null;
    const c = commitments();
    return slotProblem({ start, end }, tech, c.shifts, c.timeOff, editing()?.id);
  });
  const repeating = () => props.target?.mode === 'create' && draft().repeat;
  const repeatError = () => {
    if (!repeating()) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(draft().until)) return 'Choose the last day of the repeat.';
    const p = repeatProblem(draft());
    if (p === 'no_weekdays') return 'Choose at least one day of the week.';
    if (p === 'until_before_start') return 'The last day must be on or after the first shift.';
    if (p === 'too_far') return `A repeat can reach at most ${MAX_REPEAT_DAYS} days ahead.`;
    return undefined;
  };
  const plan = createMemo(() => {
    const tech = technician();
    if (!repeating() || repeatError() || !tech) return null;
    const d = draft();
    const occurrences = weeklyOccurrences({ date: d.date, start: d.start, end: d.end, endsNextDay: d.nextDay, weekdays: d.weekdays, until: d.until, zone: zone() });
    return planSeries(occurrences, tech, commitments());
  });

  const dateError = () => (/^\d{4}-\d{2}-\d{2}$/.test(draft().date) ? undefined : 'Choose the day of the shift.');
  const startError = () => (dateError() ? undefined : !/^\d{2}:\d{2}$/.test(draft().start) ? 'Enter a start time.' : startInstant() ? undefined : gapMessage(zone()));
  const endError = () => {
    if (dateError()) return undefined;
    if (!/^\d{2}:\d{2}$/.test(draft().end)) return 'Enter an end time.';
    if (!endInstant()) return gapMessage(zone());
    const p = problem();
    if (p?.code !== 'invalid') return undefined;
    return p.details.reason === 'empty' && !draft().nextDay ? `${p.message} For a night shift, tick “Ends the next day”.` : p.message;
  };
  const technicianError = () => (draft().technicianId ? undefined : 'Choose who works this shift.');
  // A repeat lists its clashing days instead, and saves the ones that fit.
  const clash = () => {
    const p = problem();
    return p && p.code !== 'invalid' && !repeating() ? p.message : undefined;
  };
  const noteError = () => (draft().note.length > LIMITS.note ? `A note can be at most ${LIMITS.note} characters.` : undefined);
  const blocked = () => Boolean(technicianError() ?? dateError() ?? startError() ?? endError() ?? clash() ?? noteError() ?? repeatError() ?? (repeating() && plan()?.fits.length === 0 ? 'nothing fits' : undefined));
  const saveLabel = () => {
    if (editing()) return 'Save';
    const p = plan();
    if (!p) return 'Add shift';
    return p.refused.length ? `Add the ${p.fits.length} that fit` : `Add ${p.fits.length} shifts`;
  };

  /** The same shift in the location's zone, when that differs from the viewer's. */
  const atLocation = () => {
    const l = location();
    const start = startInstant();
    const end = endInstant();
    if (!l || !start || !end || l.timezone === zone()) return undefined;
    return `${describeShift(start, end, l.timezone)} at ${l.name} (${l.timezone})`;
  };

  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    setTried(true);
    const start = startInstant();
    const end = endInstant();
    if (blocked() || !start || !end) return;
    const d = draft();
    const values = { technicianId: d.technicianId, locationId: d.locationId || null, start: start.toISOString(), end: end.toISOString(), note: d.note.trim() };
    try {
      const current = editing();
      if (current) {
        const patch: Partial<typeof values> = {};
        if (values.technicianId !== current.technicianId) patch.technicianId = values.technicianId;
        if (values.locationId !== current.locationId) patch.locationId = values.locationId;
        if (values.start !== current.start) patch.start = values.start;
        if (values.end !== current.end) patch.end = values.end;
        if (values.note !== current.note) patch.note = values.note;
        if (Object.keys(patch).length > 0) await device.mutate('schedule.update', { id: current.id, baseVersion: current.version, patch });
        props.onSaved('Shift saved.');
      } else if (repeating()) {
        const fits = plan()?.fits ?? [];
        const seriesId = crypto.randomUUID();
        for (const o of fits) {
          await device.mutate('schedule.create', { id: crypto.randomUUID(), ...values, start: o.start.toISOString(), end: o.end.toISOString(), seriesId });
        }
        props.onSaved(`${fits.length} shifts added.`);
      } else {
        await device.mutate('schedule.create', { id: crypto.randomUUID(), ...values });
        props.onSaved('Shift added.');
      }
      props.onClose();
    } catch (e) {
      setSaveError(e instanceof MutationRejected ? e.message : 'The shift could not be saved on this device.');
    }
  };

  /** "This and the following ones": the later shifts made by the same repeat, as this device has them. */
  const following = async (shift: Shift): Promise<Shift[]> => {
    const db = device.db()?.db;
    if (!db || !shift.seriesId) return [shift];
    const series = await db.schedule.where('technicianId').equals(shift.technicianId).filter((s) => s.seriesId === shift.seriesId && s.start >= shift.start).toArray();
    return series.some((s) => s.id === shift.id) ? series : [shift, ...series];
  };

  const remove = async (andFollowing: boolean) => {
    const current = editing();
    if (!current) return;
    try {
      const doomed = andFollowing ? await following(current) : [current];
      for (const s of doomed) await device.mutate('schedule.delete', { id: s.id, baseVersion: s.version });
      props.onSaved(doomed.length === 1 ? 'Shift deleted.' : `${doomed.length} shifts deleted.`);
      props.onClose();
    } catch (e) {
      setSaveError(e instanceof MutationRejected ? e.message : 'The shift could not be deleted on this device.');
    }
  };

  const shown = (message: string | undefined) => (tried() ? message : undefined);

  return (
    <Dialog.Root open={props.target !== null} onOpenChange={(open) => !open && props.onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay class="dialog__overlay" />
        <div class="dialog__positioner">
          <Dialog.Content class="dialog">
            <div class="dialog__header">
              <Dialog.Title class="dialog__title">{editing() ? 'Edit shift' : 'New shift'}</Dialog.Title>
              <Dialog.CloseButton class="button button--ghost button--small" aria-label="Close">
                ✕
              </Dialog.CloseButton>
            </div>
            <form class="shift-form" onSubmit={save} novalidate>
              <div class="field">
                <label class="field__label" for="shift-technician">
                  Technician
                </label>
                <select
                  id="shift-technician"
                  class="field__input"
                  value={draft().technicianId}
                  disabled={!props.viewer.isAdmin}
                  aria-invalid={Boolean(shown(technicianError()))}
                  onChange={(e) => update({ technicianId: e.currentTarget.value })}
                >
                  <option value="">Choose…</option>
                  <For each={people().filter((p) => mayPlan(props.viewer, p.id) || p.id === draft().technicianId)}>{(p) => <option value={p.id}>{p.name}</option>}</For>
                </select>
                <Show when={shown(technicianError())}>
                  <p class="field__error">{technicianError()}</p>
                </Show>
              </div>
              <div class="field">
                <label class="field__label" for="shift-location">
                  Location
                </label>
                <select id="shift-location" class="field__input" value={draft().locationId} onChange={(e) => update({ locationId: e.currentTarget.value })}>
                  <option value="">No location</option>
                  <For each={locations()}>{(l) => <option value={l.id}>{l.name}</option>}</For>
                </select>
              </div>
              <div class="field">
                <label class="field__label" for="shift-date">
                  Day
                </label>
                <input id="shift-date" class="field__input" type="date" value={draft().date} aria-invalid={Boolean(dateError())} onInput={(e) => update({ date: e.currentTarget.value })} />
                <Show when={dateError()}>
                  <p class="field__error">{dateError()}</p>
                </Show>
              </div>
              <div class="shift-form__times">
                <div class="field">
                  <label class="field__label" for="shift-start">
                    Starts
                  </label>
                  <input id="shift-start" class="field__input" type="time" value={draft().start} aria-invalid={Boolean(startError())} aria-describedby="shift-zone" onInput={(e) => update({ start: e.currentTarget.value })} />
                  <Show when={startError()}>
                    <p class="field__error">{startError()}</p>
                  </Show>
                </div>
                <div class="field">
                  <label class="field__label" for="shift-end">
                    Ends
                  </label>
                  <input id="shift-end" class="field__input" type="time" value={draft().end} aria-invalid={Boolean(endError())} aria-describedby="shift-zone" onInput={(e) => update({ end: e.currentTarget.value })} />
                  <Show when={endError()}>
                    <p class="field__error">{endError()}</p>
                  </Show>
                </div>
              </div>
              <label class="shift-form__check">
                <input type="checkbox" checked={draft().nextDay} onChange={(e) => update({ nextDay: e.currentTarget.checked })} />
                Ends the next day
              </label>
              <Show when={props.target?.mode === 'create'}>
                <label class="shift-form__check">
                  <input type="checkbox" checked={draft().repeat} onChange={(e) => update({ repeat: e.currentTarget.checked })} />
                  Repeat weekly
                </label>
                <Show when={draft().repeat}>
                  <RepeatFields
                    weekdays={draft().weekdays}
                    until={draft().until}
                    error={repeatError()}
                    onWeekdays={(weekdays) => update({ weekdays })}
                    onUntil={(until) => update({ until })}
                  />
                  <Show when={plan()}>
                    {(p) => (
                      <div class="repeat__plan" aria-live="polite">
                        <p>
                          {p().fits.length} {p().fits.length === 1 ? 'shift fits' : 'shifts fit'}
                          {p().refused.length ? `; ${p().refused.length} cannot be planned:` : '.'}
                        </p>
                        <Show when={p().refused.length > 0}>
                          <ul class="repeat__refused">
                            <For each={p().refused}>{(r) => <li>{r.reason}</li>}</For>
                          </ul>
                        </Show>
                      </div>
                    )}
                  </Show>
                </Show>
              </Show>
              <p id="shift-zone" class="muted shift-form__zone">
                Times in {zone()}.
                <Show when={atLocation()}>
                  {' '}That is {atLocation()}.
                </Show>
              </p>
              <div class="field">
                <label class="field__label" for="shift-note">
                  Note
                </label>
                <textarea id="shift-note" class="field__input" rows="2" value={draft().note} aria-invalid={Boolean(noteError())} onInput={(e) => update({ note: e.currentTarget.value })} />
                <Show when={noteError()}>
                  <p class="field__error">{noteError()}</p>
                </Show>
              </div>
              <ErrorAlert message={clash() ?? saveError()} />
              <Show
                when={!confirmDelete()}
                fallback={
                  <div class="shift-form__confirm" role="group" aria-label="Confirm deletion">
                    <p>{editing()?.seriesId ? 'This shift was planned as part of a weekly repeat. Delete which?' : 'Delete this shift? Everyone will see it gone after their next sync.'}</p>
                    <div class="shift-form__actions">
                      <Button class="button button--ghost" onClick={() => setConfirmDelete(false)}>
                        Keep it
                      </Button>
                      <Show
                        when={editing()?.seriesId}
                        fallback={
                          <Button class="button button--danger" onClick={() => void remove(false)}>
                            Delete shift
                          </Button>
                        }
                      >
                        <Button class="button button--danger" onClick={() => void remove(false)}>
                          Only this shift
                        </Button>
                        <Button class="button button--danger" onClick={() => void remove(true)}>
                          This and the following ones
                        </Button>
                      </Show>
                    </div>
                  </div>
                }
              >
                <div class="shift-form__actions">
                  <Show when={editing()}>
                    <Button class="button button--ghost button--danger-text" onClick={() => setConfirmDelete(true)}>
                      Delete…
                    </Button>
                  </Show>
                  <span class="shift-form__spacer" />
                  <Button class="button button--ghost" onClick={() => props.onClose()}>
                    Cancel
                  </Button>
                  <Button class="button button--primary" type="submit" disabled={Boolean(clash()) || (repeating() && plan()?.fits.length === 0)}>
                    {saveLabel()}
                  </Button>
                </div>
              </Show>
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
