import { Button } from '@kobalte/core/button';
import { A } from '@solidjs/router';
import { For, Show, type ParentProps } from 'solid-js';
import { session } from '../session/session';
import { useSignOut } from '../session/use-sign-out';
import { device } from '../sync/device';
import { NavIcon, type NavIconName } from './nav-icon';
import { SyncIndicator } from './sync-indicator';
import { ErrorAlert } from './error-alert';
import { SignOutButton } from './sign-out-button';

interface NavItem {
  href: string;
  label: string;
  icon: NavIconName;
  adminOnly?: boolean;
}

const NAV: NavItem[] = [
  { href: '/', label: 'Home', icon: 'home' },
  { href: '/calendar', label: 'Calendar', icon: 'calendar' },
  { href: '/time-off', label: 'Time off', icon: 'timeOff' },
  { href: '/tickets', label: 'Tickets', icon: 'tickets' },
  { href: '/admin', label: 'Admin', icon: 'admin', adminOnly: true },
  { href: '/profile', label: 'Profile', icon: 'profile' },
];

/**
 * The signed-in frame: a top bar with the sections on desktop, a bottom tab bar on phones (thumb
 * reach). The Admin section is shown to admins only; the server enforces it regardless.
 */
export function AppShell(props: ParentProps) {
  const { signOut, error } = useSignOut();
  const items = () => NAV.filter((item) => !item.adminOnly || session.user()?.role === 'admin');

  return (
    <div class="shell">
      <header class="topbar">
        <A href="/" class="brand">
          <img src="/icon.svg" alt="" width="28" height="28" />
          <span>Technician Scheduler</span>
        </A>
        <nav class="topnav" aria-label="Sections">
          <For each={items()}>
            {(item) => (
              <A href={item.href} class="topnav__link" activeClass="is-active" end={item.href === '/'}>
                {item.label}
              </A>
            )}
          </For>
        </nav>
        <div class="topbar__user">
          <SyncIndicator />
          <span class="avatar" style={{ background: session.user()?.color }} aria-hidden="true">
            {session.user()?.name.slice(0, 1).toUpperCase()}
          </span>
          <span class="topbar__name">{session.user()?.name}</span>
          <SignOutButton signOut={signOut} class="button button--ghost topbar__signout" />
        </div>
      </header>
      <ErrorAlert message={error()} />
      <Show when={device.status().state === 'signed-out'}>
        <div class="banner" role="alert">
          <span>Your session has ended. Sign in again to send your changes — nothing on this device is lost.</span>
          <Button class="button button--primary button--small" onClick={() => session.expire()}>
            Sign in again
          </Button>
        </div>
      </Show>
      <main class="content">{props.children}</main>
      <nav class="tabbar" aria-label="Sections">
        <For each={items()}>
          {(item) => (
            <A href={item.href} class="tabbar__link" activeClass="is-active" end={item.href === '/'}>
              <NavIcon name={item.icon} />
              <span>{item.label}</span>
            </A>
          )}
        </For>
      </nav>
    </div>
  );
}
