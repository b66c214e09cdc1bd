/** Marks something saved on this device that the server has not confirmed yet. */
export function NotSyncedBadge() {
  return (
    <span class="badge badge--pending" title="Saved on this device; it will be sent when there is a connection.">
      not synced yet
    </span>
  );
}
