import { Navigate, Route, Router, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { createEffect, Match, Switch, type ParentProps } from 'solid-js';
import { AppShell } from './components/app-shell';
import { AdminPage } from './pages/admin-page';
import { CalendarPage } from './pages/calendar-page';
import { CategoriesPage } from './pages/categories-page';
import { ProfilePage } from './pages/profile-page';
import { SignInPage } from './pages/sign-in-page';
import { LocationsPage } from './pages/locations-page';
import { DevMailPage, MailPage } from './pages/mail-page';
import { NewTicketPage } from './pages/new-ticket-page';
import { TicketPage } from './pages/ticket-page';
import { TicketsPage } from './pages/tickets-page';
import { TimeOffPage } from './pages/time-off-page';
import { session } from './session/session';
import './theme/theme';

/** Signed-in routes: wait for the session check, send strangers to sign-in. */
function SignedIn(props: ParentProps) {
  const navigate = useNavigate();
  createEffect(() => {
    if (session.user() === null) navigate('/sign-in', { replace: true });
  });
  return (
    <Switch fallback={<p class="loading">Loading…</p>}>
      <Match when={session.user.error}>
        <p class="alert alert--error loading" role="alert">
          Cannot reach the server. Check your connection and reload.
        </p>
      </Match>
      <Match when={session.user()}>
        <AppShell>{props.children}</AppShell>
      </Match>
    </Switch>
  );
}

function AdminOnly(props: ParentProps) {
  return (
    <Switch>
      <Match when={session.user()?.role === 'admin'}>{props.children}</Match>
      <Match when={session.user()}>
        <p class="alert alert--error" role="alert">
          Only administrators can open this page.
        </p>
      </Match>
    </Switch>
  );
}

function SignInRoute() {
  const navigate = useNavigate();
  createEffect(() => {
    if (session.user()) navigate('/calendar', { replace: true });
  });
  return <SignInPage />;
}

function Layout(props: RouteSectionProps) {
  return <SignedIn>{props.children}</SignedIn>;
}

export function App() {
  return (
    <Router>
      <Route path="/sign-in" component={SignInRoute} />
      <Route path="/" component={Layout}>
        <Route path="/" component={() => <Navigate href="/calendar" />} />
        <Route path="/calendar" component={CalendarPage} />
        <Route path="/time-off" component={TimeOffPage} />
        <Route path="/tickets" component={TicketsPage} />
        <Route path="/tickets/new" component={NewTicketPage} />
        <Route path="/tickets/:id" component={TicketPage} />
        <Route path="/admin" component={() => <AdminOnly><AdminPage /></AdminOnly>} />
        <Route path="/admin/locations" component={() => <AdminOnly><LocationsPage /></AdminOnly>} />
        <Route path="/admin/categories" component={() => <AdminOnly><CategoriesPage /></AdminOnly>} />
        <Route path="/admin/mail" component={() => <AdminOnly><MailPage /></AdminOnly>} />
        <Route path="/dev/mail" component={() => <AdminOnly><DevMailPage /></AdminOnly>} />
        <Route path="/profile" component={ProfilePage} />
        <Route path="*" component={() => <Navigate href="/calendar" />} />
      </Route>
    </Router>
  );
}
