import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { VisitParams } from '../../web/params';
import { WriteContext } from '../../web/request-context';
import { toWriteResult, WriteResultDto } from '../../web/write-result';
import { RecordJudgementCommand } from './record-judgement.command';
import { RecordJudgementDto } from './record-judgement.dto';
import { Access } from '../../access/access.decorator';

@ApiTags('visits')
@Controller('api/plans/:planId/visits/:visitId/judgements')
export class RecordJudgementController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('write')
  @ApiOperation({ summary: 'Record an ILACS judgement for one area, with its framework version' })
  @ApiCreatedResponse({ type: WriteResultDto })
  async record(@Param() { planId, visitId }: VisitParams, @Body() body: RecordJudgementDto, @WriteContext() context: CommandContext) {
    return toWriteResult(await this.commandBus.execute(new RecordJudgementCommand(planId, visitId, body, context)));
  }
}
