import { Fact } from '../engine/fact';

/** The three columns every table of facts ends with. */
export const ACTOR_COLUMNS = ['actor_id', 'actor_name', 'actor_role'] as const;

export interface ActorColumns {
  actor_id: string;
  actor_name: string | null;
  actor_role: string | null;
}

export const actorColumns = ({ actor }: Fact): ActorColumns => ({ actor_id: actor.id, actor_name: actor.name, actor_role: actor.role });

export const fromActorColumns = (row: ActorColumns): { id: string; name: string | null; role: string | null } => ({ id: row.actor_id, name: row.actor_name, role: row.actor_role });
