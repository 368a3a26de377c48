import { Injectable } from '@nestjs/common';
import { PlanLookup } from '../shared/plan-lookup';
import { ActorColumns, fromActorColumns } from '../shared/actor';
import { ReadModels } from '../engine/read-models';
import { notFoundProblem } from '../shared/not-found';
import { ReadCut } from '../shared/read-cut';
import { fromProvenanceColumn } from '../shared/provenance';
import { MilestoneHistoryDto, MilestoneUpdateDto } from './milestone-history.dto';
import { StreamRevisions } from '../shared/stream-revisions';
import { streamId as milestoneStreamId } from '../../milestone/milestone';

interface RatingRow {
  position: number;
  period: string;
  rag: string;
  forecast_rag: string | null;
  commentary: string;
  reason: string | null;
  note: string | null;
  effective_on: string;
  recorded_at: string;
  actor_id: string;
  actor_name: string | null;
  actor_role: string | null;
  provenance: string | null;
}

interface DueDateRow {
  due_on: string;
  previous_due_on: string | null;
  reason: string;
  effective_on: string;
  recorded_at: string;
  actor_id: string;
  actor_name: string | null;
  actor_role: string | null;
}

type Key = { planId: string; milestoneId: string; asOf: string; recordedBy: string };

/** A rating as the histories of other things (a recommendation a milestone works towards) show it. */
export interface Rating extends ActorColumns {
  position: number;
  milestone_id: string;
  period: string;
  rag: string;
  commentary: string;
  reason: string | null;
  effective_on: string;
  recorded_at: string;
  provenance: string | null;
}

/** Every rating of one milestone, corrections included: what was reported, when, by whom, and why it changed. */
@Injectable()
export class MilestoneHistoryQueries {
  private readonly milestone;
  private readonly ratings;
  private readonly dueDates;
  private readonly since;

  constructor(
    readModels: ReadModels,
    private readonly plans: PlanLookup,
    private readonly revisions: StreamRevisions,
  ) {
    const db = readModels.db;
    this.milestone = db.prepare<
      [string, string],
      { priority_id: string; title: string; recorded_at: string; provenance: string | null }
    >('SELECT priority_id, title, recorded_at, provenance FROM board_milestones WHERE plan_id = ? AND milestone_id = ?');
    const cut = 'plan_id = @planId AND milestone_id = @milestoneId AND effective_on <= @asOf AND recorded_at <= @recordedBy';
    this.ratings = db.prepare<[Key], RatingRow>(`SELECT * FROM milestone_ratings WHERE ${cut} ORDER BY effective_on, position`);
    this.dueDates = db.prepare<[Key], DueDateRow>(
      `SELECT * FROM milestone_due_dates WHERE ${cut} ORDER BY effective_on, position`,
    );
    this.since = db.prepare<[Key & { since: string }], Rating>(
      `SELECT * FROM milestone_ratings WHERE ${cut} AND effective_on >= @since ORDER BY effective_on, position`,
    );
  }

  /** Every rating of a milestone effective from `since` to asOf and recorded by knownAt, corrections included. */
  ratingsSince(planId: string, milestoneId: string, since: string, cut: ReadCut): Rating[] {
    return this.since.all({ planId, milestoneId, since, asOf: cut.asOf, recordedBy: cut.recordedBy });
  }

  history(planId: string, milestoneId: string, cut: ReadCut): MilestoneHistoryDto {
    this.plans.require(planId, cut);
    const milestone = this.milestone.get(planId, milestoneId);
    if (!milestone || milestone.recorded_at > cut.recordedBy) {
      throw notFoundProblem(
        { what: 'milestone', id: milestoneId, planId, ...(milestone ? { recordedAt: milestone.recorded_at } : {}) },
        cut,
      );
    }
    const key = { planId, milestoneId, asOf: cut.asOf, recordedBy: cut.recordedBy };
    const rows = this.ratings.all(key);
    const latestOfPeriod = new Map<string, RatingRow>();
    for (const row of rows) {
      const seen = latestOfPeriod.get(row.period);
      if (
        !seen ||
        row.effective_on > seen.effective_on ||
        (row.effective_on === seen.effective_on && row.position > seen.position)
      ) {
        latestOfPeriod.set(row.period, row);
      }
    }
    const updates: MilestoneUpdateDto[] = rows.map((row) => ({
      period: row.period,
      rag: row.rag,
      forecastRag: row.forecast_rag,
      commentary: row.commentary,
      reason: row.reason,
      note: row.note,
      effectiveOn: row.effective_on,
      recordedAt: row.recorded_at,
      position: row.position,
      actor: fromActorColumns(row),
      superseded: latestOfPeriod.get(row.period) !== row,
      provenance: fromProvenanceColumn(row.provenance),
    }));
    const dueDateChanges = this.dueDates.all(key).map((row) => ({
      dueOn: row.due_on,
      previousDueOn: row.previous_due_on,
      reason: row.reason,
      effectiveOn: row.effective_on,
      recordedAt: row.recorded_at,
      actor: fromActorColumns(row),
    }));
    return {
      planId,
      milestoneId,
      priorityId: milestone.priority_id,
      title: milestone.title,
      milestoneProvenance: fromProvenanceColumn(milestone.provenance),
      revision: this.revisions.of(milestoneStreamId(planId, milestoneId), cut.recordedBy),
      asOf: cut.asOf,
      knownAt: cut.knownAt,
      updates,
      dueDateChanges,
    };
  }
}
