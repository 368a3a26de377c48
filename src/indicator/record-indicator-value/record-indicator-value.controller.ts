import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { IndicatorParams } from '../../web/params';
import { WriteContext } from '../../web/request-context';
import { toWriteResult, WriteResultDto } from '../../web/write-result';
import { RecordIndicatorValueCommand } from './record-indicator-value.command';
import { RecordIndicatorValueDto } from './record-indicator-value.dto';
import { Access } from '../../access/access.decorator';

@ApiTags('indicators')
@Controller('api/plans/:planId/indicators/:indicatorId/values')
export class RecordIndicatorValueController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('write')
  @ApiOperation({ summary: "Record an indicator's value for a period; a second value for a period is a correction and needs a note" })
  @ApiCreatedResponse({ type: WriteResultDto })
  async record(@Param() { planId, indicatorId }: IndicatorParams, @Body() body: RecordIndicatorValueDto, @WriteContext() context: CommandContext) {
    return toWriteResult(await this.commandBus.execute(new RecordIndicatorValueCommand(planId, indicatorId, body, context)));
  }
}
