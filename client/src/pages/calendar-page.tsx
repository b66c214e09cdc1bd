import { EmptyState } from '../components/empty-state';

export function CalendarPage() {
  return (
    <>
      <h1 class="page-title">Calendar</h1>
      <EmptyState title="No shifts yet">The team's week — shifts, time off and locations — will be planned here.</EmptyState>
    </>
  );
}
