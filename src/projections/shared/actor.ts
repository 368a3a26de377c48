/** The three columns every table of facts ends with: who recorded the fact (written out in each row, not spread, so rows stay fast). */
export const ACTOR_COLUMNS = ['actor_id', 'actor_name', 'actor_role'] as const;

export interface ActorColumns {
  actor_id: string;
  actor_name: string | null;
  actor_role: string | null;
}

export const fromActorColumns = (row: ActorColumns): { id: string; name: string | null; role: string | null } => ({ id: row.actor_id, name: row.actor_name, role: row.actor_role });
