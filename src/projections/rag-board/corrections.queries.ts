import { Injectable } from '@nestjs/common';
import { FactActor } from '../fact';
import { fromActorColumns } from '../projection';
import { ReadModels } from '../read-models';
import { ReadCut } from '../read-cut/read-cut';

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

type Key = { planId: string; asOf: string; recordedBy: string };

/**
 * Ratings changed after they were first reported: the auditor's first question. Found as the quarters of a
 * milestone with more than one rating effective by asOf and recorded by knownAt.
 */
@Injectable()
export class CorrectionsQueries {
  private readonly reported;

  constructor(readModels: ReadModels) {
    const cut = (t: string) => `${t}.plan_id = @planId AND ${t}.effective_on <= @asOf AND ${t}.recorded_at <= @recordedBy`;
    this.reported = readModels.db.prepare<[Key], RatingRow>(
      `SELECT r.milestone_id, r.period, r.rag, r.reason, r.effective_on, r.recorded_at, r.position, r.actor_id, r.actor_name, r.actor_role
       FROM milestone_ratings r
       JOIN (SELECT x.milestone_id, x.period FROM milestone_ratings x WHERE ${cut('x')} GROUP BY x.milestone_id, x.period HAVING COUNT(*) > 1) c
         ON r.milestone_id = c.milestone_id AND r.period = c.period
       WHERE ${cut('r')}
       ORDER BY r.milestone_id, r.period, r.position`,
    );
  }

  ofPlan(planId: string, cut: ReadCut): Correction[] {
    const groups = new Map<string, RatingRow[]>();
    for (const row of this.reported.all({ planId, asOf: cut.asOf, recordedBy: cut.recordedBy })) {
      const key = `${row.milestone_id}\u0000${row.period}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    return [...groups.values()].map((rows) => {
      const first = rows[0]!;
      const latest = rows.reduce((a, b) =>
        b.effective_on > a.effective_on || (b.effective_on === a.effective_on && b.position > a.position) ? b : a,
      );
      return {
        milestoneId: first.milestone_id,
        period: first.period,
        first: { rag: first.rag, recordedAt: first.recorded_at, actor: fromActorColumns(first) },
        latest: { rag: latest.rag, recordedAt: latest.recorded_at, reason: latest.reason, actor: fromActorColumns(latest) },
        reports: rows.length,
      };
    });
  }
}
