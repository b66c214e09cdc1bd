import { NewTicketForm } from '../tickets/new-ticket-form';
import '../tickets/tickets.css';

export function NewTicketPage() {
  return <NewTicketForm />;
}
