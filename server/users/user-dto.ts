import type { User } from '../../sync/protocol/user';
import type { UserRow } from '../auth/sessions';

/** The only way a user row leaves the server: no hash, no calendar token, no private settings. */
export function toUserDto(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    timezone: row.timezone,
    theme: row.theme,
    color: row.color,
    active: row.active,
  };
}
