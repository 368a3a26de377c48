export interface ActorColumns {
  actor_id: string;
  actor_name: string | null;
  actor_role: string | null;
}

export const fromActorColumns = (row: ActorColumns): { id: string; name: string | null; role: string | null } => ({ id: row.actor_id, name: row.actor_name, role: row.actor_role });
