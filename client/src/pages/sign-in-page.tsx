import { Button } from '@kobalte/core/button';
import { Checkbox } from '@kobalte/core/checkbox';
import { createSignal } from 'solid-js';
import { ApiRequestError } from '../api/http';
import { TextInput } from '../components/text-input';
import { session } from '../session/session';
import { ErrorAlert } from '../components/error-alert';

export function SignInPage() {
  const [email, setEmail] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [remember, setRemember] = createSignal(true);
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    if (!email().trim() || !password()) {
      setError('Enter your email and password.');
      return;
    }
    setBusy(true);
    try {
      // The sign-in route sends a signed-in user on to the default page (app.tsx).
      await session.signIn({ email: email(), password: password(), remember: remember() });
    } catch (e) {
      setError(e instanceof ApiRequestError ? e.message : 'Sign-in failed. Please try again.');
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="sign-in">
      <form class="sign-in__card" onSubmit={submit} novalidate aria-labelledby="sign-in-title">
        <img class="sign-in__logo" src="/icon.svg" alt="" width="48" height="48" />
        <h1 id="sign-in-title">Technician Scheduler</h1>
        <p class="muted">Sign in to see your week and your tickets.</p>
        <TextInput label="Email" name="email" type="email" autocomplete="username" value={email()} onChange={setEmail} required autofocus />
        <TextInput label="Password" name="password" type="password" autocomplete="current-password" value={password()} onChange={setPassword} required />
        <Checkbox class="checkbox" checked={remember()} onChange={setRemember}>
          <Checkbox.Input class="checkbox__input" />
          <Checkbox.Control class="checkbox__control">
            <Checkbox.Indicator class="checkbox__indicator">✓</Checkbox.Indicator>
          </Checkbox.Control>
          <Checkbox.Label class="checkbox__label">Keep me signed in on this device</Checkbox.Label>
        </Checkbox>
        <ErrorAlert message={error()} />
        <Button class="button button--primary button--block" type="submit" disabled={busy()}>
          {busy() ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </main>
  );
}
