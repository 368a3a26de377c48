import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access, VisiblePlans } from '../../access/access.decorator';
import { canSeePlan, PlanScope } from '../../access/access-policy';
import { ApiRead } from '../shared/api-read.decorator';
import { ReadCutQuery } from '../shared/read-cut.query';
import { ReadGate } from '../shared/read-gate';
import { OpenLongestQuery, OpenRecommendationDto } from '../recommendations/recommendations.dto';
import { RecommendationsQueries } from '../recommendations/recommendations.queries';
import { PortfolioMilestoneDto, PortfolioMilestonesQuery, PortfolioPlanDto } from './portfolio.dto';
import { PortfolioQueries } from './portfolio.queries';

/** Cross-plan reads list only the plans the caller may see (an adviser's own councils). */
const visibleIn = (scope: PlanScope) => (planId: string) => canSeePlan(scope, planId);

@ApiTags('portfolio')
@Access('read')
@Controller('api')
export class PortfolioController {
  constructor(
    private readonly gate: ReadGate,
    private readonly portfolio: PortfolioQueries,
    private readonly recommendations: RecommendationsQueries,
  ) {}

  @Get('plans')
  @ApiRead(
    'The portfolio: every plan with its RAG totals',
    'Each plan the caller may see, recorded by knownAt, with the totals of its board as of asOf, how many milestones moved up or down since the previous quarter, ' +
      'and how many recommendations are open.',
    [PortfolioPlanDto],
  )
  async plans(@Query() query: ReadCutQuery, @VisiblePlans() scope: PlanScope): Promise<PortfolioPlanDto[]> {
    return this.portfolio.portfolio(await this.gate.open(query), visibleIn(scope));
  }

  @Get('portfolio/milestones')
  @ApiRead(
    'Milestones with a given rating, across every plan',
    'For an adviser overseeing several councils: every milestone whose rating as of asOf (known at knownAt) is rag (default red), plan by plan.',
    [PortfolioMilestoneDto],
  )
  async milestones(@Query() query: PortfolioMilestonesQuery, @VisiblePlans() scope: PlanScope): Promise<PortfolioMilestoneDto[]> {
    return this.portfolio.milestonesRated(query.rag ?? 'red', await this.gate.open(query), visibleIn(scope));
  }

  @Get('portfolio/recommendations/open-longest')
  @ApiRead(
    'Open recommendations across every plan, open longest first',
    'The recommendations open as of asOf in every plan, by how long they have been open: since first raised, a reopening included (reopenedOn says when).',
    [OpenRecommendationDto],
  )
  async openLongest(@Query() query: OpenLongestQuery, @VisiblePlans() scope: PlanScope): Promise<OpenRecommendationDto[]> {
    return this.recommendations.openLongest(await this.gate.open(query), Number(query.limit ?? 20), {
      visible: visibleIn(scope),
    });
  }
}
