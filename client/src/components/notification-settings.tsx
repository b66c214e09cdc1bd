import { Switch } from '@kobalte/core/switch';
import { createSignal, For } from 'solid-js';
import { MAIL_KINDS, type MailKind } from '../../../sync/protocol/enums';
import { useMailSettings } from '../stores/mail-settings-store';
import { device } from '../sync/device';
import { errorMessage } from '../sync/error-message';
import { ErrorAlert } from './error-alert';
import './notification-settings.css';

/*
 * Which notification mails the user gets, per kind (issue 9). Saved through sync like the rest of
 * the profile, so it works offline and reaches the user's other devices; nobody else ever sees it.
 * A switch takes effect on this device at once; the server uses the setting once it has it.
 */

const KINDS: Record<MailKind, { label: string; description: string }> = {
  ticketAssigned: { label: 'Tickets assigned to me', description: 'When someone gives you a ticket.' },
  ticketStatus: { label: 'Ticket status changes', description: 'On tickets you opened or are assigned to.' },
  ticketComment: { label: 'New comments', description: 'On tickets you opened, are assigned to or commented on.' },
  schedule: { label: 'My shifts', description: 'When someone plans, moves or removes one of your shifts.' },
  timeOff: { label: 'Time off decisions', description: 'When your time off is approved or denied.' },
};

export function NotificationSettings() {
  const settings = useMailSettings();
  const [error, setError] = createSignal<string>();

  const change = (kind: MailKind, on: boolean) => {
    setError(undefined);
    device.mutate('mailSettings.update', { patch: { [kind]: on } }).catch((e: unknown) => setError(errorMessage(e, 'Your email setting could not be saved. Please try again.')));
  };

  return (
    <section class="card stack notification-settings" aria-labelledby="notification-settings-title">
      <h2 id="notification-settings-title">Email notifications</h2>
      <p class="muted">Choose which changes we email you about. You never get mail about your own changes.</p>
      <ul class="notification-settings__list">
        <For each={MAIL_KINDS}>
          {(kind) => (
            <li>
              <Switch class="switch" checked={settings()[kind]} onChange={(on) => change(kind, on)}>
                <div class="switch__text">
                  <Switch.Label class="switch__label">{KINDS[kind].label}</Switch.Label>
                  <Switch.Description class="switch__description">{KINDS[kind].description}</Switch.Description>
                </div>
                <Switch.Input class="switch__input" />
                <Switch.Control class="switch__control">
                  <Switch.Thumb class="switch__thumb" />
                </Switch.Control>
              </Switch>
            </li>
          )}
        </For>
      </ul>
      <ErrorAlert message={error()} />
    </section>
  );
}
