import { MailOutbox } from '../mail/mail-outbox';

/** Admin → Mail: the outbox, with status, attempts, errors and retry. */
export function MailPage() {
  return <MailOutbox title="Mail" intro="Notification mail: what went out, what is waiting, and what failed and why." />;
}

/** /dev/mail: the same outbox, read as "what would have gone out" on a server that sends nothing. */
export function DevMailPage() {
  return <MailOutbox title="Mail preview" intro="Every mail this server would send, newest first. Open one to read it as the recipient would." />;
}
