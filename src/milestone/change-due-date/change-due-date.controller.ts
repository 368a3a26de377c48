import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { MilestoneParams } from '../../web/params';
import { WriteContext } from '../../web/request-context';
import { toWriteResult, WriteResultDto } from '../../web/write-result';
import { ChangeDueDateCommand } from './change-due-date.command';
import { ChangeDueDateDto } from './change-due-date.dto';
import { Access } from '../../access/access.decorator';

@ApiTags('milestones')
@Controller('api/plans/:planId/milestones/:milestoneId/due-date')
export class ChangeDueDateController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('write')
  @ApiOperation({ summary: "Extend or change a milestone's due date: recorded as its own fact, with a reason" })
  @ApiCreatedResponse({ type: WriteResultDto })
  async change(@Param() { planId, milestoneId }: MilestoneParams, @Body() body: ChangeDueDateDto, @WriteContext() context: CommandContext) {
    return toWriteResult(await this.commandBus.execute(new ChangeDueDateCommand(planId, milestoneId, body, context)));
  }
}
