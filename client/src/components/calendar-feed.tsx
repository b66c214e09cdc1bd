import { Button } from '@kobalte/core/button';
import { createEffect, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import { api, ApiRequestError } from '../api/http';
import { device } from '../sync/device';
import { browserOnline } from '../sync/network';
import { ConfirmDialog } from './confirm-dialog';
import { ErrorAlert } from './error-alert';
import './calendar-feed.css';

/*
 * The user's personal calendar feed (api.md, "Calendar feed"). Online only: the address comes from
 * the server and is not kept on the device (it is a credential), so with no connection the section
 * says so and waits; it loads by itself when the connection is back. A link already shown can still
 * be copied offline. "Get a new link" asks first, because the old link stops working at once.
 */

interface FeedAnswer {
  url: string;
}

const COPIED_MS = 2500;

function messageOf(e: unknown, fallback: string): string {
  return e instanceof ApiRequestError ? e.message : fallback;
}

/** `webcal://` + host + path: calendar apps open this to subscribe. */
function webcalOf(url: string): string {
  const u = new URL(url);
  return `webcal://${u.host}${u.pathname}`;
}

export function CalendarFeed() {
  const [url, setUrl] = createSignal<string>();
  const [loadError, setLoadError] = createSignal<Error>();
  const [copied, setCopied] = createSignal(false);
  const [copyHint, setCopyHint] = createSignal<string>();
  const [rotated, setRotated] = createSignal(false);
  let input: HTMLInputElement | undefined;
  let copiedTimer: ReturnType<typeof setTimeout> | undefined;

  const lostServer = () => {
    const e = loadError();
    return e instanceof ApiRequestError && e.code === 'network';
  };
  const offline = () => !browserOnline() || device.status().state === 'offline' || lostServer();

  const load = async () => {
    try {
      setUrl((await api<FeedAnswer>('GET', '/api/calendar/feed')).url);
      setLoadError(undefined);
    } catch (e) {
      setLoadError(e instanceof Error ? e : new Error(String(e)));
    }
  };

  onMount(() => {
    void load();
    const retry = () => {
      if (!url()) void load();
    };
    window.addEventListener('online', retry);
    onCleanup(() => window.removeEventListener('online', retry));
  });
  // The server reachable again (the device's sync got through): load the link if it is missing.
  createEffect(
    on(
      () => device.status().state,
      (state, previous) => {
        if (previous === 'offline' && state !== 'offline' && !url()) void load();
      },
    ),
  );
  onCleanup(() => clearTimeout(copiedTimer));

  const copy = async () => {
    const link = url();
    if (!link) return;
    setCopyHint(undefined);
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
      clearTimeout(copiedTimer);
      copiedTimer = setTimeout(() => setCopied(false), COPIED_MS);
    } catch {
      // No clipboard access (an http page other than localhost, or permission refused).
      input?.focus();
      input?.select();
      setCopyHint('Your browser did not let us copy. The link is selected: copy it with your device’s Copy command.');
    }
  };

  /** Asks for a new secret; an error is shown in the confirmation, which stays open. */
  const rotate = async () => {
    setUrl((await api<FeedAnswer>('POST', '/api/calendar/feed/rotate')).url);
    setRotated(true);
    setCopied(false);
  };

  const offlineMessage = () => {
    if (!offline()) return undefined;
    return url()
      ? 'You are offline. You can still copy this link, but getting a new one needs a connection.'
      : 'You are offline. Your calendar link needs a connection to the server; it will appear here when you are back online.';
  };
  const otherLoadError = () => {
    const e = loadError();
    return e && !offline() ? messageOf(e, 'Your calendar link could not be loaded. Please try again.') : undefined;
  };

  return (
    <section class="card stack calendar-feed" aria-labelledby="calendar-feed-title">
      <h2 id="calendar-feed-title">Calendar feed</h2>
      <p class="muted">
        See your shifts and approved time off in Google Calendar, Apple Calendar or Outlook. Calendar apps check for changes on their own
        schedule, often every few hours.
      </p>
      <div class="field">
        <label class="field__label" for="calendar-feed-url">
          Your private calendar link
        </label>
        <div class="calendar-feed__link">
          <input
            ref={(el) => (input = el)}
            id="calendar-feed-url"
            class="field__input calendar-feed__input"
            type="text"
            readOnly
            spellcheck={false}
            autocomplete="off"
            value={url() ?? ''}
            placeholder={offline() ? 'Needs a connection' : 'Loading…'}
            aria-describedby="calendar-feed-private"
            onFocus={(e) => e.currentTarget.select()}
          />
          <Button class="button button--ghost calendar-feed__copy" onClick={() => void copy()} disabled={!url()}>
            {copied() ? 'Copied' : 'Copy'}
          </Button>
        </div>
        <p id="calendar-feed-private" class="calendar-feed__hint">
          Anyone with this link can see your shifts. Keep it to yourself.
        </p>
        <p class="calendar-feed__copied" role="status">
          {copied() ? 'Link copied.' : ''}
        </p>
      </div>
      <ErrorAlert message={copyHint()} />
      <Show when={rotated()}>
        <p class="alert alert--ok" role="status">
          You have a new link. The old one no longer works: subscribe again with this one in your calendar apps.
        </p>
      </Show>
      <div class="calendar-feed__actions">
        <Show
          when={url()}
          fallback={
            <span class="button button--primary calendar-feed__subscribe" aria-disabled="true">
              Subscribe in calendar app
            </span>
          }
        >
          {(link) => (
            <a class="button button--primary calendar-feed__subscribe" href={webcalOf(link())}>
              Subscribe in calendar app
            </a>
          )}
        </Show>
        <ConfirmDialog
          trigger="Get a new link"
          triggerClass="button button--ghost"
          disabled={!url() || offline()}
          title="Get a new calendar link?"
          confirmLabel="Get a new link"
          busyLabel="Getting a new link…"
          danger
          onConfirm={rotate}
          errorMessage={(e: unknown) => messageOf(e, 'Getting a new link failed. Please try again.')}
        >
          <p>Your current link stops working at once. Calendars subscribed to it stop showing your shifts until you subscribe again with the new link.</p>
        </ConfirmDialog>
      </div>
      <ErrorAlert message={offlineMessage() ?? otherLoadError()} />
      <Show when={loadError() && browserOnline()}>
        <Button class="button button--ghost" onClick={() => void load()}>
          Try again
        </Button>
      </Show>
    </section>
  );
}
