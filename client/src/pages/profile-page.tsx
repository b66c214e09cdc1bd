import { Button } from '@kobalte/core/button';
import { ToggleGroup } from '@kobalte/core/toggle-group';
import { createSignal, For, Show } from 'solid-js';
import { THEMES, type Theme } from '../../../sync/protocol/enums';
import { newPasswordSchema } from '../../../sync/protocol/fields';
import { api } from '../api/http';
import { TextInput } from '../components/text-input';
import { session } from '../session/session';
import { device } from '../sync/device';
import { useSignOut } from '../session/use-sign-out';
import { theme } from '../theme/theme';
import { ErrorAlert } from '../components/error-alert';
import { CalendarFeed } from '../components/calendar-feed';
import { ProfileDetailsForm } from '../profile/profile-details-form';
import { useTeam } from '../stores/team-store';
import { errorMessage } from '../sync/error-message';
import { NotificationSettings } from '../components/notification-settings';

const THEME_LABELS: Record<Theme, string> = { light: 'Light', dark: 'Dark', system: 'Same as device' };

function ChangePassword() {
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [message, setMessage] = createSignal<{ kind: 'ok' | 'error'; text: string }>();

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const checked = newPasswordSchema.safeParse(next());
    if (!checked.success) {
      setMessage({ kind: 'error', text: `The new password ${checked.error.issues[0]?.message ?? 'is not valid'}.` });
      return;
    }
    try {
      await api<void>('POST', '/api/auth/password', { currentPassword: current(), newPassword: next() });
      setCurrent('');
      setNext('');
      setMessage({ kind: 'ok', text: 'Password changed. Your other devices have been signed out.' });
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e, 'Changing the password failed.') });
    }
  };

  return (
    <form class="card stack" onSubmit={submit} novalidate>
      <h2>Password</h2>
      <TextInput label="Current password" name="currentPassword" type="password" autocomplete="current-password" value={current()} onChange={setCurrent} />
      <TextInput label="New password" name="newPassword" type="password" autocomplete="new-password" value={next()} onChange={setNext} />
      <Show when={message()}>
        {(m) => (
          <p class={`alert ${m().kind === 'ok' ? 'alert--ok' : 'alert--error'}`} role={m().kind === 'ok' ? 'status' : 'alert'}>
            {m().text}
          </p>
        )}
      </Show>
      <Button class="button button--primary" type="submit">
        Change password
      </Button>
    </form>
  );
}

export function ProfilePage() {
  const { signOut, error: signOutError } = useSignOut();
  const team = useTeam();
  const [themeError, setThemeError] = createSignal<string>();
  // The synced row, not the session's copy: it shows changes made offline and on other devices.
  const me = () => team().find((u) => u.id === session.user()?.id);
  return (
    <>
      <h1 class="page-title">Profile</h1>
      <Show when={me()} fallback={<p class="muted">Loading your profile…</p>}>
        {(row) => <ProfileDetailsForm me={row()} />}
      </Show>
      <section class="card stack">
        <h2 id="theme-label">Appearance</h2>
        <ToggleGroup
          class="segmented"
          aria-labelledby="theme-label"
          value={theme.choice()}
          onChange={(value) => {
            if (!value) return;
            setThemeError(undefined);
            theme.setChoice(value as Theme);
            // Saved to the profile too (through sync, so offline works), so other devices follow.
            device.mutate('profile.update', { patch: { theme: value as Theme } }).catch((e: unknown) => {
              setThemeError(errorMessage(e, 'The theme is used on this device but could not be saved to your profile.'));
            });
          }}
        >
          <For each={THEMES}>
            {(value) => (
              <ToggleGroup.Item class="segmented__item" value={value}>
                {THEME_LABELS[value]}
              </ToggleGroup.Item>
            )}
          </For>
        </ToggleGroup>
        <ErrorAlert message={themeError()} />
      </section>
      <CalendarFeed />
      <NotificationSettings />
      <ChangePassword />
      <section class="card stack">
        <h2>This device</h2>
        <ErrorAlert message={signOutError()} />
        <Button class="button button--ghost" onClick={signOut}>
          Sign out of this device
        </Button>
      </section>
    </>
  );
}
