import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { PlanParams } from '../../web/params';
import { WriteContext } from '../../web/request-context';
import { toWriteResult, WriteResultDto } from '../../web/write-result';
import { RaiseRecommendationCommand } from './raise-recommendation.command';
import { RaiseRecommendationDto } from './raise-recommendation.dto';
import { Access } from '../../access/access.decorator';

@ApiTags('recommendations')
@Controller('api/plans/:planId/recommendations')
export class RaiseRecommendationController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('write')
  @ApiOperation({ summary: 'Record a recommendation ("what needs to improve") raised by an inspection' })
  @ApiCreatedResponse({ type: WriteResultDto })
  async raise(@Param() { planId }: PlanParams, @Body() body: RaiseRecommendationDto, @WriteContext() context: CommandContext) {
    return toWriteResult(await this.commandBus.execute(new RaiseRecommendationCommand(planId, body, context)));
  }
}
