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
/** `quarters`: a JSON array of `{ milestoneId, period }`. */
type QuartersKey = { planId: string; quarters: string; asOf: string; recordedBy: string };

const REPORT = [
  'rag',
  'forecast_rag',
  'commentary',
  'effective_on',
  'recorded_at',
  'actor_id',
  'actor_name',
  'actor_role',
  'actor_organisation',
];
const cutOf = (t: string) => `${t}.effective_on <= @asOf AND ${t}.recorded_at <= @recordedBy`;
/** The reports of the same milestone and quarter as `c`, at the cut: a range of the by-period index. */
const sameQuarter = (t: string) =>
  `${t}.plan_id = c.plan_id AND ${t}.period = c.period AND ${t}.milestone_id = c.milestone_id AND ${cutOf(t)}`;

const reportOf = (row: CorrectionRow, prefix: '' | 'before_'): ReportedRatingDto => {
  const r = Object.fromEntries(
    REPORT.map((column) => [column, row[`${prefix}${column}` as keyof CorrectionRow]]),
  ) as unknown as Report;
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
  private readonly ofQuarterList;

  constructor(
    readModels: ReadModels,
    private readonly plans: PlanLookup,
  ) {
    const select = (where: string, tail = 'ORDER BY c.position', from = 'milestone_ratings c') =>
      `SELECT c.position, c.milestone_id, m.title, c.period, c.reason, ${REPORT.map((x) => `c.${x}`).join(', ')},
              ${REPORT.map((x) => `b.${x} AS before_${x}`).join(', ')}, f.rag AS first_rag, f.recorded_at AS first_recorded_at
       FROM ${from}
       JOIN board_milestones m ON m.plan_id = c.plan_id AND m.milestone_id = c.milestone_id
       JOIN milestone_ratings b ON b.position = (SELECT MAX(x.position) FROM milestone_ratings x WHERE ${sameQuarter('x')} AND x.position < c.position)
       JOIN milestone_ratings f ON f.position = (SELECT MIN(x.position) FROM milestone_ratings x WHERE ${sameQuarter('x')})
       WHERE ${where} AND ${cutOf('c')}
       ${tail}`;
    // `+c.position` keeps the range on the plan's own rows, not on every plan's rows after `after`.
    this.page = readModels.db.prepare<[Key], CorrectionRow>(
      select('c.plan_id = @planId AND +c.position > @after', 'ORDER BY c.position LIMIT @limit'),
    );
    // Each quarter asked for is a range of the by-period index, whatever the size of the plan's history;
    // all of them in one statement, as a page asks for a board's worth at once.
    this.ofQuarterList = readModels.db.prepare<[QuartersKey], CorrectionRow>(
      select(
        "c.plan_id = @planId AND c.period = q.value ->> '$.period' AND c.milestone_id = q.value ->> '$.milestoneId'",
        'ORDER BY q.key, c.position',
        'json_each(@quarters) q CROSS JOIN milestone_ratings c',
      ),
    );
  }

  ofPlan(planId: string, cut: ReadCut, after: number, limit: number): CorrectionsDto {
    this.plans.require(planId, cut);
    const rows = this.page.all({ planId, asOf: cut.asOf, recordedBy: cut.recordedBy, after, limit });
    const corrections = rows.map(correctionOf);
    const next = rows.length === limit ? rows[rows.length - 1]!.position : null;
    return { planId, asOf: cut.asOf, knownAt: cut.knownAt, corrections, next };
  }

  /**
   * The corrections of the given quarters of the plan's milestones (e.g. each one's current rating on the
   * board), quarter by quarter as asked and oldest first within each: what a page marks as changed after the fact,
   * one seek per quarter.
   */
  ofQuarters(planId: string, quarters: ReadonlyArray<{ milestoneId: string; period: string }>, cut: ReadCut): CorrectionDto[] {
    if (quarters.length === 0) return [];
    const list = JSON.stringify(quarters.map(({ milestoneId, period }) => ({ milestoneId, period })));
    return this.ofQuarterList.all({ planId, quarters: list, asOf: cut.asOf, recordedBy: cut.recordedBy }).map(correctionOf);
  }
}

const correctionOf = (row: CorrectionRow): CorrectionDto => ({
  position: row.position,
  milestoneId: row.milestone_id,
  title: row.title,
  period: row.period,
  reason: row.reason,
  before: reportOf(row, 'before_'),
  after: reportOf(row, ''),
  firstReportedRag: row.first_rag,
  firstReportedAt: row.first_recorded_at,
});
