import { createResource, For, Show } from 'solid-js';
import { api } from '../api/http';
import { errorMessage } from '../sync/error-message';
import { ErrorAlert } from '../components/error-alert';
import type { MailDetail } from '../../../sync/protocol/mail';

const OUTCOME_LABELS = { sent: 'Sent', retry: 'Will retry', failed: 'Failed' } as const;

/**
 * One mail opened: every delivery attempt and what SendGrid said, then the mail as the recipient
 * gets it (plain text, and the HTML in a sandboxed frame that runs nothing).
 */
export function MailDetails(props: { id: string; formatTime: (iso: string) => string }) {
  const [detail] = createResource(
    () => props.id,
    async (id) => (await api<{ mail: MailDetail }>('GET', `/api/admin/mail/${id}`)).mail,
  );
  return (
    <div class="mail-details">
      <Show when={detail.error}>
        <ErrorAlert message={errorMessage(detail.error, 'This mail could not be loaded.')} />
      </Show>
      <Show when={detail()} fallback={<Show when={!detail.error}><p class="muted">Loading…</p></Show>}>
        {(mail) => (
          <>
            <h3 class="mail-details__title">Attempts</h3>
            <Show
              when={mail().attemptHistory.length > 0}
              fallback={<p class="muted">Not tried yet. {mail().status === 'queued' ? `Due ${props.formatTime(mail().nextAttemptAt)}.` : ''}</p>}
            >
              <ol class="mail-attempts">
                <For each={mail().attemptHistory}>
                  {(a) => (
                    <li>
                      <span class="mail-attempts__when">
                        #{a.number} · {props.formatTime(a.startedAt)}
                      </span>{' '}
                      <strong>{a.outcome ? OUTCOME_LABELS[a.outcome] : a.finishedAt ? 'Unknown' : 'No answer (sending, or the server stopped)'}</strong>
                      <Show when={a.httpStatus !== null}> · HTTP {a.httpStatus}</Show>
                      <Show when={a.error}>
                        <span class="mail-attempts__error">{a.error}</span>
                      </Show>
                    </li>
                  )}
                </For>
              </ol>
            </Show>
            <h3 class="mail-details__title">Plain text</h3>
            <pre class="mail-details__text">{mail().text}</pre>
            <h3 class="mail-details__title">HTML</h3>
            <iframe class="mail-details__html" sandbox="" srcdoc={mail().html} title={`HTML version of “${mail().subject}”`} />
          </>
        )}
      </Show>
    </div>
  );
}
