import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ReadCutQuery } from '../shared/read-cut.query';
import { ApiProvenance, ProvenanceDto } from '../shared/provenance.dto';
import { ApiRevision } from '../shared/api-revision.decorator';

export class RecommendationDto {
  @ApiProperty({ example: 'R01' }) recommendationId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: ['open', 'closed'], description: 'As of asOf, known at knownAt' }) status!: 'open' | 'closed';
  @ApiProperty({ example: '2024-05-24' }) raisedOn!: string;
  @ApiPropertyOptional({ description: 'When closed: the date the closure took effect' }) closedOn?: string;
  @ApiProperty({ nullable: true, type: String, description: 'The visit that raised it' }) source!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When open: the day it was first raised (a reopening does not reset it)' })
  openSince!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When open after a reopening: the day it was last reopened' })
  reopenedOn!: string | null;
  @ApiProperty({ type: [String] }) linkedMilestoneIds!: string[];
  @ApiProvenance() provenance!: ProvenanceDto | null;
  @ApiRevision('The recommendation’s') revision!: number;
}

export class OpenRecommendationDto {
  @ApiProperty() planId!: string;
  @ApiProperty() localAuthority!: string;
  @ApiProperty() recommendationId!: string;
  @ApiProperty() text!: string;
  @ApiProperty() raisedOn!: string;
  @ApiProperty({ description: 'The day it was first raised: a reopening does not reset it' }) openSince!: string;
  @ApiProperty({ description: 'Days from openSince to asOf' }) daysOpen!: number;
  @ApiProperty({ nullable: true, type: String, description: 'When it was reopened: the day it was last reopened' })
  reopenedOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
  @ApiRevision('The recommendation’s') revision!: number;
}

export class OpenLongestQuery extends ReadCutQuery {
  @ApiPropertyOptional({ description: 'How many to list (1–1000, default 20)', example: '10' })
  @IsOptional()
  @Matches(/^(1000|[1-9]\d{0,2})$/, { message: 'limit must be a whole number from 1 to 1000' })
  limit?: string;
}
