import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { DomainEventType, KNOWN_EVENT_TYPES } from '../engine/fact';
import { ID_PATTERN, MAX } from '../../web/fields';
import { isIsoDate } from '../../domain/dates';
import { ActorDto } from '../shared/actor.dto';
import { isInstant } from '../shared/read-cut';
import { IsPosition, ReadCutQuery } from '../shared/read-cut.query';
import { ApiProvenance, ProvenanceDto } from '../shared/provenance.dto';

const IsDateOrInstant = () =>
  ValidateBy({
    name: 'isDateOrInstant',
    validator: {
      validate: (value) => isIsoDate(value) || isInstant(value),
      defaultMessage: (args) =>
        `${args?.property} must be a date (YYYY-MM-DD) or an ISO 8601 instant such as 2025-10-01T09:00:00Z`,
    },
  });

const KNOWN_TYPES = new Set<string>(KNOWN_EVENT_TYPES);

const IsEventTypes = () =>
  ValidateBy({
    name: 'isEventTypes',
    validator: {
      validate: (value) =>
        typeof value === 'string' && eventTypesOf(value).length > 0 && eventTypesOf(value).every((type) => KNOWN_TYPES.has(type)),
      defaultMessage: () => `type must be one or more of ${KNOWN_EVENT_TYPES.join(', ')}, separated by commas`,
    },
  });

/** The types a `type` parameter names. */
export const eventTypesOf = (value: string): DomainEventType[] =>
  value
    .split(',')
    .map((type) => type.trim())
    .filter((type) => type !== '') as DomainEventType[];

export class AuditQuery extends ReadCutQuery {
  @ApiPropertyOptional({
    description: 'Recorded at or after: an instant, or a date (from its start, UTC)',
    example: '2025-10-01',
  })
  @IsOptional()
  @IsDateOrInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Recorded at or before: an instant, or a date (to its end, UTC)', example: '2025-12-31' })
  @IsOptional()
  @IsDateOrInstant()
  to?: string;

  @ApiPropertyOptional({ description: 'Only events after this position (to page through a long trail)', example: '0' })
  @IsOptional()
  @IsPosition()
  after?: string;

  @ApiPropertyOptional({
    description: 'At most this many events (1–10000, default 1000). A full page answers a Link header, rel="next", to the next one',
  })
  @IsOptional()
  @Matches(/^(10000|[1-9]\d{0,3})$/, { message: 'limit must be a whole number from 1 to 10000' })
  limit?: string;

  @ApiPropertyOptional({ description: 'Only events of these types, comma-separated', example: 'MilestoneUpdated,MilestoneDueDateChanged' })
  @IsOptional()
  @IsEventTypes()
  type?: string;

  @ApiPropertyOptional({ description: 'Only events recorded by this person: their actor id or name, in any case', example: 'Jane Smith' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  actor?: string;

  @ApiPropertyOptional({ description: 'Only events about this milestone: its own, and the links to recommendations it works towards', example: 'P2.1' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'milestoneId must be a milestone id such as P2.1' })
  @MaxLength(MAX.id)
  milestoneId?: string;

  @ApiPropertyOptional({ description: 'Only events about this recommendation: its own, and the visit findings that name it', example: 'R07' })
  @IsOptional()
  @Matches(ID_PATTERN, { message: 'recommendationId must be a recommendation id such as R07' })
  @MaxLength(MAX.id)
  recommendationId?: string;
}


export class AuditEventDto {
  @ApiProperty() position!: number;
  @ApiProperty({ example: 'MilestoneUpdated' }) type!: string;
  @ApiProperty({ example: 'milestone-halton/P2.1' }) streamId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() eventId!: string;
  @ApiProperty() effectiveOn!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty({ nullable: true, type: String, example: 'UpdateMilestone' }) command!: string | null;
  @ApiProperty({ nullable: true, type: String }) correlationId!: string | null;
  @ApiProperty({ type: Object, description: 'The event as recorded' }) data!: unknown;
  @ApiProperty({
    type: Object,
    nullable: true,
    description: 'Where the fact was recorded from: a seed’s file and entry, or an uploaded return’s file name and SHA-256',
    example: { upload: 'quarterly-return', file: 'halton-quarterly-return-2025-26-Q3.xlsx', sha256: '9f2c…' },
  })
  source!: Record<string, unknown> | null;
  @ApiProvenance('For a fact transcribed from a published document (the seeded plan)') provenance!: ProvenanceDto | null;
}
