import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { CommandResult } from '../../domain/command';
import { VisitParams } from '../../web/params';
import { WriteContext } from '../../web/request-context';
import { toWriteResult, WriteResultDto } from '../../web/write-result';
import { newFindingId, RecordFindingCommand } from './record-finding.command';
import { RecordFindingDto } from './record-finding.dto';
import { Access } from '../../access/access.decorator';

@ApiTags('visits')
@Controller('api/plans/:planId/visits/:visitId/findings')
export class RecordFindingController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('write')
  @ApiOperation({ summary: "Record a visit's finding, assessed and linked to the recommendations it speaks to (effective on the visit's end date)" })
  @ApiCreatedResponse({ type: WriteResultDto })
  async record(@Param() { planId, visitId }: VisitParams, @Body() body: RecordFindingDto, @WriteContext() context: CommandContext) {
    const findingId = body.findingId ?? newFindingId(context);
    const result: CommandResult = await this.commandBus.execute(new RecordFindingCommand(planId, visitId, { ...body, findingId }, context));
    return toWriteResult(result, { findingId });
  }
}
