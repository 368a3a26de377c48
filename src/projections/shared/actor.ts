export interface ActorColumns {
  actor_id: string;
  actor_name: string | null;
  actor_role: string | null;
  /** Absent from rows read by queries that do not select it; null in rows recorded before it was kept. */
  actor_organisation?: string | null;
}

export interface ActorView {
  id: string | null;
  name: string | null;
  role: string | null;
  organisation: string | null;
}

export const fromActorColumns = (row: ActorColumns): ActorView => ({
  id: row.actor_id,
  name: row.actor_name,
  role: row.actor_role,
  organisation: row.actor_organisation ?? null,
});
