import { Button } from '@kobalte/core/button';
import { Dialog } from '@kobalte/core/dialog';
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js';
import { addDaysTo, localDateOf, localTimeOf, instantOfWallTime } from '../../../sync/domain/calendar-dates';
import { slotProblem } from '../../../sync/domain/shift-slot';
import { describeShift } from '../../../sync/domain/time';
import { LIMITS } from '../../../sync/protocol/mutations';
import { MutationRejected } from '../../../sync/mutators/rejection';
import { ErrorAlert } from '../components/error-alert';
import { useLocations } from '../stores/locations-store';
import { usePlannable } from '../stores/team-store';
import { device } from '../sync/device';
import type { Shift } from './board-model';
import { mayPlan, type Viewer } from './viewer';
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
}

function draftOf(target: EditorTarget, zone: string): Draft {
  if (target.mode === 'create') {
    return { technicianId: target.technicianId, locationId: '', date: target.date, start: '08:00', end: '16:00', nextDay: false, note: '' };
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
  const dateError = () => (/^\d{4}-\d{2}-\d{2}$/.test(draft().date) ? undefined : 'Choose the day of the shift.');
  const startError = () => (dateError() ? undefined : !/^\d{2}:\d{2}$/.test(draft().start) ? 'Enter a start time.' : startInstant() ? undefined : gapMessage(zone()));
  const endError = () => {
    if (dateError()) return undefined;
    if (!/^\d{2}:\d{2}$/.test(draft().end)) return 'Enter an end time.';
    if (!endInstant()) return gapMessage(zone());
    const p = problem();
    if (p?.code !== 'invalid') return undefined;
    return p.message === 'The shift must end after it starts.' && !draft().nextDay ? 'The shift must end after it starts. For a night shift, tick “Ends the next day”.' : p.message;
  };
  const technicianError = () => (draft().technicianId ? undefined : 'Choose who works this shift.');
  const clash = () => {
    const p = problem();
    return p && p.code !== 'invalid' ? p.message : undefined;
  };
  const noteError = () => (draft().note.length > LIMITS.note ? `A note can be at most ${LIMITS.note} characters.` : undefined);
  const blocked = () => Boolean(technicianError() ?? dateError() ?? startError() ?? endError() ?? clash() ?? noteError());

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
      } else {
        await device.mutate('schedule.create', { id: crypto.randomUUID(), ...values });
        props.onSaved('Shift added.');
      }
      props.onClose();
    } catch (e) {
      setSaveError(e instanceof MutationRejected ? e.message : 'The shift could not be saved on this device.');
    }
  };

  const remove = async () => {
    const current = editing();
    if (!current) return;
    try {
      await device.mutate('schedule.delete', { id: current.id, baseVersion: current.version });
      props.onSaved('Shift deleted.');
      props.onClose();
    } catch (e) {
      setSaveError(e instanceof MutationRejected ? e.message : 'The shift could not be deleted on this device.');
    }
  };

  const shown = (message: string | undefined) => (tried() ? message : undefined);

  return (
    <Dialog open={props.target !== null} onOpenChange={(open) => !open && props.onClose()}>
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
                    <p>Delete this shift? Everyone will see it gone after their next sync.</p>
                    <div class="shift-form__actions">
                      <Button class="button button--ghost" onClick={() => setConfirmDelete(false)}>
                        Keep it
                      </Button>
                      <Button class="button button--danger" onClick={() => void remove()}>
                        Delete shift
                      </Button>
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
                  <Button class="button button--primary" type="submit" disabled={Boolean(clash())}>
                    {editing() ? 'Save' : 'Add shift'}
                  </Button>
                </div>
              </Show>
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  );
}
