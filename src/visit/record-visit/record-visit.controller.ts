import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { PlanParams } from '../../web/params';
import { WriteContext } from '../../web/request-context';
import { toWriteResult, WriteResultDto } from '../../web/write-result';
import { RecordVisitCommand } from './record-visit.command';
import { RecordVisitDto } from './record-visit.dto';
import { Access } from '../../access/access.decorator';

@ApiTags('visits')
@Controller('api/plans/:planId/visits')
export class RecordVisitController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('write')
  @ApiOperation({ summary: 'Record an Ofsted visit: ILACS inspection, monitoring, focused or other' })
  @ApiCreatedResponse({ type: WriteResultDto })
  async record(@Param() { planId }: PlanParams, @Body() body: RecordVisitDto, @WriteContext() context: CommandContext) {
    return toWriteResult(await this.commandBus.execute(new RecordVisitCommand(planId, body, context)));
  }
}
