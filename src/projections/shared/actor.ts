import { ApiProperty } from '@nestjs/swagger';
import { Fact } from '../engine/fact';

/** Who recorded a fact, as every read shows it. */
export class ActorDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ nullable: true, type: String }) role!: string | null;
}

/** The three columns every table of facts ends with. */
export const ACTOR_COLUMNS = ['actor_id', 'actor_name', 'actor_role'] as const;

export interface ActorColumns {
  actor_id: string;
  actor_name: string | null;
  actor_role: string | null;
}

export const actorColumns = ({ actor }: Fact): ActorColumns => ({ actor_id: actor.id, actor_name: actor.name, actor_role: actor.role });

export const fromActorColumns = (row: ActorColumns): ActorDto => ({ id: row.actor_id, name: row.actor_name, role: row.actor_role });
