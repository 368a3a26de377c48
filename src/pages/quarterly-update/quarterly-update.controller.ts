import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { Page } from '../../access/access.decorator';
import { BatchResult, CommandsRefusedError } from '../../domain/command';
import { isQuarter, parsePeriod, previousQuarter } from '../../domain/period';
import { WrongExpectedRevisionError } from '../../event-store/event-store.port';
import { RecordQuarterlyUpdateCommand } from '../../milestone/record-quarterly-update/record-quarterly-update.command';
import { RecordQuarterlyUpdateDto } from '../../milestone/record-quarterly-update/record-quarterly-update.dto';
import { streamId } from '../../milestone/milestone';
import { PlanLookup } from '../../projections/shared/plan-lookup';
import { Projector } from '../../projections/engine/projector';
import { RagBoardQueries } from '../../projections/rag-board/rag-board.queries';
import { MIN_POSITION_WAIT_MS } from '../../projections/shared/read-gate';
import { readCut } from '../../projections/shared/read-cut';
import { refusalsProblem } from '../../web/problem.filter';
import { PlanParams } from '../../web/params';
import { validateBody } from '../../web/validate-body';
import { CsrfGuard } from '../layout/csrf.guard';
import { render } from '../layout/frame';
import { formText } from '../layout/form';
import { commandContext, Ctx, PageContext } from '../layout/page-context';
import { recordedBy } from '../layout/people';
import { ragLabel } from '../layout/rag';
import { formatInstant, ukToday } from '../layout/uk-time';
import { excerpt } from '../plan/plan.view-model';
import { requestOf, rowErrors, rowsOf, unchanged } from './quarterly-update.form';
import { defaultPeriod, FormRow, formRows, quarterlyViewModel } from './quarterly-update.view-model';

/**
 * The quarterly update: one form for a priority or the whole plan, pre-filled with last quarter's
 * ratings, recorded all or none through the same command as POST /api/plans/:planId/quarterly-updates.
 */
@ApiExcludeController()
@Controller('plans/:planId/quarterly-update')
export class QuarterlyUpdatePageController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly plans: PlanLookup,
    private readonly board: RagBoardQueries,
    private readonly projector: Projector,
  ) {}

  @Get()
  @Page('write')
  async show(@Ctx() ctx: PageContext, @Param() { planId }: PlanParams, @Query() query: Record<string, unknown>): Promise<void> {
    const { period, priorityId, rows, loaded } = this.load(planId, query);
    await render(
      ctx,
      'quarterly-update/quarterly-update.njk',
      quarterlyViewModel(ctx, { ...loaded, period, ...(priorityId ? { priorityId } : {}), rows, errors: [], conflicts: 0 }),
    );
  }

  @Post()
  @Page('write')
  @UseGuards(CsrfGuard)
  async record(@Ctx() ctx: PageContext, @Param() { planId }: PlanParams, @Body() body: Record<string, unknown>): Promise<void> {
    const { period, priorityId, rows: stored, loaded, revisions, ratings } = this.load(planId, body);
    const typed = new Map(rowsOf(body).map((row) => [row.milestoneId, row]));
    const rows: FormRow[] = stored.map((row) => ({ ...row, input: typed.get(row.milestoneId) ?? row.input, errors: {} }));
    // Only what the person saw is sent: a milestone added since the form was loaded waits for the next form.
    const seen = (row: FormRow) => typed.has(row.milestoneId);
    const again = (status: number, errors = summaryOf(rows), conflicts = 0) =>
      render(
        ctx,
        'quarterly-update/quarterly-update.njk',
        quarterlyViewModel(ctx, { ...loaded, period, ...(priorityId ? { priorityId } : {}), rows, errors, conflicts }),
        status,
      );

    // A row left without rating or commentary, or repeating the quarter's rating as it stands, records nothing.
    const sent = rows.flatMap((row, index) =>
      !seen(row) || (row.input.rag === '' && row.input.commentary === '') || unchanged(row.input, row.current) ? [] : [index],
    );
    if (sent.length === 0) {
      return again(400, [
        {
          field: 'form',
          message: `There is nothing to record: change at least one milestone’s rating or commentary for ${period}`,
        },
      ]);
    }
    // Someone else changed a milestone since the form was loaded: nothing is recorded, and the form shows
    // what changed with what was typed kept; sending it again (now at the new revision) confirms.
    const stale = sent.filter((i) => rows[i]!.input.revision !== String(revisions.get(rows[i]!.milestoneId)));
    if (stale.length > 0) {
      for (const i of stale) this.markConflict(ctx, planId, rows[i]!, revisions, ratings, period);
      return again(409, [], stale.length);
    }

    const request: RecordQuarterlyUpdateDto = requestOf(
      period,
      parsePeriod(period)!.end,
      sent.map((i) => rows[i]!.input),
    );
    const { errors } = await validateBody(RecordQuarterlyUpdateDto, request);
    if (errors.length > 0)
      return this.showErrors(
        rows,
        rowErrors(
          errors,
          sent,
          rows.map((r) => r.input),
        ),
        again,
      );
    let result: BatchResult;
    try {
      result = await this.commandBus.execute(new RecordQuarterlyUpdateCommand(planId, request, commandContext(ctx)));
    } catch (error) {
      if (error instanceof CommandsRefusedError) {
        return this.showErrors(
          rows,
          rowErrors(
            refusalsProblem(error, 'updates').errors ?? [],
            sent,
            rows.map((r) => r.input),
          ),
          again,
        );
      }
      if (error instanceof WrongExpectedRevisionError) {
        const fresh = this.load(planId, body);
        const row = rows.find((r) => streamId(planId, r.milestoneId) === error.streamId);
        if (row) this.markConflict(ctx, planId, row, fresh.revisions, fresh.ratings, period);
        return again(409, [], 1);
      }
      throw error;
    }
    await this.projector.waitFor(result.position, MIN_POSITION_WAIT_MS);
    ctx.flash({
      title: `Quarterly update recorded for ${period}`,
      text: `${sent.length} ${sent.length === 1 ? 'milestone' : 'milestones'} of ${priorityId ?? 'the plan'} rated: ${sent.map((i) => rows[i]!.milestoneId).join(', ')}.`,
    });
    const board = `/plans/${encodeURIComponent(planId)}${priorityId ? `?priority=${encodeURIComponent(priorityId)}` : ''}`;
    await ctx.reply.status(303).header('location', board).send();
  }

  /**
   * The form's milestones as they stand now, whatever date their ratings apply to, for the quarter and
   * priority asked for: a quarter such as "2025-26 Q2" (by default the one just ended), a priority of the plan or all.
   */
  private load(planId: string, asked: Record<string, unknown>) {
    const quarter = formText(asked.period);
    const period = isQuarter(quarter) ? quarter : defaultPeriod();
    const today = ukToday();
    const end = parsePeriod(period)!.end;
    const cut = readCut({ asOf: end > today ? end : today });
    const plan = this.plans.require(planId, cut);
    const board = this.board.board(planId, cut);
    const priority = formText(asked.priority);
    const priorityId = board.priorities.some((p) => p.priorityId === priority) ? priority : undefined;
    const ratings = this.board.ratingsFor(planId, [period, previousQuarter(period)!], cut.recordedBy);
    const revisions = new Map(board.priorities.flatMap((p) => p.milestones.map((m) => [m.milestoneId, m.revision])));
    return {
      period,
      priorityId,
      loaded: { plan, board },
      rows: formRows(board, ratings, period, priorityId),
      revisions,
      ratings,
    };
  }

  private markConflict(
    ctx: PageContext,
    planId: string,
    row: FormRow,
    revisions: Map<string, number>,
    ratings: ReturnType<RagBoardQueries['ratingsFor']>,
    period: string,
  ): void {
    const now = ratings.get(row.milestoneId)?.get(period);
    row.conflict = now
      ? `Since you opened this form, ${row.milestoneId} was rated ${ragLabel(now.rag)} for ${period} on ${formatInstant(now.recordedAt)} by ` +
        `${recordedBy(ctx, now.actor)}: “${excerpt(now.commentary, 200).text}”. Your entries are kept below. Send the form again to record them instead.`
      : `Since you opened this form, someone else changed ${row.milestoneId} (its due date, or another quarter’s rating). Your entries are kept below. Send the form again to record them.`;
    row.current = now;
    // Sending the form again confirms: it now carries the revision the person has seen.
    row.input = { ...row.input, revision: String(revisions.get(row.milestoneId) ?? row.input.revision) };
  }

  private showErrors(
    rows: FormRow[],
    errors: Map<number, FormRow['errors']>,
    again: (status: number) => Promise<void>,
  ): Promise<void> {
    for (const [index, fields] of errors) rows[index]!.errors = fields;
    return again(422);
  }
}

/** The rows' messages as the error summary lists them, each pointing at its field (`rag-3`). */
const summaryOf = (rows: FormRow[]) =>
  rows.flatMap((row, index) =>
    Object.entries(row.errors).map(([field, message]) => ({ field: `${field}-${index}`, message: message! })),
  );
