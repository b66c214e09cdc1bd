import { Navigate, Route, Router, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { createEffect, lazy, Match, Switch, type ParentProps } from 'solid-js';
import { ErrorAlert } from './components/error-alert';
import { UpdatePrompt } from './components/update-prompt';
import { session } from './session/session';
import './theme/theme';

/*
 * Every page, and the signed-in frame with the device database and the replicator behind it, is
 * its own chunk, fetched when first shown: a phone on a weak signal downloads the sign-in page and
 * the router before anything else (bench/initial-js.ts keeps that under its budget). The service
 * worker precaches all chunks, so pages still open offline once the app has been loaded once.
 */
const AppShell = lazy(() => import('./components/app-shell').then((m) => ({ default: m.AppShell })));
const SignInPage = lazy(() => import('./pages/sign-in-page').then((m) => ({ default: m.SignInPage })));
const CalendarPage = lazy(() => import('./pages/calendar-page').then((m) => ({ default: m.CalendarPage })));
const TimeOffPage = lazy(() => import('./pages/time-off-page').then((m) => ({ default: m.TimeOffPage })));
const TicketsPage = lazy(() => import('./pages/tickets-page').then((m) => ({ default: m.TicketsPage })));
const NewTicketPage = lazy(() => import('./pages/new-ticket-page').then((m) => ({ default: m.NewTicketPage })));
const TicketPage = lazy(() => import('./pages/ticket-page').then((m) => ({ default: m.TicketPage })));
const AdminPage = lazy(() => import('./pages/admin-page').then((m) => ({ default: m.AdminPage })));
const MailPage = lazy(() => import('./pages/mail-page').then((m) => ({ default: m.MailPage })));
const DevMailPage = lazy(() => import('./pages/mail-page').then((m) => ({ default: m.DevMailPage })));
const LocationsPage = lazy(() => import('./pages/locations-page').then((m) => ({ default: m.LocationsPage })));
const CategoriesPage = lazy(() => import('./pages/categories-page').then((m) => ({ default: m.CategoriesPage })));
const ProfilePage = lazy(() => import('./pages/profile-page').then((m) => ({ default: m.ProfilePage })));
const HomePage = lazy(() => import('./pages/home-page').then((m) => ({ default: m.HomePage })));
const AttentionPage = lazy(() => import('./pages/attention-page').then((m) => ({ default: m.AttentionPage })));
const QuickLinksPage = lazy(() => import('./pages/quick-links-page').then((m) => ({ default: m.QuickLinksPage })));
const BackupPage = lazy(() => import('./pages/backup-page').then((m) => ({ default: m.BackupPage })));

/** Where a signed-in user lands: Home. */
export const DEFAULT_PAGE = '/';

/*
 * A route's chunks are fetched as soon as it matches, side by side with the session check, rather
 * than one after the other once the frame is drawn: that chain is what a slow network feels.
 */
const preloadFrame = () => void AppShell.preload();
const preloadPage = (page: { preload: () => Promise<unknown> }) => () => void page.preload();

/** Signed-in routes: wait for the session check, send strangers to sign-in. */
function SignedIn(props: ParentProps) {
  const navigate = useNavigate();
  createEffect(() => {
    if (session.known() === null) navigate('/sign-in', { replace: true });
  });
  return (
    <Switch fallback={<p class="loading">Loading…</p>}>
      <Match when={session.user.error}>
        <div class="loading">
          <ErrorAlert message="Cannot reach the server. The app opens by itself once it can; check your connection." />
        </div>
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
        <ErrorAlert message="Only administrators can open this page." />
      </Match>
    </Switch>
  );
}

function SignInRoute() {
  const navigate = useNavigate();
  createEffect(() => {
    if (session.known()) navigate(DEFAULT_PAGE, { replace: true });
  });
  return <SignInPage />;
}

function Layout(props: RouteSectionProps) {
  return <SignedIn>{props.children}</SignedIn>;
}

export function App() {
  return (
    <>
      <UpdatePrompt />
      <Routes />
    </>
  );
}

function Routes() {
  return (
    <Router>
      <Route path="/sign-in" component={SignInRoute} />
      <Route path="/" component={Layout} preload={preloadFrame}>
        <Route path="/" component={HomePage} preload={preloadPage(HomePage)} />
        <Route path="/calendar" component={CalendarPage} preload={preloadPage(CalendarPage)} />
        <Route path="/time-off" component={TimeOffPage} preload={preloadPage(TimeOffPage)} />
        <Route path="/tickets" component={TicketsPage} preload={preloadPage(TicketsPage)} />
        <Route path="/tickets/new" component={NewTicketPage} preload={preloadPage(NewTicketPage)} />
        <Route path="/tickets/:id" component={TicketPage} preload={preloadPage(TicketPage)} />
        <Route path="/attention" component={AttentionPage} preload={preloadPage(AttentionPage)} />
        <Route path="/admin" component={() => <AdminOnly><AdminPage /></AdminOnly>} preload={preloadPage(AdminPage)} />
        <Route path="/admin/locations" component={() => <AdminOnly><LocationsPage /></AdminOnly>} preload={preloadPage(LocationsPage)} />
        <Route path="/admin/categories" component={() => <AdminOnly><CategoriesPage /></AdminOnly>} preload={preloadPage(CategoriesPage)} />
        <Route path="/admin/quick-links" component={() => <AdminOnly><QuickLinksPage /></AdminOnly>} preload={preloadPage(QuickLinksPage)} />
        <Route path="/admin/backup" component={() => <AdminOnly><BackupPage /></AdminOnly>} preload={preloadPage(BackupPage)} />
        <Route path="/admin/mail" component={() => <AdminOnly><MailPage /></AdminOnly>} preload={preloadPage(MailPage)} />
        <Route path="/dev/mail" component={() => <AdminOnly><DevMailPage /></AdminOnly>} preload={preloadPage(DevMailPage)} />
        <Route path="/profile" component={ProfilePage} preload={preloadPage(ProfilePage)} />
        <Route path="*" component={() => <Navigate href={DEFAULT_PAGE} />} preload={preloadPage(HomePage)} />
      </Route>
    </Router>
  );
}
