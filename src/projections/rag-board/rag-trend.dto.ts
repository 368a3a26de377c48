import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { QUARTER_PATTERN } from '../../web/fields';
import { ReadCutQuery } from '../shared/read-cut.query';
import { RagTotalsDto } from './rag-board.dto';

/** The most quarters one trend shows: ten years of quarterly reports. */
export const MAX_TREND_QUARTERS = 40;

export class RagTrendQuery extends ReadCutQuery {
  @ApiPropertyOptional({
    example: '2024-25 Q3',
    description: 'The first quarter. Default: two years before `to`, or the first quarter the plan rated if later',
  })
  @IsOptional()
  @Matches(QUARTER_PATTERN, { message: 'from must be a financial-year quarter such as "2024-25 Q3"' })
  from?: string;

  @ApiPropertyOptional({
    example: '2025-26 Q2',
    description: `The last quarter. Default: the latest quarter rated by asOf (with \`from\`, the quarter asOf falls in). At most ${MAX_TREND_QUARTERS} quarters from \`from\``,
  })
  @IsOptional()
  @Matches(QUARTER_PATTERN, { message: 'to must be a financial-year quarter such as "2025-26 Q2"' })
  to?: string;
}

export class TrendPeriodDto {
  @ApiProperty({ example: '2025-26 Q2' }) period!: string;
  @ApiProperty({ type: RagTotalsDto }) totals!: RagTotalsDto;
}

export class RagTrendDto {
  @ApiProperty() planId!: string;
  @ApiProperty() asOf!: string;
  @ApiProperty() knownAt!: string;
  @ApiProperty({
    type: [TrendPeriodDto],
    description:
      'Oldest first. Each milestone counts once a quarter, by its latest rating for that quarter effective by asOf and recorded by knownAt; ' +
      'one with none counts as not rated',
  })
  periods!: TrendPeriodDto[];
}
