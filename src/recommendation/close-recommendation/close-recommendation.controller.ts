import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { RecommendationParams } from '../../web/params';
import { WriteContext } from '../../web/request-context';
import { toWriteResult, WriteResultDto } from '../../web/write-result';
import { CloseRecommendationCommand } from './close-recommendation.command';
import { CloseRecommendationDto } from './close-recommendation.dto';
import { Access } from '../../access/access.decorator';

@ApiTags('recommendations')
@Controller('api/plans/:planId/recommendations/:recommendationId/closure')
export class CloseRecommendationController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('write')
  @ApiOperation({ summary: 'Close a recommendation on evidence (a reason and at least one piece of evidence)' })
  @ApiCreatedResponse({ type: WriteResultDto })
  async close(
    @Param() { planId, recommendationId }: RecommendationParams,
    @Body() body: CloseRecommendationDto,
    @WriteContext() context: CommandContext,
  ) {
    return toWriteResult(await this.commandBus.execute(new CloseRecommendationCommand(planId, recommendationId, body, context)));
  }
}
