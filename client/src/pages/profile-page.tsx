import { Button } from '@kobalte/core/button';
import { ToggleGroup } from '@kobalte/core/toggle-group';
import { createSignal, For, Show } from 'solid-js';
import { THEMES, type Theme } from '../../../sync/protocol/enums';
import { newPasswordSchema } from '../../../sync/protocol/fields';
import { api, ApiRequestError } from '../api/http';
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
import { SignOutButton } from '../components/sign-out-button';

const THEME_LABELS: Record<Theme, string> = { light: 'Light', dark: 'Dark', system: 'Same as device' };

/**
 * Changing one's password: a problem is said at the field it is about (too short at the new
 * password, a wrong current password at that one), and goes as soon as that field is edited.
 */
function ChangePassword() {
  const [current, setCurrent] = createSignal('');
  const [next, setNext] = createSignal('');
  const [errors, setErrors] = createSignal<{ current?: string; next?: string; form?: string }>({});
  const [done, setDone] = createSignal<string>();

  const editing = (set: (v: string) => void, field: 'current' | 'next') => (value: string) => {
    set(value);
    setDone(undefined);
    setErrors((all) => ({ ...all, [field]: undefined, form: undefined }));
  };

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setDone(undefined);
    const checked = newPasswordSchema.safeParse(next());
    if (!current()) {
      setErrors({ current: 'Enter your current password.', ...(checked.success ? {} : { next: `The new password ${checked.error.issues[0]?.message ?? 'is not valid'}.` }) });
      return;
    }
    if (!checked.success) {
      setErrors({ next: `The new password ${checked.error.issues[0]?.message ?? 'is not valid'}.` });
      return;
    }
    try {
      await api<void>('POST', '/api/auth/password', { currentPassword: current(), newPassword: next() });
      setCurrent('');
      setNext('');
      setErrors({});
      setDone('Password changed. Your other devices have been signed out.');
    } catch (e) {
      const code = e instanceof ApiRequestError ? e.code : undefined;
      if (code === 'wrong_password') setErrors({ current: 'This is not your current password.' });
      else setErrors({ form: errorMessage(e, 'Changing the password failed.') });
    }
  };

  return (
    <form class="card stack" onSubmit={submit} novalidate aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <TextInput
        label="Current password"
        name="currentPassword"
        type="password"
        autocomplete="current-password"
        value={current()}
        onChange={editing(setCurrent, 'current')}
        error={errors().current}
      />
      <TextInput label="New password" name="newPassword" type="password" autocomplete="new-password" value={next()} onChange={editing(setNext, 'next')} error={errors().next} />
      <ErrorAlert message={errors().form} />
      <p class={done() ? 'alert alert--ok' : 'visually-hidden'} role="status">
        {done() ?? ''}
      </p>
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
        {/* The same question as the top bar's (which phones do not show): unsent changes are said first. */}
        <SignOutButton signOut={signOut} label="Sign out of this device" />
      </section>
    </>
  );
}
