import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { Page } from '../../access/access.decorator';
import { CommandResult } from '../../domain/command';
import { DomainError } from '../../domain/domain-error';
import { WrongExpectedRevisionError } from '../../event-store/event-store.port';
import { PlanLookup } from '../../projections/shared/plan-lookup';
import { Projector } from '../../projections/engine/projector';
import { RagBoardQueries } from '../../projections/rag-board/rag-board.queries';
import { MIN_POSITION_WAIT_MS } from '../../projections/shared/read-gate';
import { readCut } from '../../projections/shared/read-cut';
import { RecommendationHistoryQueries } from '../../projections/recommendations/recommendation-history.queries';
import { RecommendationsQueries } from '../../projections/recommendations/recommendations.queries';
import { CloseRecommendationCommand } from '../../recommendation/close-recommendation/close-recommendation.command';
import { CloseRecommendationDto } from '../../recommendation/close-recommendation/close-recommendation.dto';
import { ReopenRecommendationCommand } from '../../recommendation/reopen-recommendation/reopen-recommendation.command';
import { ReopenRecommendationDto } from '../../recommendation/reopen-recommendation/reopen-recommendation.dto';
import { RecommendationParams } from '../../web/params';
import { FieldError } from '../../web/problem.filter';
import { validateBody } from '../../web/validate-body';
import { CsrfGuard } from '../layout/csrf.guard';
import { render } from '../layout/frame';
import { formText } from '../layout/form';
import { commandContext, Ctx, PageContext } from '../layout/page-context';
import { ukToday } from '../layout/uk-time';
import { DecisionForm, recommendationViewModel } from './recommendation.view-model';

const MESSAGES: Record<string, string> = {
  reason: 'Enter the reason (5,000 characters or fewer)',
  evidence: 'List the evidence, one piece a line (at least one)',
  effectiveOn: 'Enter the date it takes effect as a real date, for example 2026-06-30',
};

/** One recommendation: its life cut at each visit, its milestones, and the board's closure and reopening forms. */
@ApiExcludeController()
@Controller('plans/:planId/recommendations/:recommendationId')
export class RecommendationPageController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly plans: PlanLookup,
    private readonly board: RagBoardQueries,
    private readonly recommendations: RecommendationsQueries,
    private readonly histories: RecommendationHistoryQueries,
    private readonly projector: Projector,
  ) {}

  @Get()
  @Page('read')
  async show(@Ctx() ctx: PageContext, @Param() { planId, recommendationId }: RecommendationParams): Promise<void> {
    const revision = this.histories.history(planId, recommendationId, readCut({})).revision;
    await this.page(
      ctx,
      planId,
      recommendationId,
      { reason: '', evidence: '', effectiveOn: ukToday(), revision: String(revision) },
      [],
    );
  }

  @Post('closure')
  @Page('write')
  @UseGuards(CsrfGuard)
  close(@Ctx() ctx: PageContext, @Param() params: RecommendationParams, @Body() body: Record<string, unknown>): Promise<void> {
    return this.decide(ctx, params, body, 'closure');
  }

  @Post('reopening')
  @Page('write')
  @UseGuards(CsrfGuard)
  reopen(@Ctx() ctx: PageContext, @Param() params: RecommendationParams, @Body() body: Record<string, unknown>): Promise<void> {
    return this.decide(ctx, params, body, 'reopening');
  }

  private async decide(
    ctx: PageContext,
    { planId, recommendationId }: RecommendationParams,
    body: Record<string, unknown>,
    decision: 'closure' | 'reopening',
  ): Promise<void> {
    const form: DecisionForm = {
      reason: formText(body.reason),
      evidence: formText(body.evidence),
      effectiveOn: formText(body.effectiveOn),
      revision: formText(body.revision),
    };
    const evidence = form.evidence
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== '');
    const input =
      decision === 'closure'
        ? { reason: form.reason, evidence, effectiveOn: form.effectiveOn }
        : { reason: form.reason, effectiveOn: form.effectiveOn };
    const { errors } = await validateBody<object>(
      decision === 'closure' ? CloseRecommendationDto : ReopenRecommendationDto,
      input,
    );
    if (errors.length > 0) {
      const fields = [...new Set(errors.map((e) => e.field.replace(/\[\d+\]$/, '')))];
      return this.page(
        ctx,
        planId,
        recommendationId,
        form,
        fields.map((field) => ({ field, message: MESSAGES[field] ?? errors.find((e) => e.field.startsWith(field))!.message })),
        422,
      );
    }
    const context = {
      ...commandContext(ctx),
      ...(/^\d+$/.test(form.revision) ? { expectedRevision: Number(form.revision) } : {}),
    };
    let result: CommandResult;
    try {
      result = await this.commandBus.execute(
        decision === 'closure'
          ? new CloseRecommendationCommand(planId, recommendationId, input as CloseRecommendationDto, context)
          : new ReopenRecommendationCommand(planId, recommendationId, input as ReopenRecommendationDto, context),
      );
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'rule') {
        return this.page(ctx, planId, recommendationId, form, [{ field: error.field ?? 'reason', message: error.message }], 422);
      }
      if (error instanceof WrongExpectedRevisionError) {
        const revision = this.histories.history(planId, recommendationId, readCut({})).revision;
        const conflict = `Someone else recorded something on ${recommendationId} since you opened this page, shown below. Nothing was recorded: check it, then send the form again.`;
        return this.page(ctx, planId, recommendationId, { ...form, revision: String(revision) }, [], 409, conflict);
      }
      throw error;
    }
    await this.projector.waitFor(result.position, MIN_POSITION_WAIT_MS);
    ctx.flash({ title: `${recommendationId} ${decision === 'closure' ? 'closed' : 'reopened'}`, text: form.reason });
    await ctx.reply
      .status(303)
      .header('location', `/plans/${encodeURIComponent(planId)}/recommendations/${encodeURIComponent(recommendationId)}`)
      .send();
  }

  private async page(
    ctx: PageContext,
    planId: string,
    recommendationId: string,
    form: DecisionForm,
    errors: FieldError[],
    status = 200,
    conflict?: string,
  ) {
    const plan = this.plans.require(planId, ctx.cut);
    const history = this.histories.history(planId, recommendationId, ctx.cut);
    const row = this.recommendations.list(planId, ctx.cut).find((r) => r.recommendationId === recommendationId);
    const linked = new Set(row?.linkedMilestoneIds ?? []);
    const milestones = this.board
      .board(planId, ctx.cut)
      .priorities.flatMap((p) => p.milestones)
      .filter((m) => linked.has(m.milestoneId));
    await render(
      ctx,
      'recommendation/recommendation.njk',
      recommendationViewModel(ctx, {
        plan,
        history,
        source: row?.source ?? null,
        milestones,
        form,
        errors,
        ...(conflict ? { conflict } : {}),
      }),
      status,
    );
  }
}
