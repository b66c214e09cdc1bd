import { createEffect, createRoot, createSignal, onCleanup } from 'solid-js';
import type { Theme } from '../../../sync/protocol/enums';

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

  const resolved = () => (choice() === 'system' ? (systemDark() ? 'dark' : 'light') : choice());
  createEffect(() => {
    document.documentElement.dataset.theme = resolved();
    localStorage.setItem(STORAGE_KEY, choice());
  });
  return { choice, setChoice, resolved };
}

export const theme = createRoot(createTheme);
