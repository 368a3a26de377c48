import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { RecommendationParams } from '../../web/params';
import { WriteContext } from '../../web/request-context';
import { toWriteResult, WriteResultDto } from '../../web/write-result';
import { ReopenRecommendationCommand } from './reopen-recommendation.command';
import { ReopenRecommendationDto } from './reopen-recommendation.dto';
import { Access } from '../../access/access.decorator';

@ApiTags('recommendations')
@Controller('api/plans/:planId/recommendations/:recommendationId/reopening')
export class ReopenRecommendationController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('write')
  @ApiOperation({ summary: 'Reopen a closed recommendation (e.g. a later visit finds the problem again)' })
  @ApiCreatedResponse({ type: WriteResultDto })
  async reopen(
    @Param() { planId, recommendationId }: RecommendationParams,
    @Body() body: ReopenRecommendationDto,
    @WriteContext() context: CommandContext,
  ) {
    return toWriteResult(await this.commandBus.execute(new ReopenRecommendationCommand(planId, recommendationId, body, context)));
  }
}
