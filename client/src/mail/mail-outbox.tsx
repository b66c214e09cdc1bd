import { Button } from '@kobalte/core/button';
import { ToggleGroup } from '@kobalte/core/toggle-group';
import { formatInTimeZone } from 'date-fns-tz';
import { createEffect, createResource, createSignal, For, on, Show } from 'solid-js';
import { MAIL_STATUSES, type MailStatus } from '../../../sync/protocol/enums';
import type { MailList, MailSummary } from '../../../sync/protocol/mail';
import { api } from '../api/http';
import { ErrorAlert } from '../components/error-alert';
import { session } from '../session/session';
import { errorMessage } from '../sync/error-message';
import { MailDetails } from './mail-details';
import { kindLabel, MAIL_STATUS_LABELS } from './mail-labels';
import './mail.css';

/*
 * The mail outbox for admins (api.md, "Mail (admin)"): every notification mail with its status,
 * attempts and last error, a filter by status, and a retry for failed mail. Online only: the outbox
 * lives on the server and is not synced to devices.
 */

type Filter = 'all' | MailStatus;
const FILTERS: Filter[] = ['all', ...MAIL_STATUSES];
const FILTER_LABELS: Record<Filter, string> = { all: 'All', ...MAIL_STATUS_LABELS };

function MailRow(props: { mail: MailSummary; formatTime: (iso: string) => string; onRetried: () => void }) {
  const [open, setOpen] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const detailsId = () => `mail-details-${props.mail.id}`;

  const retry = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api<void>('POST', `/api/admin/mail/${props.mail.id}/retry`);
      props.onRetried();
    } catch (e) {
      setError(errorMessage(e, 'The mail could not be queued again. Please try again.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li class="mail-row">
      <div class="mail-row__head">
        <span class={`badge mail-status mail-status--${props.mail.status}`}>{MAIL_STATUS_LABELS[props.mail.status]}</span>
        <span class="mail-row__subject">{props.mail.subject}</span>
      </div>
      <p class="mail-row__meta muted">
        To {props.mail.to} · {kindLabel(props.mail.kind)} · written {props.formatTime(props.mail.createdAt)}
        <Show when={props.mail.sentAt}>{(sent) => <> · sent {props.formatTime(sent())}</>}</Show> ·{' '}
        {props.mail.attempts === 1 ? '1 attempt' : `${props.mail.attempts} attempts`}
      </p>
      <Show when={props.mail.lastError && props.mail.status !== 'sent'}>
        <p class="mail-row__error">Last error: {props.mail.lastError}</p>
      </Show>
      <div class="mail-row__actions">
        <Button class="button button--ghost" aria-expanded={open()} aria-controls={detailsId()} onClick={() => setOpen(!open())}>
          {open() ? 'Hide details' : 'Details'}
        </Button>
        <Show when={props.mail.status === 'failed'}>
          <Button class="button button--primary" disabled={busy()} onClick={() => void retry()}>
            {busy() ? 'Queuing…' : 'Retry'}
          </Button>
        </Show>
      </div>
      <ErrorAlert message={error()} />
      <div id={detailsId()}>
        <Show when={open()}>
          <MailDetails id={props.mail.id} formatTime={props.formatTime} />
        </Show>
      </div>
    </li>
  );
}

const listUrl = (f: Filter, before?: string) => {
  const q = new URLSearchParams({ ...(f === 'all' ? {} : { status: f }), ...(before ? { before } : {}) }).toString();
  return q ? `/api/admin/mail?${q}` : '/api/admin/mail';
};

export function MailOutbox(props: { title: string; intro: string }) {
  const [filter, setFilter] = createSignal<Filter>('all');
  const [list, { refetch }] = createResource(filter, (f) => api<MailList>('GET', listUrl(f)));
  // Older pages, loaded on request below the first; a new filter or a refresh starts over.
  const [older, setOlder] = createSignal<{ mails: MailSummary[]; hasMore: boolean }>();
  const [loadingOlder, setLoadingOlder] = createSignal(false);
  const [olderError, setOlderError] = createSignal<string>();
  createEffect(
    on(list, () => {
      setOlder(undefined);
      setOlderError(undefined);
    }),
  );
  const mails = () => [...(list()?.mails ?? []), ...(older()?.mails ?? [])];
  const hasMore = () => older()?.hasMore ?? list()?.hasMore ?? false;
  const showOlder = async () => {
    const last = mails().at(-1);
    if (!last) return;
    setLoadingOlder(true);
    setOlderError(undefined);
    try {
      const page = await api<MailList>('GET', listUrl(filter(), last.id));
      setOlder({ mails: [...(older()?.mails ?? []), ...page.mails], hasMore: page.hasMore });
    } catch (e) {
      setOlderError(errorMessage(e, 'Older mail could not be loaded. Please try again.'));
    } finally {
      setLoadingOlder(false);
    }
  };
  const zone = () => session.user()?.timezone ?? 'UTC';
  const formatTime = (iso: string) => formatInTimeZone(iso, zone(), 'EEE d MMM, HH:mm');

  return (
    <>
      <h1 class="page-title">{props.title}</h1>
      <p class="muted mail-intro">{props.intro}</p>
      <Show when={list()?.delivery === 'off'}>
        <p class="alert mail-off" role="status">
          Mail is not being sent: this server has no SendGrid API key (SENDGRID_API_KEY). Every mail is kept here as it would have gone out.
        </p>
      </Show>
      <div class="mail-toolbar">
        <ToggleGroup class="segmented" aria-label="Show mails" value={filter()} onChange={(v) => v && setFilter(v as Filter)}>
          <For each={FILTERS}>
            {(f) => (
              <ToggleGroup.Item class="segmented__item" value={f}>
                {FILTER_LABELS[f]}
              </ToggleGroup.Item>
            )}
          </For>
        </ToggleGroup>
        <Button class="button button--ghost" onClick={() => void refetch()}>
          Refresh
        </Button>
      </div>
      <Show when={list.error}>
        <ErrorAlert message={errorMessage(list.error, 'The outbox could not be loaded. Please try again.')} />
      </Show>
      <Show when={list()} fallback={<Show when={!list.error}><p class="muted">Loading the outbox…</p></Show>}>
        {(l) => (
          <Show
            when={l().mails.length > 0}
            fallback={
              <section class="card empty-state">
                <h2>No mail here</h2>
                <p class="muted">{filter() === 'all' ? 'Nothing has caused a notification yet.' : `No ${FILTER_LABELS[filter()].toLowerCase()} mail.`}</p>
              </section>
            }
          >
            <ul class="card mail-list" aria-label="Mails">
              <For each={mails()}>{(mail) => <MailRow mail={mail} formatTime={formatTime} onRetried={() => void refetch()} />}</For>
            </ul>
            <div class="mail-more">
              <p class="muted" aria-live="polite">
                {hasMore() ? `Showing the newest ${mails().length} mails.` : `${mails().length === 1 ? '1 mail' : `${mails().length} mails`}, the oldest at the bottom.`}
              </p>
              <Show when={hasMore()}>
                <Button class="button button--ghost" disabled={loadingOlder()} onClick={() => void showOlder()}>
                  {loadingOlder() ? 'Loading…' : 'Show older mail'}
                </Button>
              </Show>
            </div>
            <ErrorAlert message={olderError()} />
          </Show>
        )}
      </Show>
    </>
  );
}
