import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ActorDto } from '../shared/actor.dto';
import { IsPosition, ReadCutQuery } from '../shared/read-cut.query';

/** How many corrections a page holds when the client names no limit, and the most it may ask for. */
export const CORRECTIONS_PAGE = { default: 100, max: 1000 } as const;

export class CorrectionsQuery extends ReadCutQuery {
  @ApiPropertyOptional({ description: 'Only corrections after this position (the `next` of the page before)', example: '0' })
  @IsOptional()
  @IsPosition()
  after?: string;

  @ApiPropertyOptional({ description: `At most this many corrections (1–${CORRECTIONS_PAGE.max}, default ${CORRECTIONS_PAGE.default})` })
  @IsOptional()
  @Matches(/^(1000|[1-9]\d{0,2})$/, { message: `limit must be a whole number from 1 to ${CORRECTIONS_PAGE.max}` })
  limit?: string;
}

export class ReportedRatingDto {
  @ApiProperty({ example: 'amber' }) rag!: string;
  @ApiProperty({ nullable: true, type: String }) forecastRag!: string | null;
  @ApiProperty() commentary!: string;
  @ApiProperty({ example: '2025-09-30' }) effectiveOn!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
}

export class CorrectionDto {
  @ApiProperty({ description: 'Where the correction lies in the log: the cursor for the next page' }) position!: number;
  @ApiProperty({ example: 'P2.1' }) milestoneId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: '2025-26 Q2' }) period!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was changed, as its author gave it' }) reason!: string | null;
  @ApiProperty({ type: ReportedRatingDto, description: 'The report it changed: the one recorded just before it for the same quarter' })
  before!: ReportedRatingDto;
  @ApiProperty({ type: ReportedRatingDto, description: 'The correction: who changed it, when, and to what' }) after!: ReportedRatingDto;
  @ApiProperty({ description: 'How the quarter was first reported, when it was corrected more than once', example: 'green' })
  firstReportedRag!: string;
  @ApiProperty() firstReportedAt!: string;
}

export class CorrectionsDto {
  @ApiProperty() planId!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty() knownAt!: string;
  @ApiProperty({ type: [CorrectionDto], description: 'Oldest first' }) corrections!: CorrectionDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'When this page is full: send it as `after` for the next one (also a Link header)' })
  next!: number | null;
}
