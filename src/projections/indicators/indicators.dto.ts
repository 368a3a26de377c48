import { ApiProperty } from '@nestjs/swagger';
import { ApiProvenance, ProvenanceDto } from '../shared/provenance.dto';
import { ApiRevision } from '../shared/api-revision.decorator';

export class IndicatorValueDto {
  @ApiProperty({ example: '2025-26 Q2' }) period!: string;
  @ApiProperty({ example: 384 }) value!: number;
  @ApiProperty({ example: '2025-09-30' }) effectiveOn!: string;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
  @ApiProperty() recordedAt!: string;
  @ApiProvenance() provenance!: ProvenanceDto | null;
}

export class IndicatorDto {
  @ApiProperty({ example: 'children-in-care' }) indicatorId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ example: 'children' }) unit!: string;
  @ApiProperty({
    type: [IndicatorValueDto],
    description: 'One value per period (the latest effective, then latest recorded), by period',
  })
  values!: IndicatorValueDto[];
  @ApiProvenance() provenance!: ProvenanceDto | null;
  @ApiRevision('The indicator’s') revision!: number;
}
