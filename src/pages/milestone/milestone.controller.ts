import { Body, Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { Page } from '../../access/access.decorator';
import { CommandResult } from '../../domain/command';
import { DomainError } from '../../domain/domain-error';
import { isQuarter, parsePeriod } from '../../domain/period';
import { WrongExpectedRevisionError } from '../../event-store/event-store.port';
import { UpdateMilestoneCommand } from '../../milestone/update-milestone/update-milestone.command';
import { UpdateMilestoneDto } from '../../milestone/update-milestone/update-milestone.dto';
import { BoardPacksQueries } from '../../projections/board-packs/board-packs.queries';
import { PlanLookup } from '../../projections/shared/plan-lookup';
import { Projector } from '../../projections/engine/projector';
import { MilestoneHistoryQueries } from '../../projections/rag-board/milestone-history.queries';
import { CorrectionsQueries } from '../../projections/rag-board/corrections.queries';
import { RagBoardQueries } from '../../projections/rag-board/rag-board.queries';
import { MIN_POSITION_WAIT_MS } from '../../projections/shared/read-gate';
import { readCut, ReadCut } from '../../projections/shared/read-cut';
import { RecommendationsQueries } from '../../projections/recommendations/recommendations.queries';
import { MilestoneParams } from '../../web/params';
import { FieldError } from '../../web/problem.filter';
import { validateBody } from '../../web/validate-body';
import { CsrfGuard } from '../layout/csrf.guard';
import { render } from '../layout/frame';
import { formText } from '../layout/form';
import { commandContext, Ctx, PageContext } from '../layout/page-context';
import { recordedBy } from '../layout/people';
import { ragLabel } from '../layout/rag';
import { formatInstant } from '../layout/uk-time';
import { MilestoneForm, milestoneViewModel, startingForm } from './milestone.view-model';

const MESSAGES: Record<string, string> = {
  period: 'Select the quarter the rating is for',
  rag: 'Select a rating',
  commentary: 'Enter a commentary (20,000 characters or fewer)',
  forecastRag: 'Select a forecast from the list, or none',
  reason: 'The reason must be 5,000 characters or fewer',
};

/** One milestone: its ratings quarter by quarter, due-date changes, recommendations, and the form to rate or correct it. */
@ApiExcludeController()
@Controller('plans/:planId/milestones/:milestoneId')
export class MilestonePageController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly plans: PlanLookup,
    private readonly board: RagBoardQueries,
    private readonly histories: MilestoneHistoryQueries,
    private readonly corrections: CorrectionsQueries,
    private readonly recommendations: RecommendationsQueries,
    private readonly projector: Projector,
    private readonly packs: BoardPacksQueries,
  ) {}

  @Get()
  @Page('read')
  async show(@Ctx() ctx: PageContext, @Param() { planId, milestoneId }: MilestoneParams): Promise<void> {
    await this.page(
      ctx,
      planId,
      milestoneId,
      startingForm(this.histories.history(planId, milestoneId, readCut({ asOf: '9999-12-31' }))),
      [],
    );
  }

  @Post()
  @Page('write')
  @UseGuards(CsrfGuard)
  async record(
    @Ctx() ctx: PageContext,
    @Param() { planId, milestoneId }: MilestoneParams,
    @Body() body: Record<string, unknown>,
  ): Promise<void> {
    const form: MilestoneForm = {
      period: formText(body.period),
      rag: formText(body.rag),
      commentary: formText(body.commentary),
      forecastRag: formText(body.forecastRag),
      reason: formText(body.reason),
      revision: formText(body.revision),
    };
    const update: UpdateMilestoneDto = {
      period: form.period,
      rag: form.rag,
      commentary: form.commentary,
      effectiveOn: isQuarter(form.period) ? parsePeriod(form.period)!.end : '',
      ...(form.forecastRag ? { forecastRag: form.forecastRag } : {}),
      ...(form.reason ? { reason: form.reason } : {}),
    };
    const { errors } = await validateBody(UpdateMilestoneDto, update);
    if (errors.length > 0) {
      const fields = [...new Set(errors.map((e) => e.field))].filter((f) => f !== 'effectiveOn');
      return this.page(
        ctx,
        planId,
        milestoneId,
        form,
        fields.map((field) => ({ field, message: MESSAGES[field] ?? errors.find((e) => e.field === field)!.message })),
        422,
      );
    }
    const context = {
      ...commandContext(ctx),
      ...(/^\d+$/.test(form.revision) ? { expectedRevision: Number(form.revision) } : {}),
    };
    let result: CommandResult;
    try {
      result = await this.commandBus.execute(new UpdateMilestoneCommand(planId, milestoneId, update, context));
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'rule') {
        return this.page(ctx, planId, milestoneId, form, [{ field: error.field ?? 'rag', message: error.message }], 422);
      }
      if (error instanceof WrongExpectedRevisionError) {
        const now = this.histories.history(planId, milestoneId, readCut({ asOf: '9999-12-31' }));
        const last = now.updates.at(-1);
        const conflict = last
          ? `Since you opened this page, ${milestoneId} was rated ${ragLabel(last.rag)} for ${last.period} on ${formatInstant(last.recordedAt)} by ${recordedBy(ctx, last.actor)}. ` +
            'Nothing was recorded. Your entries are kept: check the history below, then send the form again to record them.'
          : `Since you opened this page, someone else changed ${milestoneId}. Nothing was recorded: send the form again to record your entries.`;
        return this.page(ctx, planId, milestoneId, { ...form, revision: String(now.revision) }, [], 409, conflict);
      }
      throw error;
    }
    await this.projector.waitFor(result.position, MIN_POSITION_WAIT_MS);
    ctx.flash({
      title: `${milestoneId} rated ${ragLabel(form.rag)} for ${form.period}`,
      text: form.reason ? `Recorded as a correction: ${form.reason}` : 'Recorded.',
    });
    await ctx.reply
      .status(303)
      .header('location', `/plans/${encodeURIComponent(planId)}/milestones/${encodeURIComponent(milestoneId)}`)
      .send();
  }

  private async page(
    ctx: PageContext,
    planId: string,
    milestoneId: string,
    form: MilestoneForm,
    errors: FieldError[],
    status = 200,
    conflict?: string,
  ) {
    const cut: ReadCut = ctx.cut;
    const plan = this.plans.require(planId, cut);
    const history = this.histories.history(planId, milestoneId, cut);
    const onBoard = this.board.board(planId, cut).priorities.find((p) => p.priorityId === history.priorityId);
    const row = onBoard?.milestones.find((m) => m.milestoneId === milestoneId);
    await render(
      ctx,
      'milestone/milestone.njk',
      milestoneViewModel(ctx, {
        plan,
        history,
        corrections: this.corrections.ofQuarters(
          planId,
          [...new Set(history.updates.map((u) => u.period))].map((period) => ({ milestoneId, period })),
          cut,
        ),
        form,
        errors,
        ...(conflict ? { conflict } : {}),
        recommendations: this.recommendations.list(planId, cut).filter((r) => r.linkedMilestoneIds.includes(milestoneId)),
        priorityTitle: onBoard?.title ?? '',
        owner: row?.owner ?? null,
        dueOn: row?.dueOn ?? null,
        packs: this.packs.latestByPeriod(planId, cut),
      }),
      status,
    );
  }
}
