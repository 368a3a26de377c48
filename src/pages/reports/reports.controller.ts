import { Body, Controller, Get, Param, Post, Query, Req, StreamableFile, UseGuards } from '@nestjs/common';
import { IsIn } from 'class-validator';
import { HttpAdapterHost } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Page } from '../../access/access.decorator';
import { PACK_FORMATS, PackFormat } from '../../board-pack/board-pack';
import { IssueBoardPackCommand } from '../../board-pack/issue-board-pack/issue-board-pack.command';
import { DomainError } from '../../domain/domain-error';
import { isQuarter } from '../../domain/period';
import { BoardPacksQueries } from '../../projections/board-packs/board-packs.queries';
import { Projector } from '../../projections/engine/projector';
import { MIN_POSITION_WAIT_MS, ReadGate } from '../../projections/shared/read-gate';
import { PlanLookup } from '../../projections/shared/plan-lookup';
import { BoardPackFiles } from '../../reports/board-pack-files/board-pack-files';
import { quarterOf, QuarterlyReports } from '../../reports/quarterly-report/quarterly-reports';
import { QuarterlyReturns } from '../../reports/quarterly-return/quarterly-returns';
import { ReturnParams } from '../../reports/quarterly-return/quarterly-return.dto';
import { receiveFile } from '../../reports/quarterly-return/receive-file';
import { CONTENT_TYPES } from '../../reports/render/rendered-file';
import { ReportRenderer } from '../../reports/render/report-renderer';
import { sendFile } from '../../reports/render/send-file';
import { PlanParams } from '../../web/params';
import { IdField } from '../../web/fields';
import { FieldError, ProblemException } from '../../web/problem.filter';
import { CsrfGuard, verifyCsrf } from '../layout/csrf.guard';
import { planPath, render } from '../layout/frame';
import { formText } from '../layout/form';
import { commandContext, Ctx, PageContext } from '../layout/page-context';
import { defaultPeriod } from '../quarterly-update/quarterly-update.view-model';
import { ReportsPageData, reportsViewModel, ReturnRowError } from './reports.view-model';

class FileParams extends PlanParams {
  @IsIn(PACK_FORMATS as unknown as string[], { message: `format must be one of: ${PACK_FORMATS.join(', ')}` }) format!: PackFormat;
}

class PackFileParams extends FileParams {
  @IdField('2025-26-Q2-1') packId!: string;
}

/**
 * The plan's quarterly report on the web: its files for a quarter at the moment the page shows, the
 * button that records them as sent to the board, the packs sent so far, and the quarterly return
 * (template and upload) for board members. The same services as the API's routes, in the session.
 */
@ApiExcludeController()
@Controller('plans/:planId/reports')
export class ReportsPageController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly adapterHost: HttpAdapterHost,
    private readonly plans: PlanLookup,
    private readonly gate: ReadGate,
    private readonly projector: Projector,
    private readonly reports: QuarterlyReports,
    private readonly renderer: ReportRenderer,
    private readonly packs: BoardPacksQueries,
    private readonly files: BoardPackFiles,
    private readonly returns: QuarterlyReturns,
  ) {}

  @Get()
  @Page('read')
  async show(@Ctx() ctx: PageContext, @Param() { planId }: PlanParams, @Query() query: Record<string, unknown>): Promise<void> {
    const asked = formText(query.period);
    await this.page(ctx, planId, isQuarter(asked) ? asked : defaultPeriod());
  }

  /** A file of the quarter's report, at the moment the page showed (named in the address). */
  @Get('quarterly/:format')
  @Page('read')
  async report(@Ctx() ctx: PageContext, @Param() { planId, format }: FileParams, @Query() query: Record<string, unknown>): Promise<StreamableFile> {
    const report = await this.reports.generate(planId, { period: quarterOf(formText(query.period)).text, ...this.moment(ctx) });
    return sendFile(ctx.reply, await this.renderer.render(report, format), report.moment);
  }

  /** A file of a pack sent to the board, byte for byte. */
  @Get('board-packs/:packId/:format')
  @Page('read')
  async pack(@Ctx() ctx: PageContext, @Param() { planId, packId, format }: PackFileParams): Promise<StreamableFile> {
    const { file, moment } = await this.files.download(planId, packId, format, ctx.cut);
    return sendFile(ctx.reply, file, moment);
  }

  /** "Mark as sent to the board": the files of the moment the page showed, hashed and recorded as BoardPackIssued. */
  @Post('board-packs')
  @Page('write')
  @UseGuards(CsrfGuard)
  async issue(@Ctx() ctx: PageContext, @Param() { planId }: PlanParams, @Body() body: Record<string, unknown>): Promise<void> {
    const period = quarterOf(formText(body.period)).text;
    const request = { period, asOf: formText(body.asOf), knownAt: formText(body.knownAt) };
    let issued;
    try {
      const pack = await this.files.generate(planId, request);
      issued = { pack, result: await this.commandBus.execute(new IssueBoardPackCommand(planId, pack, commandContext(ctx))) };
    } catch (error) {
      const message = issueRefusal(error);
      if (message === undefined) throw error;
      return this.page(ctx, planId, period, { errors: [{ field: 'issue', message }], failed: 'issue' }, 409);
    }
    await this.projector.waitFor(issued.result.position, MIN_POSITION_WAIT_MS);
    ctx.flash({
      title: `Board pack ${issued.result.packId} recorded as sent to the board`,
      text: `It shows ${period} as of ${request.asOf}, and reflects the log up to position ${issued.pack.lastPosition} (chain link ${issued.pack.lastHash}). Its files can be downloaded again below, byte for byte.`,
    });
    await ctx.reply.status(303).header('location', `${planPath(planId, 'reports')}?period=${encodeURIComponent(period)}`).send();
  }

  @Get('returns/:period/template.xlsx')
  @Page('write')
  async template(@Ctx() ctx: PageContext, @Param() { planId, period }: ReturnParams): Promise<StreamableFile> {
    const { bytes, fileName } = await this.returns.template(planId, quarterOf(period), ctx.cut);
    ctx.reply.header('cache-control', 'private, no-cache');
    return new StreamableFile(bytes, { type: CONTENT_TYPES.xlsx, length: bytes.length, disposition: `attachment; filename="${fileName}"` });
  }

  /** The filled-in return, from the web form: recorded all or none, its problems shown as GOV.UK errors. */
  @Post('returns/:period')
  @Page('write')
  async upload(@Ctx() ctx: PageContext, @Param() { planId, period: asked }: ReturnParams, @Req() request: FastifyRequest): Promise<void> {
    const period = quarterOf(asked);
    let uploaded;
    try {
      const file = await receiveFile(request);
      await verifyCsrf(this.adapterHost, request, file.fields._csrf ?? '');
      uploaded = await this.returns.upload(planId, period, file, commandContext(ctx), await this.gate.open({}));
    } catch (error) {
      if (!(error instanceof ProblemException) || ![400, 422].includes(error.problem.status)) throw error;
      const rows = (error.problem.errors ?? []).filter((e): e is FieldError & ReturnRowError => 'row' in e);
      const errors = rows.length > 0 ? [] : (error.problem.errors ?? [{ field: 'file', message: error.problem.detail }]);
      return this.page(ctx, planId, period.text, { errors: errors.map((e) => ({ ...e, field: 'file' })), rowErrors: rows, failed: 'return' }, error.problem.status);
    }
    if (uploaded.position !== null) await this.projector.waitFor(uploaded.position, MIN_POSITION_WAIT_MS);
    ctx.flash({
      title: `Quarterly return recorded for ${uploaded.period}`,
      text:
        uploaded.recorded === 0
          ? `${uploaded.file.name} holds nothing new: every rating in it is already recorded.`
          : `${uploaded.recorded} ${uploaded.recorded === 1 ? 'milestone' : 'milestones'} rated from ${uploaded.file.name}: ${uploaded.updates.map((u) => u.milestoneId).join(', ')}.`,
    });
    await ctx.reply.status(303).header('location', planPath(planId)).send();
  }

  private moment(ctx: PageContext): { asOf?: string; knownAt?: string } {
    const { given, knownAtInstant } = ctx.timeTravel;
    return { ...(given.asOf ? { asOf: given.asOf } : {}), ...(knownAtInstant ? { knownAt: knownAtInstant } : {}) };
  }

  private async page(ctx: PageContext, planId: string, period: string, extra: Partial<ReportsPageData> = {}, status = 200): Promise<void> {
    const plan = this.plans.require(planId, ctx.cut);
    const moment = await this.reports.moment(planId, { period, ...this.moment(ctx) });
    await render(ctx, 'reports/reports.njk', reportsViewModel(ctx, { plan, period, moment, packs: this.packs.packs(planId, ctx.cut), ...extra }), status);
  }
}

/** Why a pack was not recorded, in words for the page; undefined for anything a person cannot act on. */
function issueRefusal(error: unknown): string | undefined {
  if (error instanceof DomainError && error.kind !== 'not-found') return error.message;
  if (error instanceof ProblemException && error.problem.status < 500) return error.problem.errors?.[0]?.message ?? error.problem.detail;
  return undefined;
}
