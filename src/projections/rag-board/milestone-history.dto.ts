import { ApiProperty } from '@nestjs/swagger';
import { RAGS } from '../../milestone/rag';
import { ActorDto } from '../shared/actor.dto';
import { ApiProvenance, ProvenanceDto } from '../shared/provenance.dto';
import { ApiRevision } from '../shared/api-revision.decorator';

export class MilestoneUpdateDto {
  @ApiProperty({ example: '2025-26 Q2' }) period!: string;
  @ApiProperty({ enum: RAGS }) rag!: string;
  @ApiProperty({ nullable: true, type: String }) forecastRag!: string | null;
  @ApiProperty() commentary!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why a rating already given for the period was changed' })
  reason!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty({ example: '2025-09-30' }) effectiveOn!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty({ description: 'A later-recorded rating for the same period (a correction) replaces this one, at this cut' })
  superseded!: boolean;
  @ApiProvenance() provenance!: ProvenanceDto | null;
}

export class DueDateChangeDto {
  @ApiProperty() dueOn!: string;
  @ApiProperty({ nullable: true, type: String }) previousDueOn!: string | null;
  @ApiProperty() reason!: string;
  @ApiProperty() effectiveOn!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
}

export class MilestoneHistoryDto {
  @ApiProperty() planId!: string;
  @ApiProperty() milestoneId!: string;
  @ApiProperty() priorityId!: string;
  @ApiProperty() title!: string;
  @ApiProvenance('The milestone (its title and owner)') milestoneProvenance!: ProvenanceDto | null;
  @ApiRevision('The milestone’s (also sent as the weak ETag)') revision!: number;
  @ApiProperty() asOf!: string;
  @ApiProperty() knownAt!: string;
  @ApiProperty({ type: [MilestoneUpdateDto], description: 'Every rating recorded, corrections included, in effective order' })
  updates!: MilestoneUpdateDto[];
  @ApiProperty({ type: [DueDateChangeDto], description: 'Due-date extensions, each its own fact' })
  dueDateChanges!: DueDateChangeDto[];
}
