import { Controller, Get, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Page } from '../../access/access.decorator';
import { PlanLookup } from '../../projections/shared/plan-lookup';
import { RecommendationsQueries } from '../../projections/recommendations/recommendations.queries';
import { PlanParams } from '../../web/params';
import { planPage, render } from '../layout/frame';
import { Ctx, PageContext } from '../layout/page-context';
import { formatDate } from '../layout/uk-time';

/** A plan's recommendations: open ones first, each with how long it has been open and what works towards it. */
@ApiExcludeController()
@Controller('plans/:planId/recommendations')
export class RecommendationsPageController {
  constructor(
    private readonly plans: PlanLookup,
    private readonly recommendations: RecommendationsQueries,
  ) {}

  @Get()
  @Page('read')
  async list(@Ctx() ctx: PageContext, @Param() { planId }: PlanParams): Promise<void> {
    const plan = this.plans.require(planId, ctx.cut);
    const base = `/plans/${encodeURIComponent(planId)}`;
    const all = this.recommendations.list(planId, ctx.cut).filter((r) => r.raisedOn <= ctx.cut.asOf);
    const row = (r: (typeof all)[number]) => ({
      recommendationId: r.recommendationId,
      text: r.text,
      href: ctx.link(`${base}/recommendations/${encodeURIComponent(r.recommendationId)}`),
      status: r.status,
      since: r.status === 'open' ? `Open since ${formatDate(r.openSince ?? r.raisedOn)}` : `Closed on ${formatDate(r.closedOn!)}`,
      // Said only when it differs from the date above: a reopened or closed recommendation.
      raised: r.status === 'open' && (r.openSince ?? r.raisedOn) === r.raisedOn ? null : `Raised ${formatDate(r.raisedOn)}`,
      milestones: r.linkedMilestoneIds.map((id) => ({
        milestoneId: id,
        href: ctx.link(`${base}/milestones/${encodeURIComponent(id)}`),
      })),
    });
    await render(ctx, 'recommendations/recommendations.njk', {
      ...planPage(ctx, plan, 'recommendations', 'recommendations', [{ text: 'Recommendations' }]),
      open: all.filter((r) => r.status === 'open').map(row),
      closed: all.filter((r) => r.status === 'closed').map(row),
    });
  }
}
