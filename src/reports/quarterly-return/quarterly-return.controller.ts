import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access } from '../../access/access.decorator';
import { CommandContext } from '../../domain/command';
import { ReadCutQuery } from '../../projections/shared/read-cut.query';
import { ReadGate } from '../../projections/shared/read-gate';
import { WriteContext } from '../../web/request-context';
import { CONTENT_TYPES } from '../render/rendered-file';
import { quarterOf } from '../quarterly-report/quarterly-reports';
import { QuarterlyReturns, UploadedReturn } from './quarterly-returns';
import { ReturnParams, UploadedReturnDto } from './quarterly-return.dto';
import { receiveFile } from './receive-file';

@ApiTags('reports')
@Access('write')
@Controller('api/plans/:planId/returns/:period')
export class QuarterlyReturnController {
  constructor(
    private readonly gate: ReadGate,
    private readonly returns: QuarterlyReturns,
  ) {}

  @Get('template.xlsx')
  @ApiOperation({
    summary: 'The quarterly return template for a period, to fill in',
    description:
      'One row per milestone: id, title, owner and the previous quarter’s rating and commentary (shaded, locked), then empty Rating ' +
      '(a drop-down), Commentary and Reason for a correction. The period may be written "2025-26 Q3" or "2025-26-Q3".',
  })
  @ApiProduces(CONTENT_TYPES.xlsx)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  @ApiBadRequestResponse({ description: 'application/problem+json: period not a financial-year quarter, or a bad read cut' })
  @ApiNotFoundResponse({ description: 'application/problem+json: no such plan' })
  @ApiServiceUnavailableResponse({ description: 'application/problem+json: the read models did not reach minPosition within 5 s' })
  async template(@Param() { planId, period }: ReturnParams, @Query() query: ReadCutQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const { bytes, fileName } = await this.returns.template(planId, quarterOf(period), await this.gate.open(query));
    reply.header('Cache-Control', 'private, no-cache');
    return new StreamableFile(bytes, { type: CONTENT_TYPES.xlsx, length: bytes.length, disposition: `attachment; filename="${fileName}"` });
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Upload a filled-in quarterly return (XLSX or CSV): every row recorded, or none',
    description:
      'multipart/form-data with the file in a field named `file` (5 MB at most). Ratings as words in any case (Green, Amber, Red, ' +
      'Complete, Not rated) or the report’s symbols (✓, U, ×); a row without a rating is skipped, and so is one the plan already holds. ' +
      'Every row is checked first: any wrong row gives 422 with `errors: [{row, column, message}]` and nothing is recorded. ' +
      'The rows are recorded in one go with the uploader as actor and the file’s name and SHA-256 on each event; the same file sent ' +
      'again records nothing.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: UploadedReturnDto, description: 'Recorded (recorded: 0 when the file held nothing new)' })
  @ApiBadRequestResponse({
    description:
      'application/problem+json naming `file`: not multipart, no file, over 5 MB, not a spreadsheet, macro-enabled, password-protected, ' +
      'an old .xls, the wrong columns, or a return for another period',
  })
  @ApiNotFoundResponse({ description: 'application/problem+json: no such plan' })
  @ApiUnprocessableEntityResponse({ description: 'application/problem+json with errors: [{row, column, message}]; nothing was recorded' })
  async upload(@Param() { planId, period }: ReturnParams, @Req() request: FastifyRequest, @WriteContext() context: CommandContext): Promise<UploadedReturn> {
    const quarter = quarterOf(period);
    const file = await receiveFile(request);
    return this.returns.upload(planId, quarter, file, context, await this.gate.open({}));
  }
}
