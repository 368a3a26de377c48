import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { PlanParams } from '../../web/params';
import { WriteContext } from '../../web/request-context';
import { toWriteResult, WriteResultDto } from '../../web/write-result';
import { DefineIndicatorCommand } from './define-indicator.command';
import { DefineIndicatorDto } from './define-indicator.dto';
import { Access } from '../../access/access.decorator';

@ApiTags('indicators')
@Controller('api/plans/:planId/indicators')
export class DefineIndicatorController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('write')
  @ApiOperation({ summary: 'Define a performance indicator of the plan' })
  @ApiCreatedResponse({ type: WriteResultDto })
  async define(@Param() { planId }: PlanParams, @Body() body: DefineIndicatorDto, @WriteContext() context: CommandContext) {
    return toWriteResult(await this.commandBus.execute(new DefineIndicatorCommand(planId, body, context)));
  }
}
