import { Injectable } from '@nestjs/common';
import { changedAfterPack, PackOfPeriod, RagBoardQueries, totalsOf } from '../rag-board/rag-board.queries';
import { RagTrendQueries } from '../rag-board/rag-trend.queries';
import { ReadCut } from '../shared/read-cut';
import { RecommendationsQueries } from '../recommendations/recommendations.queries';
import { PlanLookup } from '../shared/plan-lookup';
import { VisitsQueries } from '../visits/visits.queries';
import { StreamRevisions } from '../shared/stream-revisions';
import { streamId as planStreamId } from '../../plan/plan';
import { DirectionTotalsDto, PortfolioMilestoneDto, PortfolioPlanDto } from './portfolio.dto';

export type Visible = (planId: string) => boolean;

/** How many quarters the portfolio shows of each plan's trend: a year. */
const PORTFOLIO_QUARTERS = 4;
export const everyPlan: Visible = () => true;

const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
};

/** What an adviser overseeing several councils asks: each plan's state and direction, and what is red. */
/** The period most milestones are rated for (the latest, on a tie). */
function commonPeriod(milestones: readonly { period: string | null }[]): string | null {
  const counts = new Map<string, number>();
  for (const m of milestones) if (m.period !== null) counts.set(m.period, (counts.get(m.period) ?? 0) + 1);
  let best: string | null = null;
  for (const [period, count] of counts) {
    const bestCount = best === null ? 0 : counts.get(best)!;
    if (count > bestCount || (count === bestCount && best !== null && period > best)) best = period;
  }
  return best;
}

@Injectable()
export class PortfolioQueries {
  constructor(
    private readonly plans: PlanLookup,
    private readonly board: RagBoardQueries,
    private readonly recommendations: RecommendationsQueries,
    private readonly visits: VisitsQueries,
    private readonly revisions: StreamRevisions,
    private readonly trends: RagTrendQueries,
  ) {}

  portfolio(cut: ReadCut, visible: Visible = everyPlan): PortfolioPlanDto[] {
    const milestones = groupBy(this.board.allMilestones(cut), (m) => m.planId);
    const open = this.recommendations.openCounts(cut);
    const lastVisits = this.visits.lastVisits(cut);
    return this.plans
      .list(cut)
      .filter((plan) => visible(plan.plan_id))
      .map((plan) => {
        const ofPlan = milestones.get(plan.plan_id) ?? [];
        const direction: DirectionTotalsDto = { improved: 0, declined: 0, unchanged: 0 };
        for (const m of ofPlan) if (m.direction) direction[m.direction] += 1;
        return {
          planId: plan.plan_id,
          revision: this.revisions.of(planStreamId(plan.plan_id), cut.recordedBy),
          localAuthority: plan.local_authority,
          title: plan.title,
          totals: totalsOf(ofPlan),
          direction,
          openRecommendations: open.get(plan.plan_id) ?? 0,
          trend: this.trends.lastQuarters(plan.plan_id, cut, PORTFOLIO_QUARTERS),
          period: commonPeriod(ofPlan),
          previousTotals: totalsOf(ofPlan.map((m) => ({ rag: m.previousRag ?? 'not-rated' }))),
          lastVisit: lastVisits.get(plan.plan_id) ?? null,
        };
      });
  }

  milestonesRated(rag: string, cut: ReadCut, visible: Visible = everyPlan): PortfolioMilestoneDto[] {
    const authorities = new Map(
      this.plans
        .list(cut)
        .filter((p) => visible(p.plan_id))
        .map((p) => [p.plan_id, p.local_authority]),
    );
    const packs = new Map<string, PackOfPeriod>();
    const packOf = (planId: string) => packs.get(planId) ?? packs.set(planId, this.board.packOf(planId, cut)).get(planId)!;
    return this.board
      .allMilestones(cut)
      .filter((m) => m.rag === rag && authorities.has(m.planId))
      .map((m) => {
        const { ratingPosition: _position, ...shown } = this.board.withRevision(m, cut);
        return { ...shown, localAuthority: authorities.get(m.planId)!, changedAfterPack: changedAfterPack(m, packOf(m.planId)) };
      });
  }
}
