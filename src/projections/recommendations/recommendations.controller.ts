import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { revisionETag } from '../../web/revision-tags';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../../access/access.decorator';
import { PlanParams, RecommendationParams } from '../../web/params';
import { ApiRead } from '../shared/api-read.decorator';
import { ReadCutQuery } from '../shared/read-cut.query';
import { ReadGate } from '../shared/read-gate';
import { RecommendationHistoryDto } from './recommendation-history.dto';
import { RecommendationHistoryQueries } from './recommendation-history.queries';
import { OpenLongestQuery, OpenRecommendationDto, RecommendationDto } from './recommendations.dto';
import { RecommendationsQueries } from './recommendations.queries';

const PLAN_404 = 'no such plan, or not yet recorded at knownAt';

@ApiTags('recommendations')
@Access('read')
@Controller('api/plans/:planId/recommendations')
export class RecommendationsController {
  constructor(
    private readonly gate: ReadGate,
    private readonly recommendations: RecommendationsQueries,
    private readonly histories: RecommendationHistoryQueries,
  ) {}

  @Get()
  @ApiRead(
    'The plan’s recommendations with their status',
    'Each recommendation recorded by knownAt, open or closed as of asOf (a closure recorded later but effective earlier counts as of its date).',
    [RecommendationDto],
    { notFound: PLAN_404 },
  )
  async list(@Param() { planId }: PlanParams, @Query() query: ReadCutQuery): Promise<RecommendationDto[]> {
    return this.recommendations.list(planId, await this.gate.open(query));
  }

  @Get('open-longest')
  @ApiRead(
    'Open recommendations, open longest first',
    'The recommendations open as of asOf, by how long they have been open: since first raised, a reopening included (reopenedOn says when).',
    [OpenRecommendationDto],
    { notFound: PLAN_404 },
  )
  async openLongest(@Param() { planId }: PlanParams, @Query() query: OpenLongestQuery): Promise<OpenRecommendationDto[]> {
    return this.recommendations.openLongest(await this.gate.open(query), Number(query.limit ?? 20), { planId });
  }

  @Get(':recommendationId/history')
  @ApiRead(
    'A recommendation’s history, cut at visits',
    'Segments from the visit that raised it to each later visit; each holds the recommendation’s own events, the findings that name it ' +
      'and the updates of milestones linked to it, effective by asOf and recorded by knownAt. The last segment, still open, has to: null.',
    RecommendationHistoryDto,
    { notFound: 'no such plan or recommendation, or not yet recorded at knownAt', headers: { ETag: { description: 'The revision as a weak entity tag (W/"3"): send it back as If-Match' } } },
  )
  async history(
    @Param() { planId, recommendationId }: RecommendationParams,
    @Query() query: ReadCutQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RecommendationHistoryDto> {
    const history = this.histories.history(planId, recommendationId, await this.gate.open(query));
    void reply.header('ETag', revisionETag(history.revision));
    return history;
  }
}
