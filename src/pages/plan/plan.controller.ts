import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Page } from '../../access/access.decorator';
import { PlanLookup } from '../../projections/shared/plan-lookup';
import { CorrectionsQueries } from '../../projections/rag-board/corrections.queries';
import { RagBoardQueries } from '../../projections/rag-board/rag-board.queries';
import { RagTrendQueries } from '../../projections/rag-board/rag-trend.queries';
import { VisitsQueries } from '../../projections/visits/visits.queries';
import { PlanParams } from '../../web/params';
import { render } from '../layout/frame';
import { Ctx, PageContext } from '../layout/page-context';
import { planFilters, planViewModel } from './plan.view-model';

/** The plan: its latest judgements, the RAG board by priority with its filters, and ratings quarter by quarter. */
@ApiExcludeController()
@Controller('plans/:planId')
export class PlanPageController {
  constructor(
    private readonly plans: PlanLookup,
    private readonly board: RagBoardQueries,
    private readonly trends: RagTrendQueries,
    private readonly corrections: CorrectionsQueries,
    private readonly visits: VisitsQueries,
  ) {}

  @Get()
  @Page('read')
  async show(@Ctx() ctx: PageContext, @Param() { planId }: PlanParams, @Query() query: Record<string, unknown>): Promise<void> {
    const plan = this.plans.require(planId, ctx.cut);
    const board = this.board.board(planId, ctx.cut);
    const filters = planFilters(
      query,
      board.priorities.map((p) => p.priorityId),
    );
    await render(
      ctx,
      'plan/plan.njk',
      planViewModel(ctx, {
        plan,
        board,
        judgements: this.visits.latestJudgements(planId, ctx.cut),
        trend: this.trends.trend(planId, ctx.cut),
        corrections: this.corrections.ofQuarters(
          planId,
          board.priorities.flatMap((p) =>
            p.milestones.flatMap((m) => (m.period ? [{ milestoneId: m.milestoneId, period: m.period }] : [])),
          ),
          ctx.cut,
        ),
        filters,
      }),
    );
  }
}
