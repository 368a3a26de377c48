import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { PlanParams } from '../../web/params';
import { WriteContext } from '../../web/request-context';
import { toWriteResult, WriteResultDto } from '../../web/write-result';
import { AddMilestoneCommand } from './add-milestone.command';
import { AddMilestoneDto } from './add-milestone.dto';
import { Access } from '../../access/access.decorator';

@ApiTags('milestones')
@Controller('api/plans/:planId/milestones')
export class AddMilestoneController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('write')
  @ApiOperation({ summary: 'Add a milestone to a priority of the plan' })
  @ApiCreatedResponse({ type: WriteResultDto })
  async add(@Param() { planId }: PlanParams, @Body() body: AddMilestoneDto, @WriteContext() context: CommandContext) {
    return toWriteResult(await this.commandBus.execute(new AddMilestoneCommand(planId, body, context)));
  }
}
