import { A } from '@solidjs/router';
import { Button } from '@kobalte/core/button';
import { Show, type Accessor } from 'solid-js';
import { sinceText } from '../../replicator/sync-summary';
import { ErrorAlert } from '../components/error-alert';
import { PlaceholderLine } from '../components/placeholder';
import { device } from '../sync/device';
import { serverWords } from './server-words';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** When this tab opened the app (navigation start, not when Home's chunk loaded): see serverWords. */
const OPENED_AT = new Date(performance.timeOrigin).toISOString();

/** Whether the server answers, when this device last synced, and what is still to send or fix. */
export function SystemStatus(props: { now: Accessor<Date> }) {
  const status = device.status;
  const lastSync = () => {
    const at = status().lastSyncAt;
    return at ? sinceText(at, props.now()) : 'not yet';
  };
  // Before the device has read its queue and last sync, "not yet" and "Nothing" would be guesses.
  const known = device.statusKnown;
  const value = (words: () => string, width: string) => (known() ? words() : <PlaceholderLine width={width} />);
  return (
    <section class="card home-card" aria-labelledby="home-status-title" aria-busy={!known()}>
      <h2 id="home-status-title">System status</h2>
      <dl class="home-status">
        <div>
          <dt>Server</dt>
          <dd classList={{ 'home-status__bad': known() && status().state === 'offline' }}>{value(() => serverWords(status(), OPENED_AT), '6em')}</dd>
        </div>
        <div>
          <dt>Last sync</dt>
          <dd>{value(lastSync, '7em')}</dd>
        </div>
        <div>
          <dt>Waiting to be sent</dt>
          <dd>{value(() => (status().pending ? plural(status().pending, 'change', 'changes') : 'Nothing'), '5em')}</dd>
        </div>
      </dl>
      <Show when={status().attention.length}>
        {(n) => (
          <ErrorAlert>
            {plural(n(), 'change was', 'changes were')} refused by the server. <A href="/attention">Open Needs attention</A>
          </ErrorAlert>
        )}
      </Show>
      <Button class="button button--ghost" onClick={() => device.syncNow()} disabled={status().state === 'syncing'}>
        Sync now
      </Button>
    </section>
  );
}
