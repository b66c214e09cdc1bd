import { Show } from 'solid-js';
import { session } from '../session/session';
import { MyTimeOff } from '../time-off/my-time-off';
import { TimeOffForm } from '../time-off/time-off-form';
import { TimeOffRequests } from '../time-off/time-off-requests';
import '../time-off/time-off.css';

/** Time off: everyone asks for theirs and follows it; admins also decide on everyone's requests. */
export function TimeOffPage() {
  const isAdmin = () => session.user()?.role === 'admin';
  return (
    <>
      <h1 class="page-title">Time off</h1>
      <div class="timeoff-layout" classList={{ 'timeoff-layout--admin': isAdmin() }}>
        <Show when={isAdmin()}>
          <TimeOffRequests />
        </Show>
        <TimeOffForm />
        <MyTimeOff />
      </div>
    </>
  );
}
