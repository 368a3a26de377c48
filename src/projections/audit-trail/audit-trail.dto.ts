import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, ValidateBy } from 'class-validator';
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

  @ApiPropertyOptional({ description: 'At most this many events (1–10000); all when left out' })
  @IsOptional()
  @Matches(/^(10000|[1-9]\d{0,3})$/, { message: 'limit must be a whole number from 1 to 10000' })
  limit?: string;
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
  @ApiProvenance('For a fact transcribed from a published document (the seeded plan)') provenance!: ProvenanceDto | null;
}
