import { ApiProperty } from '@nestjs/swagger';
import { RAGS } from '../../milestone/rag';
import { ApiProvenance, ProvenanceDto } from '../shared/provenance.dto';
import { ApiRevision } from '../shared/api-revision.decorator';

export class RagTotalsDto {
  @ApiProperty() green!: number;
  @ApiProperty() amber!: number;
  @ApiProperty() red!: number;
  @ApiProperty() complete!: number;
  @ApiProperty({ description: 'Rated "not rated", or with no rating effective by asOf' }) notRated!: number;
}

export class ChangedAfterPackDto {
  @ApiProperty({ example: '2025-26-Q2-1', description: 'The last board pack of the rating’s period' }) packId!: string;
  @ApiProperty({ example: '2025-10-20T09:00:00.000Z', description: 'When that pack was issued to the board' }) issuedAt!: string;
}

export class BoardMilestoneDto {
  @ApiProperty({ example: 'P2.1' }) milestoneId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ nullable: true, type: String }) owner!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The due date as of asOf, after any recorded extension' })
  dueOn!: string | null;
  @ApiProperty({ enum: RAGS, description: 'The latest rating effective by asOf; "not-rated" when there is none' }) rag!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Where the owner expects the milestone to end up' })
  forecastRag!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2025-26 Q2' }) period!: string | null;
  @ApiProperty({ nullable: true, type: String }) commentary!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'A note kept with the rating, such as what the source document printed where no symbol could be read',
    example: 'Progress column printed: "Refer Comment"',
  })
  note!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2025-09-30' }) effectiveOn!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2025-10-20T09:00:00.000Z' }) recordedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The rating of the previous quarter, at the same cut' })
  previousRag!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2025-26 Q1' }) previousPeriod!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The rating of the same quarter a year earlier' })
  sameQuarterLastYearRag!: string | null;
  @ApiProperty({ nullable: true, enum: ['improved', 'declined', 'unchanged'], description: 'Against the previous quarter' })
  direction!: 'improved' | 'declined' | 'unchanged' | null;
  @ApiProperty({
    type: ChangedAfterPackDto,
    nullable: true,
    description: 'Set when this rating was recorded after the board pack of its period was issued: the board saw something else',
  })
  changedAfterPack!: ChangedAfterPackDto | null;
  @ApiProvenance('The rating') provenance!: ProvenanceDto | null;
  @ApiProvenance('The milestone (its title and owner)') milestoneProvenance!: ProvenanceDto | null;
  @ApiRevision('The milestone’s') revision!: number;
}

export class BoardPriorityDto {
  @ApiProperty({ example: 'CYP P2' }) priorityId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: [BoardMilestoneDto] }) milestones!: BoardMilestoneDto[];
  @ApiProvenance() provenance!: ProvenanceDto | null;
}

export class BoardDto {
  @ApiProperty() planId!: string;
  @ApiRevision('The plan’s (its priorities)') revision!: number;
  @ApiProperty({ example: '2025-09-30' }) asOf!: string;
  @ApiProperty({ example: '2025-11-01T00:00:00.000Z' }) knownAt!: string;
  @ApiProperty({ type: RagTotalsDto }) totals!: RagTotalsDto;
  @ApiProperty({ type: [BoardPriorityDto] }) priorities!: BoardPriorityDto[];
}

export class DeclinedMilestoneDto extends BoardMilestoneDto {
  @ApiProperty({ example: 'CYP P2' }) priorityId!: string;
}

export class DeclinedDto {
  @ApiProperty() planId!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty() knownAt!: string;
  @ApiProperty({ type: [DeclinedMilestoneDto], description: 'Milestones rated worse than in the previous quarter' })
  milestones!: DeclinedMilestoneDto[];
}
