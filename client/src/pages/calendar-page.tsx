import { Button } from '@kobalte/core/button';
import { useSearchParams } from '@solidjs/router';
import { createEffect, createMemo, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { addDaysTo, localDateOf, weekStartOf } from '../../../sync/domain/calendar-dates';
import { buildBoard, type Person, type Shift } from '../calendar/board-model';
import { DayView } from '../calendar/day-view';
import { moveShift } from '../calendar/move-shift';
import { ShiftEditor, type EditorTarget } from '../calendar/shift-editor';
import { useViewer } from '../calendar/viewer';
import { WeekBoard } from '../calendar/week-board';
import { useWeekData } from '../calendar/week-data';
import { ErrorAlert } from '../components/error-alert';
import { useLocations } from '../stores/locations-store';
import { useTeam } from '../stores/team-store';
import '../calendar/calendar-page.css';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PHONE = '(max-width: 720px)';

function usePhone() {
  const query = window.matchMedia(PHONE);
  const [phone, setPhone] = createSignal(query.matches);
  const listener = (e: MediaQueryListEvent) => setPhone(e.matches);
  query.addEventListener('change', listener);
  onCleanup(() => query.removeEventListener('change', listener));
  return phone;
}

function useToday(zone: () => string) {
  const [now, setNow] = createSignal(new Date());
  const timer = setInterval(() => setNow(new Date()), 60_000);
  onCleanup(() => clearInterval(timer));
  return () => localDateOf(now(), zone());
}

type Params = { week?: string; day?: string; location?: string; tech?: string; shift?: string };

/**
 * The calendar: the week board on a desktop, one day at a time on a phone. What is shown lives in
 * the URL (`week`, `day`, `location`, `tech`, `shift`), so a link or a reload shows the same thing.
 */
export function CalendarPage() {
  const [params, setParams] = useSearchParams<Params>();
  const viewer = useViewer();
  const phone = usePhone();
  const today = useToday(() => viewer().zone);
  const team = useTeam();
  const locations = useLocations();
  const locationsById = createMemo(() => new Map(locations().map((l) => [l.id, l])));

  const day = () => (params.day && DATE.test(params.day) ? params.day : params.week && DATE.test(params.week) ? params.week : today());
  const monday = () => (params.week && DATE.test(params.week) && !phone() ? weekStartOf(params.week) : weekStartOf(day()));
  const data = useWeekData(() => ({ monday: monday(), zone: viewer().zone }));
  const filter = () => ({ locationId: params.location || null, technicianId: params.tech || null });
  const board = createMemo(() => buildBoard(monday(), viewer().zone, team(), data().shifts, data().timeOff, filter()));

  const [editor, setEditorTarget] = createSignal<EditorTarget | null>(null);
  const [notice, setNotice] = createSignal<{ message: string; undo?: () => Promise<void> }>();
  const [problem, setProblem] = createSignal<string>();
  // A message about the last action goes when the next one starts; a notice also fades by itself.
  const setEditor = (target: EditorTarget | null) => {
    if (target) setProblem(undefined);
    setEditorTarget(target);
  };
  createEffect(() => {
    const current = notice();
    if (!current) return;
    const timer = setTimeout(() => notice() === current && setNotice(undefined), current.undo ? 15_000 : 6_000);
    onCleanup(() => clearTimeout(timer));
  });

  // A link such as /calendar?week=…&shift=<id> (from a refused time-off approval) opens that shift.
  createEffect(() => {
    const id = params.shift;
    if (!id || editor()) return;
    const shift = data().shifts.find((s) => s.id === id);
    if (shift) setEditor({ mode: 'edit', shift });
  });
  const closeEditor = () => {
    setEditor(null);
    if (params.shift) setParams({ shift: undefined });
  };

  const goWeek = (date: string) => setParams({ week: weekStartOf(date), day: undefined });
  const goDay = (date: string) => setParams({ day: date, week: undefined });

  const onMove = async (shift: Shift, to: { technician: Person; date: string }) => {
    setProblem(undefined);
    const outcome = await moveShift(shift, to, viewer().zone);
    if (outcome.ok) setNotice({ message: outcome.message, undo: outcome.undo });
    else setProblem(`The shift stays where it was: ${outcome.message}`);
  };
  const undo = async () => {
    const n = notice();
    setNotice(undefined);
    try {
      await n?.undo?.();
      setNotice({ message: 'Move undone.' });
    } catch {
      setProblem('The move could not be undone: the shift changed meanwhile.');
    }
  };

  const technicians = () => team().filter((p) => p.active);

  return (
    <>
      <div class="calendar-head">
        <h1 class="page-title">Calendar</h1>
        <Show when={!phone()}>
          <div class="calendar-toolbar" role="group" aria-label="Week">
            <Button class="button button--ghost" onClick={() => goWeek(addDaysTo(monday(), -7))} aria-label="Previous week">
              ‹ Previous
            </Button>
            <Button class="button button--ghost" onClick={() => goWeek(today())}>
              Today
            </Button>
            <Button class="button button--ghost" onClick={() => goWeek(addDaysTo(monday(), 7))} aria-label="Next week">
              Next ›
            </Button>
            <label class="calendar-toolbar__field">
              <span>Week of</span>
              <input type="date" class="field__input" value={monday()} onChange={(e) => DATE.test(e.currentTarget.value) && goWeek(e.currentTarget.value)} />
            </label>
          </div>
        </Show>
        <div class="calendar-filters" role="group" aria-label="Filters">
          <label class="calendar-toolbar__field">
            <span>Location</span>
            <select class="field__input" value={params.location ?? ''} onChange={(e) => setParams({ location: e.currentTarget.value || undefined })}>
              <option value="">All locations</option>
              <option value="none">No location</option>
              <For each={locations()}>{(l) => <option value={l.id}>{l.name}</option>}</For>
            </select>
          </label>
          <Show when={!phone()}>
            <label class="calendar-toolbar__field">
              <span>Technician</span>
              <select class="field__input" value={params.tech ?? ''} onChange={(e) => setParams({ tech: e.currentTarget.value || undefined })}>
                <option value="">Everyone</option>
                <For each={technicians()}>{(p) => <option value={p.id}>{p.name}</option>}</For>
              </select>
            </label>
          </Show>
        </div>
      </div>

      <ErrorAlert message={problem()} />
      <Show when={notice()}>
        <div class="notice" role="status">
          <span>{notice()?.message}</span>
          <Show when={notice()?.undo}>
            <Button class="button button--ghost button--small" onClick={() => void undo()}>
              Undo
            </Button>
          </Show>
          <Button class="button button--ghost button--small" onClick={() => setNotice(undefined)} aria-label="Dismiss">
            ✕
          </Button>
        </div>
      </Show>

      <Switch>
        <Match when={phone()}>
          <DayView
            date={day()}
            today={today()}
            board={board()}
            viewer={viewer()}
            locations={locationsById()}
            onDay={goDay}
            onPrevious={() => goDay(addDaysTo(day(), -1))}
            onNext={() => goDay(addDaysTo(day(), 1))}
            onAdd={(date) => setEditor({ mode: 'create', technicianId: viewer().isAdmin ? '' : viewer().id, date })}
            onOpen={(shift) => setEditor({ mode: 'edit', shift })}
          />
        </Match>
        <Match when={!phone()}>
          <p class="muted calendar-zone">Times in {viewer().zone}. Drag a shift to move it, or open it to edit.</p>
          <WeekBoard
            board={board()}
            today={today()}
            viewer={viewer()}
            locations={locationsById()}
            onAdd={(technicianId, date) => setEditor({ mode: 'create', technicianId, date })}
            onOpen={(shift) => setEditor({ mode: 'edit', shift })}
            onMove={(shift, to) => void onMove(shift, to)}
          />
        </Match>
      </Switch>

      <ShiftEditor
        target={editor()}
        viewer={viewer()}
        onClose={closeEditor}
        onSaved={(message) => {
          setProblem(undefined);
          setNotice({ message });
        }}
      />
    </>
  );
}
