import { ApiProperty } from '@nestjs/swagger';
import { ASSESSMENTS, FRAMEWORKS, GRADES, JUDGEMENT_AREAS, VISIT_KINDS } from '../../visit/ofsted';
import { ApiProvenance, ProvenanceDto } from '../shared/provenance.dto';
import { ApiRevision } from '../shared/api-revision.decorator';

export class JudgementDto {
  @ApiProperty({ enum: JUDGEMENT_AREAS }) area!: string;
  @ApiProperty({ enum: GRADES }) grade!: string;
  @ApiProperty({ enum: FRAMEWORKS }) framework!: string;
  @ApiProperty() effectiveOn!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProvenance() provenance!: ProvenanceDto | null;
}

export class FindingDto {
  @ApiProperty() findingId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: ASSESSMENTS }) assessment!: string;
  @ApiProperty({ type: [String] }) recommendationIds!: string[];
  @ApiProperty({ nullable: true, type: String }) area!: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    example: 12,
    description: 'The number the report prints for the paragraph, where its paragraphs are numbered',
  })
  paragraph!: number | null;
  @ApiProperty() effectiveOn!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProvenance() provenance!: ProvenanceDto | null;
}

export class VisitDto {
  @ApiProperty({ example: 'mv-2025-11' }) visitId!: string;
  @ApiProperty({ enum: VISIT_KINDS }) kind!: string;
  @ApiProperty() startDate!: string;
  @ApiProperty() endDate!: string;
  @ApiProperty({ type: [String] }) inspectors!: string[];
  @ApiProperty({ type: [String] }) areas!: string[];
  @ApiProperty({ nullable: true, enum: ['day', 'month'], description: '"month" when only the month of the visit is known' })
  datePrecision!: string | null;
  @ApiProperty({ nullable: true, type: String }) dateNote!: string | null;
  @ApiProperty({ type: [JudgementDto] }) judgements!: JudgementDto[];
  @ApiProperty({ type: [FindingDto] }) findings!: FindingDto[];
  @ApiProvenance() provenance!: ProvenanceDto | null;
  @ApiRevision('The visit’s') revision!: number;
}
