import { For, Show } from 'solid-js';
import { PlaceholderLine } from '../components/placeholder';
import { useTeam } from '../stores/team-store';
import { session } from '../session/session';
import { device } from '../sync/device';

/** Who else has the app open right now, from the event stream's presence (known only while connected). */
export function OnlineNow() {
  const team = useTeam();
  const online = () => {
    const ids = new Set(device.status().presence);
    const me = session.known()?.id;
    return team().filter((u) => ids.has(u.id) && u.id !== me);
  };
  const ready = () => team.ready() && device.statusKnown();
  return (
    <section class="card home-card" aria-labelledby="home-online-title" aria-busy={!ready()}>
      <h2 id="home-online-title">Online now</h2>
      <Show
        when={device.status().state !== 'offline'}
        fallback={<p class="muted">Not known while this device cannot reach the server.</p>}
      >
        <Show when={online().length > 0} fallback={ready() ? <p class="muted">Nobody else has the app open.</p> : <PlaceholderLine width="14em" />}>
          <ul class="home-people">
            <For each={online()}>
              {(user) => (
                <li class="home-person">
                  <span class="avatar" style={{ background: user.color }} aria-hidden="true">
                    {user.name.slice(0, 1).toUpperCase()}
                  </span>
                  <span>{user.name}</span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}
