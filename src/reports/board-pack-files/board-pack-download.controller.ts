import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiConflictResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { IsIn, IsOptional } from 'class-validator';
import { Access } from '../../access/access.decorator';
import { PACK_FORMATS, PackFormat } from '../../board-pack/board-pack';
import { ReadCutQuery } from '../../projections/shared/read-cut.query';
import { ReadGate } from '../../projections/shared/read-gate';
import { IdField } from '../../web/fields';
import { PlanParams } from '../../web/params';
import { ApiReportFile, sendFile } from '../render/send-file';
import { BoardPackFiles } from './board-pack-files';

class PackParams extends PlanParams {
  @IdField('2025-26-Q2-1') packId!: string;
}

class PackQuery extends ReadCutQuery {
  @ApiPropertyOptional({ enum: PACK_FORMATS, description: 'Which file of the pack. Default: html' })
  @IsOptional()
  @IsIn(PACK_FORMATS as unknown as string[], { message: `format must be one of: ${PACK_FORMATS.join(', ')}` })
  format?: PackFormat;
}

@ApiTags('reports')
@Access('read')
@Controller('api/plans/:planId/board-packs/:packId')
export class BoardPackDownloadController {
  constructor(
    private readonly gate: ReadGate,
    private readonly files: BoardPackFiles,
  ) {}

  @Get()
  @ApiReportFile(
    'A file of an issued board pack, byte for byte as the board got it',
    'Made again from the period, asOf and knownAt the pack recorded; its SHA-256 is the one recorded when the pack was issued.',
    'no such plan, or no such pack (issued by knownAt)',
  )
  @ApiConflictResponse({ description: 'application/problem+json: the file made again would differ from the one issued' })
  async download(@Param() { planId, packId }: PackParams, @Query() query: PackQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { file, moment } = await this.files.download(planId, packId, query.format ?? 'html', await this.gate.open(query));
    return sendFile(reply, file, moment);
  }
}
