import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { ReadCutQuery } from '../shared/read-cut.query';
import { ApiProvenance, ProvenanceDto } from '../shared/provenance.dto';

export class RecommendationDto {
  @ApiProperty({ example: 'R01' }) recommendationId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: ['open', 'closed'], description: 'As of asOf, known at knownAt' }) status!: 'open' | 'closed';
  @ApiProperty({ example: '2024-05-24' }) raisedOn!: string;
  @ApiPropertyOptional({ description: 'When closed: the date the closure took effect' }) closedOn?: string;
  @ApiProperty({ nullable: true, type: String, description: 'The visit that raised it' }) source!: string | null;
  @ApiProperty({ description: 'When open: the day it was raised or last reopened' }) openSince!: string | null;
  @ApiProperty({ type: [String] }) linkedMilestoneIds!: string[];
  @ApiProvenance() provenance!: ProvenanceDto | null;
}

export class OpenRecommendationDto {
  @ApiProperty() planId!: string;
  @ApiProperty() localAuthority!: string;
  @ApiProperty() recommendationId!: string;
  @ApiProperty() text!: string;
  @ApiProperty() raisedOn!: string;
  @ApiProperty({ description: 'The day it was raised or last reopened' }) openSince!: string;
  @ApiProperty({ description: 'Days from openSince to asOf' }) daysOpen!: number;
  @ApiProperty({ nullable: true, type: String }) source!: string | null;
}

export class OpenLongestQuery extends ReadCutQuery {
  @ApiPropertyOptional({ description: 'How many to list (1–1000, default 20)', example: '10' })
  @IsOptional()
  @Matches(/^(1000|[1-9]\d{0,2})$/, { message: 'limit must be a whole number from 1 to 1000' })
  limit?: string;
}
