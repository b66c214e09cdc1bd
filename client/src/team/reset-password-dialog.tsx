import { createSignal } from 'solid-js';
import { api } from '../api/http';
import { ErrorAlert } from '../components/error-alert';
import { TextInput } from '../components/text-input';
import type { TeamMember } from '../stores/team-store';
import { FormDialog } from '../components/form-dialog';
import { serverFieldError } from './server-error';
import { passwordError } from './validate';

/** Sets a new password for someone who forgot theirs (online); their sessions end on every device. */
export function ResetPasswordDialog(props: { user: TeamMember; disabled: boolean; onDone: (message: string) => void }) {
  const [open, setOpen] = createSignal(false);
  const [password, setPassword] = createSignal('');
  const [attempted, setAttempted] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [refused, setRefused] = createSignal<{ field: 'password' | undefined; message: string }>();
  const error = () => (attempted() ? passwordError(password()) : undefined) ?? (refused()?.field ? refused()?.message : undefined);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setAttempted(true);
    setRefused(undefined);
    if (passwordError(password())) return;
    setBusy(true);
    try {
      await api('POST', `/api/users/${props.user.id}/password`, { password: password() });
      setOpen(false);
      props.onDone(`New password set for ${props.user.name}. They are signed out everywhere and sign in with the new one.`);
    } catch (e) {
      setRefused(serverFieldError(e, ['password'] as const, 'The password could not be set.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      open={open()}
      onOpenChange={(next) => {
        if (next) {
          setPassword('');
          setAttempted(false);
          setRefused(undefined);
        }
        setOpen(next);
      }}
      trigger="Reset password"
      triggerDetail={`for ${props.user.name}`}
      disabled={props.disabled}
      title={`New password for ${props.user.name}`}
      submitLabel={busy() ? 'Setting…' : 'Set password'}
      busy={busy()}
      onSubmit={(e) => void submit(e)}
    >
      <p class="muted">They will be signed out on every device and sign in with this password.</p>
      <TextInput
        label="New password"
        name="password"
        type="password"
        autocomplete="new-password"
        description="At least 8 characters."
        value={password()}
        onChange={(v) => {
          setPassword(v);
          setRefused(undefined);
        }}
        error={error()}
      />
      <ErrorAlert message={refused() && !refused()?.field ? refused()?.message : undefined} />
    </FormDialog>
  );
}
