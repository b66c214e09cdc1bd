import { EmptyState } from '../components/empty-state';

export function TicketsPage() {
  return (
    <>
      <h1 class="page-title">Tickets</h1>
      <EmptyState title="No tickets yet">Support tickets, their status and comments will be listed here.</EmptyState>
    </>
  );
}
