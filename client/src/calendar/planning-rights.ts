/** Who is looking at the calendar, and in which time zone. */
export interface Viewer {
  id: string;
  isAdmin: boolean;
  /** The zone times are typed and shown in: the user's own (as synced to this device). */
  zone: string;
}

/** Admins plan anyone; technicians only themselves (the mutators enforce the same). */
export const mayPlan = (viewer: Viewer, technicianId: string) => viewer.isAdmin || viewer.id === technicianId;
