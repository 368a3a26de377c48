import { PortfolioPlanDto } from '../../projections/portfolio/portfolio.dto';
import { RagTotalsDto } from '../../projections/rag-board/rag-board.dto';
import { PageModel } from '../layout/frame';
import { PageContext } from '../layout/page-context';

const COLUMNS: Array<{ rag: string; key: keyof RagTotalsDto }> = [
  { rag: 'green', key: 'green' },
  { rag: 'amber', key: 'amber' },
  { rag: 'red', key: 'red' },
  { rag: 'complete', key: 'complete' },
  { rag: 'not-rated', key: 'notRated' },
];

export interface TotalCell {
  count: number;
  /** "+3", "−2" or "" when unchanged. */
  change: string;
  /** For screen readers: "up 3 since the previous quarter". */
  changeText: string;
}

const cell = (now: number, before: number): TotalCell => {
  const diff = now - before;
  return {
    count: now,
    change: diff > 0 ? `+${diff}` : diff < 0 ? `−${-diff}` : '',
    changeText:
      diff > 0
        ? `up ${diff} since the quarter before`
        : diff < 0
          ? `down ${-diff} since the quarter before`
          : 'no change since the quarter before',
  };
};

export function portfolioViewModel(ctx: PageContext, plans: PortfolioPlanDto[]): PageModel {
  return {
    pageTitle: 'Plans',
    section: 'portfolio',
    columns: COLUMNS.map((c) => c.rag),
    plans: plans.map((plan) => ({
      planId: plan.planId,
      localAuthority: plan.localAuthority,
      title: plan.title,
      href: ctx.link(`/plans/${encodeURIComponent(plan.planId)}`),
      period: plan.period,
      totals: COLUMNS.map((c) => ({ rag: c.rag, ...cell(plan.totals[c.key], plan.previousTotals[c.key]) })),
      direction: plan.direction,
      openRecommendations: plan.openRecommendations,
      recommendationsHref: ctx.link(`/plans/${encodeURIComponent(plan.planId)}/recommendations`),
      lastVisit: plan.lastVisit,
      visitsHref: ctx.link(`/plans/${encodeURIComponent(plan.planId)}/visits`),
    })),
  };
}
