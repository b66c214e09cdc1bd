import { createEffect, createRoot, createSignal, on, onCleanup } from 'solid-js';
import type { Theme } from '../../../sync/protocol/enums';
import { session } from '../session/session';

const STORAGE_KEY = 'theme';

function readSaved(): Theme {
  const saved = localStorage.getItem(STORAGE_KEY);
  return saved === 'light' || saved === 'dark' ? saved : 'system';
}

/** The chosen theme (light, dark or following the system), applied as `data-theme` on <html>. */
function createTheme() {
  const [choice, setChoice] = createSignal<Theme>(readSaved());
  const media = window.matchMedia('(prefers-color-scheme: dark)');
  const [systemDark, setSystemDark] = createSignal(media.matches);
  const onChange = (e: MediaQueryListEvent) => setSystemDark(e.matches);
  media.addEventListener('change', onChange);
  onCleanup(() => media.removeEventListener('change', onChange));

  // A device that never chose a theme takes the one saved in the profile, so the choice follows
  // people to a new phone; afterwards this device's own choice stands (it may be newer than what
  // the server has heard, when it was made offline).
  const hadChoice = localStorage.getItem(STORAGE_KEY) !== null;
  createEffect(
    on(
      () => session.known()?.theme,
      (saved) => {
        if (saved && !hadChoice) setChoice(saved);
      },
    ),
  );

  const resolved = () => (choice() === 'system' ? (systemDark() ? 'dark' : 'light') : choice());
  createEffect(() => {
    document.documentElement.dataset.theme = resolved();
    localStorage.setItem(STORAGE_KEY, choice());
  });
  return { choice, setChoice, resolved };
}

export const theme = createRoot(createTheme);
