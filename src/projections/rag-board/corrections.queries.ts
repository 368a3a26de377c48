import { Injectable } from '@nestjs/common';
import { parsePeriod } from '../../domain/period';
import { FactActor } from '../engine/fact';
import { fromActorColumns } from '../shared/actor';
import { ReadModels } from '../engine/read-models';
import { ReadCut } from '../shared/read-cut';

interface RatingRow {
  milestone_id: string;
  period: string;
  rag: string;
  reason: string | null;
  effective_on: string;
  recorded_at: string;
  position: number;
  actor_id: string;
  actor_name: string | null;
  actor_role: string | null;
}

/** A quarter's rating reported more than once: what was first reported, and the report that counts now. */
export interface Correction {
  milestoneId: string;
  period: string;
  first: { rag: string; recordedAt: string; actor: FactActor };
  /** The report that counts at the cut (the latest effective, then the latest recorded). */
  latest: { rag: string; recordedAt: string; reason: string | null; actor: FactActor };
  /** How many times the quarter was reported. */
  reports: number;
}

type Key = { planId: string; milestoneId: string; period: string; start: string; end: string; asOf: string; recordedBy: string };

/**
 * Ratings changed after they were first reported: the auditor's first question. A quarter of a
 * milestone reported more than once (effective by asOf, recorded by knownAt) was changed after the fact.
 */
@Injectable()
export class CorrectionsQueries {
  private readonly reports;

  constructor(readModels: ReadModels) {
    // The quarter's own dates bound the seek on the as-of index; the period names it exactly.
    this.reports = readModels.db.prepare<[Key], RatingRow>(
      `SELECT milestone_id, period, rag, reason, effective_on, recorded_at, position, actor_id, actor_name, actor_role
       FROM milestone_ratings
       WHERE plan_id = @planId AND milestone_id = @milestoneId AND effective_on >= @start AND effective_on <= @end
         AND effective_on <= @asOf AND recorded_at <= @recordedBy AND period = @period
       ORDER BY position`,
    );
  }

  /** Of the given quarters of the plan's milestones (e.g. each one's current rating on the board), those reported more than once. */
  of(planId: string, quarters: ReadonlyArray<{ milestoneId: string; period: string }>, cut: ReadCut): Correction[] {
    return quarters.flatMap(({ milestoneId, period }) => {
      const dates = parsePeriod(period);
      if (!dates) return [];
      const rows = this.reports.all({
        planId,
        milestoneId,
        period,
        start: dates.start,
        end: dates.end,
        asOf: cut.asOf,
        recordedBy: cut.recordedBy,
      });
      if (rows.length < 2) return [];
      const first = rows[0]!;
      const latest = rows.reduce((a, b) =>
        b.effective_on > a.effective_on || (b.effective_on === a.effective_on && b.position > a.position) ? b : a,
      );
      return [
        {
          milestoneId,
          period,
          first: { rag: first.rag, recordedAt: first.recorded_at, actor: fromActorColumns(first) },
          latest: { rag: latest.rag, recordedAt: latest.recorded_at, reason: latest.reason, actor: fromActorColumns(latest) },
          reports: rows.length,
        },
      ];
    });
  }
}
