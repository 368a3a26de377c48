import { IsOptional } from 'class-validator';
import { DateField, PeriodField, QUARTER_PATTERN } from '../../web/fields';
import { BoardPackDto } from '../../projections/board-packs/board-packs.dto';
import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsInstant } from '../../projections/shared/read-cut.query';

export class IssueBoardPackDto {
  @PeriodField(QUARTER_PATTERN, '2025-26 Q2', 'must be a financial-year quarter such as "2025-26 Q2"') period!: string;
  @DateField('2025-09-30', false, 'The date the pack shows the plan as of. Default: the end of the period (today, if it has not ended)')
  asOf?: string;
  @ApiPropertyOptional({
    description: 'The moment the pack shows the plan as known at. Default: the plan’s last recorded fact, once every write made so far is in',
    example: '2025-10-20T09:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  knownAt?: string;
}

export class IssuedBoardPackDto extends OmitType(BoardPackDto, ['issuedAt', 'actor'] as const) {
  @ApiProperty({ description: 'Revision of the period’s board-pack stream' }) revision!: number;
  @ApiProperty({ example: 'boardpack-halton/2025-26%20Q2' }) streamId!: string;
}
