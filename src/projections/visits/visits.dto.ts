import { ApiProperty } from '@nestjs/swagger';
import { ASSESSMENTS, FRAMEWORKS, GRADES, JUDGEMENT_AREAS, VISIT_KINDS } from '../../visit/ofsted';

export class JudgementDto {
  @ApiProperty({ enum: JUDGEMENT_AREAS }) area!: string;
  @ApiProperty({ enum: GRADES }) grade!: string;
  @ApiProperty({ enum: FRAMEWORKS }) framework!: string;
  @ApiProperty() effectiveOn!: string;
  @ApiProperty() recordedAt!: string;
}

export class FindingDto {
  @ApiProperty() findingId!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ enum: ASSESSMENTS }) assessment!: string;
  @ApiProperty({ type: [String] }) recommendationIds!: string[];
  @ApiProperty({ nullable: true, type: String }) area!: string | null;
  @ApiProperty() effectiveOn!: string;
  @ApiProperty() recordedAt!: string;
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
}
