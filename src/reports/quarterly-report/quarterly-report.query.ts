import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { PACK_FORMATS, PackFormat } from '../../board-pack/board-pack';
import { ReadCutQuery } from '../../projections/shared/read-cut.query';
import { QUARTER_PATTERN } from '../../web/fields';


export class QuarterlyReportQuery extends ReadCutQuery {
  @ApiProperty({ example: '2025-26 Q2', description: 'The financial-year quarter reported on' })
  @IsString()
  @Matches(QUARTER_PATTERN, { message: 'period must be a financial-year quarter such as "2025-26 Q2"' })
  period!: string;

  @ApiPropertyOptional({ enum: PACK_FORMATS, description: 'docx (Word), xlsx (Excel), csv (the board) or html (prints on A4). Default: html' })
  @IsOptional()
  @IsIn(PACK_FORMATS as unknown as string[], { message: `format must be one of: ${PACK_FORMATS.join(', ')}` })
  format?: PackFormat;
}
