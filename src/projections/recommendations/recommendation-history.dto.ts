import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ActorDto } from '../shared/actor.dto';
import { ApiProvenance, ProvenanceDto } from '../shared/provenance.dto';
import { ApiRevision } from '../shared/api-revision.decorator';

export class VisitRefDto {
  @ApiProperty({ example: 'mv-2025-01' }) visitId!: string;
  @ApiProperty({ enum: ['ilacs', 'monitoring', 'focused', 'other'] }) kind!: string;
  @ApiProperty({ example: '2025-01-15' }) endDate!: string;
}

export const HISTORY_ENTRY_TYPES = [
  'RecommendationRaised',
  'MilestoneLinked',
  'RecommendationClosed',
  'RecommendationReopened',
  'VisitFindingRecorded',
  'MilestoneUpdated',
] as const;
export type HistoryEntryType = (typeof HISTORY_ENTRY_TYPES)[number];

export class HistoryEntryDto {
  @ApiProperty({ enum: HISTORY_ENTRY_TYPES }) type!: HistoryEntryType;
  @ApiProperty() effectiveOn!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ description: 'One line for a person to read' }) summary!: string;
  @ApiProperty() position!: number;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiPropertyOptional() milestoneId?: string;
  @ApiPropertyOptional() period?: string;
  @ApiPropertyOptional() rag?: string;
  @ApiPropertyOptional() visitId?: string;
  @ApiPropertyOptional() findingId?: string;
  @ApiPropertyOptional() assessment?: string;
  @ApiPropertyOptional() reason?: string;
  @ApiPropertyOptional({ type: [String] }) evidence?: string[];
  @ApiProvenance('The fact (a seeded link is inferred)') provenance!: ProvenanceDto | null;
}

export class HistorySegmentDto {
  @ApiProperty({
    type: VisitRefDto,
    nullable: true,
    description: 'The visit that opens the segment (the first: the one that raised it)',
  })
  from!: VisitRefDto | null;
  @ApiProperty({ type: VisitRefDto, nullable: true, description: 'The visit that ends it; null for the segment still open' })
  to!: VisitRefDto | null;
  @ApiProperty({ type: [HistoryEntryDto] }) entries!: HistoryEntryDto[];
}

export class RecommendationHistoryDto {
  @ApiProperty() planId!: string;
  @ApiProperty() recommendationId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty() raisedOn!: string;
  @ApiRevision('The recommendation’s (also sent as the weak ETag)') revision!: number;
  @ApiProperty() asOf!: string;
  @ApiProperty() knownAt!: string;
  @ApiProperty({ type: [HistorySegmentDto] }) segments!: HistorySegmentDto[];
}
