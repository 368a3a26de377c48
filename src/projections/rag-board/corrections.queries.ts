import { Injectable } from '@nestjs/common';
import { ReadModels } from '../engine/read-models';
import { ActorColumns, fromActorColumns } from '../shared/actor';
import { PlanLookup } from '../shared/plan-lookup';
import { ReadCut } from '../shared/read-cut';
import { CorrectionDto, CorrectionsDto, ReportedRatingDto } from './corrections.dto';

type Report = ActorColumns & {
  rag: string;
  forecast_rag: string | null;
  commentary: string;
  effective_on: string;
  recorded_at: string;
};
type Prefixed<P extends string> = { [K in keyof Report as `${P}${K & string}`]: Report[K] };
type CorrectionRow = Report &
  Prefixed<'before_'> & {
    position: number;
    milestone_id: string;
    title: string;
    period: string;
    reason: string | null;
    first_rag: string;
    first_recorded_at: string;
  };

type Key = { planId: string; asOf: string; recordedBy: string; after: number; limit: number };

const REPORT = ['rag', 'forecast_rag', 'commentary', 'effective_on', 'recorded_at', 'actor_id', 'actor_name', 'actor_role', 'actor_organisation'];
const cutOf = (t: string) => `${t}.effective_on <= @asOf AND ${t}.recorded_at <= @recordedBy`;
/** The reports of the same milestone and quarter as `c`, at the cut: a range of the by-period index. */
const sameQuarter = (t: string) => `${t}.plan_id = c.plan_id AND ${t}.period = c.period AND ${t}.milestone_id = c.milestone_id AND ${cutOf(t)}`;

const reportOf = (row: CorrectionRow, prefix: '' | 'before_'): ReportedRatingDto => {
  const r = Object.fromEntries(REPORT.map((column) => [column, row[`${prefix}${column}` as keyof CorrectionRow]])) as unknown as Report;
  return {
    rag: r.rag,
    forecastRag: r.forecast_rag,
    commentary: r.commentary,
    effectiveOn: r.effective_on,
    recordedAt: r.recorded_at,
    actor: fromActorColumns(r),
  };
};

/**
 * Ratings changed after they were first reported, the auditor's first question: every report of a
 * milestone's quarter after its first, with the report it changed, who changed it, when and why.
 */
@Injectable()
export class CorrectionsQueries {
  private readonly page;

  constructor(
    readModels: ReadModels,
    private readonly plans: PlanLookup,
  ) {
    // `+c.position` keeps the range on the plan's own rows, not on every plan's rows after `after`.
    this.page = readModels.db.prepare<[Key], CorrectionRow>(
      `SELECT c.position, c.milestone_id, m.title, c.period, c.reason, ${REPORT.map((x) => `c.${x}`).join(', ')},
              ${REPORT.map((x) => `b.${x} AS before_${x}`).join(', ')}, f.rag AS first_rag, f.recorded_at AS first_recorded_at
       FROM milestone_ratings c
       JOIN board_milestones m ON m.plan_id = c.plan_id AND m.milestone_id = c.milestone_id
       JOIN milestone_ratings b ON b.position = (SELECT MAX(x.position) FROM milestone_ratings x WHERE ${sameQuarter('x')} AND x.position < c.position)
       JOIN milestone_ratings f ON f.position = (SELECT MIN(x.position) FROM milestone_ratings x WHERE ${sameQuarter('x')})
       WHERE c.plan_id = @planId AND +c.position > @after AND ${cutOf('c')}
       ORDER BY c.position LIMIT @limit`,
    );
  }

  ofPlan(planId: string, cut: ReadCut, after: number, limit: number): CorrectionsDto {
    this.plans.require(planId, cut);
    const rows = this.page.all({ planId, asOf: cut.asOf, recordedBy: cut.recordedBy, after, limit });
    const corrections = rows.map(
      (row): CorrectionDto => ({
        position: row.position,
        milestoneId: row.milestone_id,
        title: row.title,
        period: row.period,
        reason: row.reason,
        before: reportOf(row, 'before_'),
        after: reportOf(row, ''),
        firstReportedRag: row.first_rag,
        firstReportedAt: row.first_recorded_at,
      }),
    );
    const next = rows.length === limit ? rows[rows.length - 1]!.position : null;
    return { planId, asOf: cut.asOf, knownAt: cut.knownAt, corrections, next };
  }
}
