import { Injectable } from '@nestjs/common';
import { quarterContaining, quartersBetween } from '../../domain/period';
import { PlanLookup } from '../shared/plan-lookup';
import { ReadModels } from '../engine/read-models';
import { ReadCut } from '../shared/read-cut';
import { countRag, emptyTotals } from './direction';
import { RagTrendDto } from './rag-trend.dto';

/** milestone_id, period, rag: read as arrays, as a plan's two years of ratings are a few hundred rows. */
type RatingRow = [milestoneId: string, period: string, rag: string];

type Key = { planId: string; asOf: string; recordedBy: string; from: string };

/** How many quarters a trend shows when the caller names none: two years. */
export const TREND_QUARTERS = 8;

/**
 * RAG totals per quarter: each milestone counted once a quarter, by its latest rating for that quarter
 * effective by asOf and recorded by knownAt, or as not rated when it has none.
 */
@Injectable()
export class RagTrendQueries {
  private readonly ratings;
  private readonly milestones;
  private readonly latestPeriod;

  constructor(
    readModels: ReadModels,
    private readonly plans: PlanLookup,
  ) {
    const db = readModels.db;
    // Milestone by milestone, each a range of the as-of index; in effective, then recorded order, so the
    // last row of a milestone's quarter is the one that counts.
    this.ratings = db
      .prepare<[Key], RatingRow>(
        `SELECT r.milestone_id, r.period, r.rag FROM board_milestones m
       JOIN milestone_ratings r ON r.plan_id = m.plan_id AND r.milestone_id = m.milestone_id
         AND r.effective_on >= @from AND r.effective_on <= @asOf AND r.recorded_at <= @recordedBy
       WHERE m.plan_id = @planId
       ORDER BY m.milestone_id, r.effective_on, r.position`,
      )
      .raw(true);
    this.milestones = db.prepare<[string, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM board_milestones WHERE plan_id = ? AND recorded_at <= ?',
    );
    // Each milestone's latest rating is one backward seek; the latest of those is the plan's.
    this.latestPeriod = db.prepare<[{ planId: string; asOf: string; recordedBy: string }], { period: string | null }>(
      `SELECT r.period FROM board_milestones m
       JOIN milestone_ratings r ON r.position = (
         SELECT f.position FROM milestone_ratings f
         WHERE f.plan_id = m.plan_id AND f.milestone_id = m.milestone_id AND f.effective_on <= @asOf AND f.recorded_at <= @recordedBy
         ORDER BY f.effective_on DESC, f.position DESC LIMIT 1)
       WHERE m.plan_id = @planId
       ORDER BY r.effective_on DESC LIMIT 1`,
    );
  }

  /** From `from` to `to` (quarters); by default up to two years up to the latest quarter rated by asOf, from the first rated. */
  trend(planId: string, cut: ReadCut, range: { from?: string; to?: string } = {}): RagTrendDto {
    this.plans.require(planId, cut);
    const bounds = { planId, asOf: cut.asOf, recordedBy: cut.recordedBy };
    const to = range.to ?? this.latestPeriod.get(bounds)?.period ?? quarterContaining(cut.asOf);
    const quarters = range.from ? quartersBetween(range.from, to) : quartersBetween('2000-01 Q1', to, TREND_QUARTERS);
    const milestoneCount = this.milestones.get(planId, cut.recordedBy)?.n ?? 0;
    const latest = new Map<string, Map<string, string>>(quarters.map((q) => [q, new Map()]));
    if (quarters.length > 0) {
      const from = `${quarters[0]!.slice(0, 4)}-01-01`;
      for (const [milestoneId, period, rag] of this.ratings.all({ ...bounds, from })) latest.get(period)?.set(milestoneId, rag);
    }
    const periods = quarters.map((period) => {
      const totals = emptyTotals();
      const rags = latest.get(period)!;
      for (const rag of rags.values()) countRag(totals, rag);
      totals.notRated += Math.max(0, milestoneCount - rags.size);
      return { period, totals, rated: rags.size };
    });
    // By default the trend starts with the first quarter anything was rated for (a new plan has no history).
    const first = range.from
      ? 0
      : Math.max(
          0,
          Math.min(
            periods.findIndex((p) => p.rated > 0),
            periods.length - 1,
          ),
        );
    return {
      planId,
      asOf: cut.asOf,
      knownAt: cut.knownAt,
      periods: periods.slice(first).map(({ period, totals }) => ({ period, totals })),
    };
  }
}
