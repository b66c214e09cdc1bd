import { createSignal, onCleanup } from 'solid-js';
import { useViewer } from '../calendar/viewer';
import { MyShifts } from '../home/my-shifts';
import { MyTickets } from '../home/my-tickets';
import { OnlineNow } from '../home/online-now';
import { QuickLinksCard } from '../home/quick-links-card';
import { SystemStatus } from '../home/system-status';
import { session } from '../session/session';
import '../home/home.css';

/**
 * Home, the first page after signing in: what a technician needs at the start of the day, all read
 * from the device, so it opens with no signal. The clock ticks each minute so "today" and "last
 * synced" stay true on a screen left open.
 */
export function HomePage() {
  const viewer = useViewer();
  const [now, setNow] = createSignal(new Date());
  const timer = setInterval(() => setNow(new Date()), 60_000);
  onCleanup(() => clearInterval(timer));
  const firstName = () => session.user()?.name.split(' ')[0] ?? '';
  return (
    <>
      <h1 class="page-title">Hello, {firstName()}</h1>
      <div class="home-grid">
        <MyShifts zone={viewer().zone} now={now} />
        <MyTickets />
        <QuickLinksCard />
        <OnlineNow />
        <SystemStatus now={now} />
      </div>
    </>
  );
}
