import { Injectable } from '@nestjs/common';
import { BoardPacksQueries } from '../board-packs/board-packs.queries';
import { ActorColumns, ActorView, fromActorColumns } from '../shared/actor';
import { PlanLookup } from '../shared/plan-lookup';
import { ReadModels } from '../engine/read-models';
import { ReadCut } from '../shared/read-cut';
import { countRag, directionOf, emptyTotals, RagTotals } from './direction';
import { BoardDto, BoardMilestoneDto, BoardPriorityDto, ChangedAfterPackDto, DeclinedDto } from './rag-board.dto';
import { fromProvenanceColumn } from '../shared/provenance';
import { StreamRevisions } from '../shared/stream-revisions';
import { streamId as milestoneStreamId } from '../../milestone/milestone';
import { streamId as planStreamId } from '../../plan/plan';

interface MilestoneRow {
  plan_id: string;
  priority_id: string;
  milestone_id: string;
  title: string;
  owner: string | null;
  due_on: string | null;
  period: string | null;
  rag: string | null;
  forecast_rag: string | null;
  commentary: string | null;
  note: string | null;
  effective_on: string | null;
  recorded_at: string | null;
  rating_position: number | null;
  previous_period: string | null;
  previous_rag: string | null;
  last_year_rag: string | null;
  provenance: string | null;
  milestone_provenance: string | null;
}

export type BoardMilestone = Omit<BoardMilestoneDto, 'changedAfterPack'> & {
  planId: string;
  priorityId: string;
  /** The log position of the rating shown, to tell whether a board pack of its period came before it. */
  ratingPosition: number | null;
};
/** A milestone of the board before its revision is looked up (cross-plan totals need none). */
export type BoardRow = Omit<BoardMilestone, 'revision'>;

/** A milestone's report for one period: the one that counts (latest effective, then latest recorded). */
export interface PeriodRating {
  rag: string;
  forecastRag: string | null;
  commentary: string;
  effectiveOn: string;
  recordedAt: string;
  actor: ActorView;
}

interface PeriodRatingRow extends ActorColumns {
  milestone_id: string;
  period: string;
  rag: string;
  forecast_rag: string | null;
  commentary: string;
  effective_on: string;
  recorded_at: string;
}

/** The latest fact effective by @asOf and recorded by @recordedBy: one backward seek on the as-of index. */
const latest = (table: string, extra = '') => `(
  SELECT f.position FROM ${table} f
  WHERE f.plan_id = m.plan_id AND f.milestone_id = m.milestone_id ${extra}
    AND f.effective_on <= @asOf AND f.recorded_at <= @recordedBy
  ORDER BY f.effective_on DESC, f.position DESC LIMIT 1)`;

const boardSql = (where: string) => `
  SELECT m.plan_id, m.priority_id, m.milestone_id, m.title, m.owner, COALESCE(d.due_on, m.due_on) AS due_on,
         cur.period, cur.rag, cur.forecast_rag, cur.commentary, cur.note, cur.effective_on, cur.recorded_at,
         cur.position AS rating_position, cur.previous_period, prev.rag AS previous_rag, last.rag AS last_year_rag, cur.provenance, m.provenance AS milestone_provenance
  FROM board_milestones m
  LEFT JOIN milestone_ratings cur ON cur.position = ${latest('milestone_ratings')}
  LEFT JOIN milestone_ratings prev ON prev.position = ${latest('milestone_ratings', 'AND f.period = cur.previous_period')}
  LEFT JOIN milestone_ratings last ON last.position = ${latest('milestone_ratings', 'AND f.period = cur.last_year_period')}
  LEFT JOIN milestone_due_dates d ON d.position = ${latest('milestone_due_dates')}
  WHERE ${where} AND m.recorded_at <= @recordedBy
  ORDER BY m.position`;

const toMilestone = (row: MilestoneRow): BoardRow => ({
  planId: row.plan_id,
  priorityId: row.priority_id,
  milestoneId: row.milestone_id,
  title: row.title,
  owner: row.owner,
  dueOn: row.due_on,
  rag: row.rag ?? 'not-rated',
  forecastRag: row.forecast_rag,
  period: row.period,
  commentary: row.commentary,
  note: row.note,
  effectiveOn: row.effective_on,
  recordedAt: row.recorded_at,
  ratingPosition: row.rating_position,
  previousRag: row.rag === null ? null : row.previous_rag,
  previousPeriod: row.previous_period,
  sameQuarterLastYearRag: row.rag === null ? null : row.last_year_rag,
  direction: directionOf(row.rag, row.previous_rag),
  provenance: fromProvenanceColumn(row.provenance),
  milestoneProvenance: fromProvenanceColumn(row.milestone_provenance),
});

export type PackOfPeriod = (period: string | null) => { packId: string; issuedAt: string; lastPosition: number } | undefined;

/** A rating recorded for a period after the pack of that period went to the board: what it saw has since changed. */
export const changedAfterPack = (milestone: Pick<BoardRow, 'period' | 'ratingPosition'>, packOf: PackOfPeriod): ChangedAfterPackDto | null => {
  const pack = packOf(milestone.period);
  if (!pack || milestone.ratingPosition === null || milestone.ratingPosition <= pack.lastPosition) return null;
  return { packId: pack.packId, issuedAt: pack.issuedAt };
};

const publicMilestone = (milestone: BoardMilestone, packOf: PackOfPeriod): BoardMilestoneDto => {
  const { planId: _plan, priorityId: _priority, ratingPosition: _position, ...shown } = milestone;
  return { ...shown, changedAfterPack: changedAfterPack(milestone, packOf) };
};

/** The RAG board: every milestone's rating as of a date, as known at a time, with its direction of travel. */
@Injectable()
export class RagBoardQueries {
  private readonly ofPlan;
  private readonly ofAllPlans;
  private readonly priorities;
  private readonly ofPeriods;

  constructor(
    readModels: ReadModels,
    private readonly plans: PlanLookup,
    private readonly revisions: StreamRevisions,
    private readonly packs: BoardPacksQueries,
  ) {
    const db = readModels.db;
    type Cut = { asOf: string; recordedBy: string };
    this.ofPlan = db.prepare<[Cut & { planId: string }], MilestoneRow>(boardSql('m.plan_id = @planId'));
    this.ofAllPlans = db.prepare<[Cut], MilestoneRow>(boardSql('1 = 1'));
    this.ofPeriods = db.prepare<[{ planId: string; first: string; second: string; recordedBy: string }], PeriodRatingRow>(
      `SELECT milestone_id, period, rag, forecast_rag, commentary, effective_on, recorded_at, actor_id, actor_name, actor_role, actor_organisation
       FROM milestone_ratings WHERE plan_id = @planId AND period IN (@first, @second) AND recorded_at <= @recordedBy
       ORDER BY milestone_id, effective_on, position`,
    );
    this.priorities = db.prepare<[string, string], { priority_id: string; title: string; provenance: string | null }>(
      'SELECT priority_id, title, provenance FROM board_priorities WHERE plan_id = ? AND recorded_at <= ? ORDER BY position',
    );
  }

  milestones(planId: string, cut: ReadCut): BoardMilestone[] {
    return this.ofPlan.all({ planId, asOf: cut.asOf, recordedBy: cut.recordedBy }).map((row) => this.withRevision(toMilestone(row), cut));
  }

  /** Every plan's milestones at once, for the portfolio and cross-plan questions; `withRevision` those shown. */
  allMilestones(cut: ReadCut): BoardRow[] {
    return this.ofAllPlans.all({ asOf: cut.asOf, recordedBy: cut.recordedBy }).map(toMilestone);
  }

  /**
   * Each milestone's report for each of two periods (a quarter and the one before), whatever its effective
   * date, as recorded by `recordedBy`: what a quarterly update form starts from.
   */
  ratingsFor(planId: string, periods: readonly [string, string], recordedBy: string): Map<string, Map<string, PeriodRating>> {
    const found = new Map<string, Map<string, PeriodRating>>();
    for (const row of this.ofPeriods.iterate({ planId, first: periods[0], second: periods[1], recordedBy })) {
      const ofMilestone = found.get(row.milestone_id) ?? new Map<string, PeriodRating>();
      ofMilestone.set(row.period, {
        rag: row.rag,
        forecastRag: row.forecast_rag,
        commentary: row.commentary,
        effectiveOn: row.effective_on,
        recordedAt: row.recorded_at,
        actor: fromActorColumns(row),
      });
      found.set(row.milestone_id, ofMilestone);
    }
    return found;
  }

  withRevision(row: BoardRow, cut: ReadCut): BoardMilestone {
    return { ...row, revision: this.revisions.of(milestoneStreamId(row.planId, row.milestoneId), cut.recordedBy) };
  }

  board(planId: string, cut: ReadCut): BoardDto {
    this.plans.require(planId, cut);
    const milestones = this.milestones(planId, cut);
    const priorities = new Map<string, BoardPriorityDto>(
      this.priorities
        .all(planId, cut.recordedBy)
        .map((p) => [
          p.priority_id,
          { priorityId: p.priority_id, title: p.title, milestones: [], provenance: fromProvenanceColumn(p.provenance) },
        ]),
    );
    const packOf = this.packOf(planId, cut);
    for (const milestone of milestones) priorities.get(milestone.priorityId)?.milestones.push(publicMilestone(milestone, packOf));
    return {
      planId,
      revision: this.revisions.of(planStreamId(planId), cut.recordedBy),
      asOf: cut.asOf,
      knownAt: cut.knownAt,
      totals: totalsOf(milestones),
      priorities: [...priorities.values()],
    };
  }

  declined(planId: string, cut: ReadCut): DeclinedDto {
    this.plans.require(planId, cut);
    const packOf = this.packOf(planId, cut);
    const milestones = this.milestones(planId, cut)
      .filter((m) => m.direction === 'declined')
      .map((m) => ({ ...publicMilestone(m, packOf), priorityId: m.priorityId }));
    return { planId, asOf: cut.asOf, knownAt: cut.knownAt, milestones };
  }

  /** The last pack issued for each period, as known at the cut. */
  packOf(planId: string, cut: ReadCut): PackOfPeriod {
    const packs = this.packs.latestByPeriod(planId, cut);
    return (period) => (period === null ? undefined : packs.get(period));
  }
}

export function totalsOf(milestones: readonly { rag: string }[]): RagTotals {
  const totals = emptyTotals();
  for (const m of milestones) countRag(totals, m.rag);
  return totals;
}
