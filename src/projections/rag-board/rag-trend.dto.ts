import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { QUARTER_PATTERN } from '../../web/fields';
import { ReadCutQuery } from '../shared/read-cut.query';
import { RagTotalsDto } from './rag-board.dto';

export class RagTrendQuery extends ReadCutQuery {
  @ApiPropertyOptional({ example: '2024-25 Q3', description: 'The first quarter (default: two years before `to`)' })
  @IsOptional()
  @Matches(QUARTER_PATTERN, { message: 'from must be a financial-year quarter such as "2024-25 Q3"' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-26 Q2', description: 'The last quarter (default: the latest rated by asOf)' })
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
    description: 'Oldest first; a milestone without a rating for a quarter counts as not rated',
  })
  periods!: TrendPeriodDto[];
}
