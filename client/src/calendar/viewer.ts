import { createMemo, type Accessor } from 'solid-js';
import { isIanaTimeZone } from '../../../sync/domain/time-zone';
import { session } from '../session/session';
import { useTeam, type TeamMember } from '../stores/team-store';

export interface Viewer {
  id: string;
  isAdmin: boolean;
  /** The zone times are typed and shown in: the user's own (as synced to this device). */
  zone: string;
  me: TeamMember | undefined;
}

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Who is looking at the calendar, and in which time zone; follows profile changes made offline. */
export function useViewer(): Accessor<Viewer> {
  const team = useTeam();
  return createMemo(() => {
    const user = session.user();
    const me = team().find((u) => u.id === user?.id);
    const zone = me?.timezone ?? user?.timezone ?? browserZone();
    return { id: user?.id ?? '', isAdmin: user?.role === 'admin', zone: isIanaTimeZone(zone) ? zone : 'UTC', me };
  });
}

/** Admins plan anyone; technicians only themselves (the mutators enforce the same). */
export const mayPlan = (viewer: Viewer, technicianId: string) => viewer.isAdmin || viewer.id === technicianId;
