import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { MilestoneParams } from '../../web/params';
import { WriteContext } from '../../web/request-context';
import { toWriteResult, WriteResultDto } from '../../web/write-result';
import { UpdateMilestoneCommand } from './update-milestone.command';
import { UpdateMilestoneDto } from './update-milestone.dto';
import { Access } from '../../access/access.decorator';

@ApiTags('milestones')
@Controller('api/plans/:planId/milestones/:milestoneId/updates')
export class UpdateMilestoneController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('write')
  @ApiOperation({
    summary: "Record a milestone's rating and commentary for a period",
    description: 'A second rating for the same period is a correction and needs a reason. Send expectedRevision to refuse lost updates (409).',
  })
  @ApiCreatedResponse({ type: WriteResultDto })
  async update(@Param() { planId, milestoneId }: MilestoneParams, @Body() body: UpdateMilestoneDto, @WriteContext() context: CommandContext) {
    return toWriteResult(await this.commandBus.execute(new UpdateMilestoneCommand(planId, milestoneId, body, context)));
  }
}
