import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { PlanParams } from '../../web/params';
import { WriteContext } from '../../web/request-context';
import { toWriteResult, WriteResultDto } from '../../web/write-result';
import { AddPriorityCommand } from './add-priority.command';
import { AddPriorityDto } from './add-priority.dto';
import { Access } from '../../access/access.decorator';

@ApiTags('plans')
@Controller('api/plans/:planId/priorities')
export class AddPriorityController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('write')
  @ApiOperation({ summary: 'Add a priority (e.g. "CYP P2") to a plan' })
  @ApiCreatedResponse({ type: WriteResultDto })
  async add(@Param() { planId }: PlanParams, @Body() body: AddPriorityDto, @WriteContext() context: CommandContext) {
    return toWriteResult(await this.commandBus.execute(new AddPriorityCommand(planId, body, context)));
  }
}
