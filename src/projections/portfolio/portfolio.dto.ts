import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RAGS } from '../../milestone/rag';
import { BoardMilestoneDto, RagTotalsDto } from '../rag-board/rag-board.dto';
import { TrendPeriodDto } from '../rag-board/rag-trend.dto';
import { ReadCutQuery } from '../shared/read-cut.query';
import { VisitRefDto } from '../recommendations/recommendation-history.dto';
import { AsTyped } from '../../web/fields';
import { ApiRevision } from '../shared/api-revision.decorator';

export class DirectionTotalsDto {
  @ApiProperty({ description: 'Milestones rated better than in the previous quarter' }) improved!: number;
  @ApiProperty({ description: 'Milestones rated worse than in the previous quarter' }) declined!: number;
  @ApiProperty({ description: 'Milestones rated the same as in the previous quarter' }) unchanged!: number;
}

export class PortfolioPlanDto {
  @ApiProperty({ example: 'halton' }) planId!: string;
  @ApiRevision('The plan’s') revision!: number;
  @ApiProperty({ example: 'Halton Borough Council' }) localAuthority!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: RagTotalsDto }) totals!: RagTotalsDto;
  @ApiProperty({ type: DirectionTotalsDto, description: 'Which way the plan is moving, against the previous quarter' })
  direction!: DirectionTotalsDto;
  @ApiProperty({ description: 'Recommendations open as of asOf' }) openRecommendations!: number;
  @ApiProperty({ nullable: true, type: String, example: '2025-26 Q2', description: 'The period most of the board is rated for' })
  period!: string | null;
  @ApiProperty({ type: RagTotalsDto, description: 'The totals of the quarter before each milestone’s current rating' })
  previousTotals!: RagTotalsDto;
  @ApiProperty({ type: VisitRefDto, nullable: true, description: 'The latest visit ended by asOf' })
  lastVisit!: VisitRefDto | null;
  @ApiProperty({
    type: [TrendPeriodDto],
    description: 'RAG totals of the last four quarters up to the latest the plan rated by asOf, oldest first (as GET …/trend counts them)',
  })
  trend!: TrendPeriodDto[];
}

export class PortfolioMilestoneDto extends BoardMilestoneDto {
  @ApiProperty() planId!: string;
  @ApiProperty() localAuthority!: string;
  @ApiProperty() priorityId!: string;
}

export class PortfolioMilestonesQuery extends ReadCutQuery {
  @ApiPropertyOptional({ enum: RAGS, description: 'The current rating to list (default red)' })
  @IsOptional()
  @AsTyped()
  @IsIn(RAGS, { message: `rag must be one of ${RAGS.join(', ')}` })
  rag?: string;
}
