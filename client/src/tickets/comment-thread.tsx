import { Button } from '@kobalte/core/button';
import { createSubmitOnce } from '../components/submit-once';
import { createSignal, For, Show } from 'solid-js';
import { arrivedLater } from '../../../sync/domain/action-time';
import { ErrorAlert } from '../components/error-alert';
import { NotSyncedBadge } from '../components/not-synced-badge';
import { TextInput } from '../components/text-input';
import { usePendingIds } from '../stores/pending-store';
import { isLocalOnly, useComments } from '../stores/tickets-store';
import { device } from '../sync/device';
import { errorMessage } from '../sync/error-message';
import type { NameLookup } from './history-entry';
import { LinkedText } from './ticket-description';
import { commentProblem } from './validate';
import { fullWhen, syncedWhen } from './when';

/**
 * A ticket's comments, oldest first (newest last, by the server's order), each with its author's
 * colour, when it was written in the viewer's zone and, for one written offline, when it arrived.
 */
export function CommentThread(props: { ticketId: string; names: NameLookup & { color(id: string): string | undefined }; zone: string }) {
  const comments = useComments(() => props.ticketId);
  const pending = usePendingIds('comment');
  const [body, setBody] = createSignal('');
  const [tried, setTried] = createSignal(false);
  const [error, setError] = createSignal<string>();
  // A double tap on "Send comment" must post it once (each tap would make a new comment id).
  const once = createSubmitOnce();
  let input: HTMLInputElement | HTMLTextAreaElement | undefined;

  const bodyError = () => (tried() ? commentProblem(body()) : undefined);
  const send = async (event: SubmitEvent) => {
    event.preventDefault();
    if (once.busy() || (!body().trim() && once.justSaved())) return;
    setTried(true);
    setError(undefined);
    if (commentProblem(body())) return input?.focus();
    try {
      await once.run(async () => {
        await device.mutate('comment.create', { id: crypto.randomUUID(), ticketId: props.ticketId, body: body() });
        setBody('');
        setTried(false);
      });
    } catch (e) {
      setError(errorMessage(e, 'The comment could not be saved on this device.'));
    }
  };

  return (
    <section class="card stack" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      <Show when={comments().length > 0} fallback={<p class="muted">No comments yet.</p>}>
        <ol class="comments">
          <For each={comments()}>
            {(c) => (
              <li class="comment" style={{ '--author': (c.authorId && props.names.color(c.authorId)) || 'var(--border)' }}>
                <p class="comment__head">
                  <strong>{c.authorId ? (props.names.user(c.authorId) ?? 'A deleted user') : 'A deleted user'}</strong>{' '}
                  <time class="muted" datetime={c.at}>
                    {fullWhen(c.at, props.zone)}
                  </time>
                  <Show when={!isLocalOnly(c) && arrivedLater(c.at, c.createdAt)}>
                    <span class="muted"> · synced {syncedWhen(c.at, c.createdAt, props.zone)}</span>
                  </Show>
                  <Show when={isLocalOnly(c) || pending().has(c.id)}>
                    {' '}
                    <NotSyncedBadge />
                  </Show>
                </p>
                <p class="comment__body prose">
                  <LinkedText text={c.body} />
                </p>
              </li>
            )}
          </For>
        </ol>
      </Show>
      <form class="stack" novalidate onSubmit={send}>
        <TextInput
          label="Add a comment"
          name="comment"
          multiline
          value={body()}
          onChange={setBody}
          error={bodyError()}
          ref={(el) => (input = el)}
        />
        <ErrorAlert message={error()} />
        <div class="form-actions">
          <Button class="button button--primary" type="submit" disabled={once.busy()}>
            Send comment
          </Button>
        </div>
      </form>
    </section>
  );
}
