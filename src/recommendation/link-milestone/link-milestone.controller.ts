import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { RecommendationParams } from '../../web/params';
import { WriteContext } from '../../web/request-context';
import { toWriteResult, WriteResultDto } from '../../web/write-result';
import { LinkMilestoneCommand } from './link-milestone.command';
import { LinkMilestoneDto } from './link-milestone.dto';
import { Access } from '../../access/access.decorator';

@ApiTags('recommendations')
@Controller('api/plans/:planId/recommendations/:recommendationId/links')
export class LinkMilestoneController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('write')
  @ApiOperation({ summary: 'Link a milestone that works towards the recommendation' })
  @ApiCreatedResponse({ type: WriteResultDto })
  async link(@Param() { planId, recommendationId }: RecommendationParams, @Body() body: LinkMilestoneDto, @WriteContext() context: CommandContext) {
    return toWriteResult(await this.commandBus.execute(new LinkMilestoneCommand(planId, recommendationId, body, context)));
  }
}
