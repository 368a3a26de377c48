import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { BatchResult, CommandContext, CommandsRefusedError } from '../../domain/command';
import { parsePeriod, Period, previousQuarter } from '../../domain/period';
import { RecordQuarterlyUpdateCommand } from '../../milestone/record-quarterly-update/record-quarterly-update.command';
import { RagBoardQueries } from '../../projections/rag-board/rag-board.queries';
import { PlanLookup } from '../../projections/shared/plan-lookup';
import { ReadCut } from '../../projections/shared/read-cut';
import { ProblemException, problemType } from '../../web/problem.filter';
import { sha256Of } from '../render/rendered-file';
import { longDate } from '../render/wording';
import { onFirstUse } from '../../platform/on-first-use';
import { checkRows, columnOfField, RowError, ReturnUpdate, SkippedRow } from './return-rows';
import { badFile } from './return-sheet';
import { Rag } from '../../milestone/rag';

export interface UploadedReturn {
  planId: string;
  period: string;
  file: { name: string; sha256: string };
  /** How many milestones' ratings were recorded: 0 when everything in the file already was. */
  recorded: number;
  position: number | null;
  updates: Array<{ row: number; milestoneId: string; rag: Rag; revision: number }>;
  skipped: SkippedRow[];
}

/** The spreadsheet side of returns, loaded by the first template or upload. */
const returnFile = onFirstUse(() => import('./return-file'));
const returnTemplate = onFirstUse(() => import('./return-template'));

/** More than a person would work through in one go; a file with more is the wrong file. */
const MAX_ROW_ERRORS = 100;

/** 422: rows a person must fix, each named by row and column; nothing was recorded. */
export function rowsProblem(errors: RowError[]): ProblemException {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  const shown = sorted.slice(0, MAX_ROW_ERRORS);
  const more = sorted.length > shown.length ? ` The first ${shown.length} are listed.` : '';
  return new ProblemException({
    type: problemType('return-rows'),
    title: 'Some rows of the return cannot be recorded',
    status: 422,
    detail: `${sorted.length} ${sorted.length === 1 ? 'problem' : 'problems'} in the return, so nothing was recorded.${more} ${shown
      .map((e) => `Row ${e.row}, ${e.column}: ${e.message}`)
      .join(' ')}`,
    errors: shown.map((e) => ({ field: `row ${e.row}, ${e.column}`, ...e })),
  });
}

/**
 * The quarterly return, both ways: the template owners fill in, and the upload recorded as one quarterly
 * update (all rows or none) with the uploader as actor and the file's name and SHA-256 on every event.
 */
@Injectable()
export class QuarterlyReturns {
  constructor(
    private readonly plans: PlanLookup,
    private readonly board: RagBoardQueries,
    private readonly commandBus: CommandBus,
  ) {}

  async template(planId: string, period: Period, cut: ReadCut): Promise<{ bytes: Buffer; fileName: string }> {
    const plan = this.plans.require(planId, cut);
    const previous = previousQuarter(period.text) ?? null;
    const lastEnd = previous ? parsePeriod(previous)!.end : period.start;
    const milestones = this.board.milestones(planId, { ...cut, asOf: lastEnd });
    const bytes = await (await returnTemplate()).returnTemplate({
      localAuthority: plan.local_authority,
      period: period.text,
      periodRange: `${longDate(period.start)} to ${longDate(period.end)}`,
      previousPeriod: previous,
      knownAt: cut.knownAt,
      rows: milestones.map((m) => {
        const rated = m.period === previous;
        return {
          milestoneId: m.milestoneId,
          title: m.title,
          owner: m.owner,
          lastRating: rated ? (m.rag as Rag) : null,
          lastCommentary: rated ? m.commentary : null,
        };
      }),
    });
    return { bytes, fileName: `${planId}-quarterly-return-${period.text.replace(' ', '-')}.xlsx` };
  }

  async upload(planId: string, period: Period, file: { name: string; bytes: Buffer }, context: CommandContext, cut: ReadCut): Promise<UploadedReturn> {
    this.plans.require(planId, cut);
    const sha256 = sha256Of(file.bytes);
    const sheet = await (await returnFile()).readReturnFile(file.bytes, file.name);
    if (sheet.period !== undefined && sheet.period !== period.text) {
      throw badFile(`This return is for ${sheet.period}, but it was sent for ${period.text}. Send it for ${sheet.period}, or download the template for ${period.text}.`);
    }
    const all = this.board.milestones(planId, { ...cut, asOf: period.end });
    const ids = new Map(all.map((m) => [m.milestoneId.toLowerCase(), m.milestoneId]));
    const byId = new Map(all.map((m) => [m.milestoneId, m]));
    const checked = checkRows(sheet.rows, period.text, ids, (id) => {
      const m = byId.get(id);
      return m && m.period === period.text ? { rag: m.rag, commentary: m.commentary } : undefined;
    });
    if (checked.errors.length > 0) throw rowsProblem(checked.errors);
    const answer = { planId, period: period.text, file: { name: file.name, sha256 }, skipped: checked.skipped };
    if (checked.updates.length === 0) {
      if (checked.skipped.length === 0) throw badFile('The return has no milestone rows.');
      return { ...answer, recorded: 0, position: null, updates: [] };
    }
    const result = await this.record(planId, period, checked.updates, file.name, sha256, context);
    return {
      ...answer,
      recorded: checked.updates.length,
      position: result.position,
      updates: checked.updates.map((u, i) => ({ row: u.row, milestoneId: u.milestoneId, rag: u.rag, revision: result.results[i]!.revision })),
    };
  }

  /** One batch, keyed by the file's hash: sending the same file again is answered as the first time, recording nothing. */
  private async record(planId: string, period: Period, updates: ReturnUpdate[], name: string, sha256: string, context: CommandContext): Promise<BatchResult> {
    const keyed: CommandContext = {
      ...context,
      idempotencyKey: `quarterly-return:${planId}:${period.text}:${sha256}`,
      requestHash: sha256.slice(0, 32),
      extra: { ...context.extra, source: { upload: 'quarterly-return', file: name, sha256 } },
    };
    const body = {
      period: period.text,
      updates: updates.map((u) => ({
        milestoneId: u.milestoneId,
        rag: u.rag,
        commentary: u.commentary,
        ...(u.reason ? { reason: u.reason } : {}),
      })),
    };
    try {
      return await this.commandBus.execute(new RecordQuarterlyUpdateCommand(planId, body, keyed));
    } catch (error) {
      if (!(error instanceof CommandsRefusedError)) throw error;
      throw rowsProblem(error.refusals.map((r) => ({ row: updates[r.index]!.row, column: columnOfField(r.field), message: r.message })));
    }
  }
}
