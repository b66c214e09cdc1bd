import { createMemo, type Accessor } from 'solid-js';
import { isIanaTimeZone } from '../../../sync/domain/time-zone';
import { session } from '../session/session';
import { useTeam } from '../stores/team-store';
import type { Viewer } from './planning-rights';

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The signed-in viewer; follows profile changes made offline (the zone comes from the synced row). */
export function useViewer(): Accessor<Viewer> {
  const team = useTeam();
  return createMemo(() => {
    const user = session.user();
    const me = team().find((u) => u.id === user?.id);
    const zone = me?.timezone ?? user?.timezone ?? browserZone();
    return { id: user?.id ?? '', isAdmin: user?.role === 'admin', zone: isIanaTimeZone(zone) ? zone : 'UTC' };
  });
}

