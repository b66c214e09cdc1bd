import { createMemo, type Accessor } from 'solid-js';
import { useCategories } from '../stores/categories-store';
import { useLocations } from '../stores/locations-store';
import { useTeam } from '../stores/team-store';
import type { NameLookup } from './history-entry';

/** Names of people, categories and locations by id, from the rows on this device (works offline). */
export function useNames(): Accessor<NameLookup & { color(userId: string): string | undefined }> {
  const team = useTeam();
  const categories = useCategories();
  const locations = useLocations();
  return createMemo(() => {
    const users = new Map(team().map((u) => [u.id, u]));
    const cats = new Map(categories().map((c) => [c.id, c.name]));
    const locs = new Map(locations().map((l) => [l.id, l.name]));
    return {
      user: (id: string) => users.get(id)?.name,
      color: (id: string) => users.get(id)?.color,
      category: (id: string) => cats.get(id),
      location: (id: string) => locs.get(id),
    };
  });
}
