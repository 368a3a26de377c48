import { Injectable } from '@nestjs/common';
import { comparePeriods, isQuarter, quarterContaining, quartersBetween } from '../../domain/period';
import { ReadModels } from '../engine/read-models';
import { PlanLookup } from '../shared/plan-lookup';
import { ReadCut } from '../shared/read-cut';
import { ProblemException, validationProblem } from '../../web/problem.filter';
import { countRag, emptyTotals } from './direction';
import { MAX_TREND_QUARTERS, RagTrendDto, TrendPeriodDto } from './rag-trend.dto';

/** A rating as its columns, not an object: a trend reads hundreds a request, and making each an object costs most of it. */
type RatingRow = [milestoneId: string, period: string, rag: string];

type Cut = { planId: string; asOf: string; recordedBy: string };

/** How many quarters a trend shows when the caller names no `from`: two years. */
export const TREND_QUARTERS = 8;

/**
 * RAG totals per quarter: each milestone counted once a quarter, by its latest rating for that quarter
 * effective by asOf and recorded by knownAt, or as not rated when it has none. Ratings of a quarter are
 * one range of the by-period index, whatever the plan's history before it.
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
    // In effective, then recorded order: the last row of a milestone's quarter is the one that counts.
    this.ratings = db.prepare<[Cut & { from: string; to: string }], RatingRow>(
      `SELECT milestone_id, period, rag FROM milestone_ratings
       WHERE plan_id = @planId AND period >= @from AND period <= @to AND effective_on <= @asOf AND recorded_at <= @recordedBy
       ORDER BY period, milestone_id, effective_on, position`,
    ).raw();
    this.milestones = db.prepare<[string, string], { n: number }>(
      'SELECT COUNT(*) AS n FROM board_milestones WHERE plan_id = ? AND recorded_at <= ?',
    );
    this.latestPeriod = db.prepare<[Cut], { period: string | null }>(
      `SELECT MAX(period) AS period FROM milestone_ratings WHERE plan_id = @planId AND effective_on <= @asOf AND recorded_at <= @recordedBy`,
    );
  }

  /** From `from` to `to` (quarters); by default two years up to the latest quarter rated by asOf, from the first rated. */
  trend(planId: string, cut: ReadCut, range: { from?: string; to?: string } = {}): RagTrendDto {
    this.plans.require(planId, cut);
    const bounds: Cut = { planId, asOf: cut.asOf, recordedBy: cut.recordedBy };
    // Asked from a quarter, the trend runs to the one asOf falls in; otherwise to the latest rated.
    const to = range.to ?? (range.from === undefined ? this.latestQuarter(bounds) : undefined) ?? quarterContaining(cut.asOf);
    requireQuarter('to', to);
    if (range.from !== undefined) requireRange(requireQuarter('from', range.from), to);
    const quarters = quartersBetween(range.from ?? '2000-01 Q1', to, range.from ? MAX_TREND_QUARTERS : TREND_QUARTERS);
    const periods = this.totals(bounds, quarters, this.milestones.get(planId, cut.recordedBy)?.n ?? 0);
    // By default the trend starts with the first quarter anything was rated for (a new plan has no history).
    const first = range.from ? 0 : Math.max(0, Math.min(periods.findIndex((p) => p.rated > 0), periods.length - 1));
    return { planId, asOf: cut.asOf, knownAt: cut.knownAt, periods: periods.slice(first).map(({ period, totals }) => ({ period, totals })) };
  }

  /** The last `count` quarters up to the latest the plan rated by asOf: the portfolio's view of each plan. */
  lastQuarters(planId: string, cut: ReadCut, count: number): TrendPeriodDto[] {
    const bounds: Cut = { planId, asOf: cut.asOf, recordedBy: cut.recordedBy };
    const to = this.latestQuarter(bounds);
    if (to === undefined) return [];
    const quarters = quartersBetween('2000-01 Q1', to, count);
    return this.totals(bounds, quarters, this.milestones.get(planId, cut.recordedBy)?.n ?? 0).map(({ period, totals }) => ({ period, totals }));
  }

  /** Ratings are for quarters only, and quarters sort as their text does. */
  private latestQuarter(bounds: Cut): string | undefined {
    return this.latestPeriod.get(bounds)?.period ?? undefined;
  }

  private totals(bounds: Cut, quarters: readonly string[], milestoneCount: number) {
    const latest = new Map<string, Map<string, string>>(quarters.map((q) => [q, new Map()]));
    if (quarters.length > 0) {
      for (const [milestoneId, period, rag] of this.ratings.all({ ...bounds, from: quarters[0]!, to: quarters[quarters.length - 1]! })) {
        latest.get(period)?.set(milestoneId, rag);
      }
    }
    return quarters.map((period) => {
      const totals = emptyTotals();
      const rags = latest.get(period)!;
      for (const rag of rags.values()) countRag(totals, rag);
      totals.notRated += Math.max(0, milestoneCount - rags.size);
      return { period, totals, rated: rags.size };
    });
  }
}

const refuse = (field: string, message: string) => new ProblemException(validationProblem([{ field, message }]));

/** A quarter that exists (`2025-27 Q1` has the right shape but no such year). */
function requireQuarter(field: string, text: string): string {
  if (isQuarter(text)) return text;
  throw refuse(field, `${field} must be a financial-year quarter such as "2025-26 Q2", whose years follow one another`);
}

/** `from` no later than `to`, and no more quarters between them than one trend shows. */
function requireRange(from: string, to: string): void {
  if (comparePeriods(from, to) > 0) throw refuse('from', `from (${from}) is after to (${to})`);
  const count = quartersBetween(from, to, MAX_TREND_QUARTERS + 1).length;
  if (count > MAX_TREND_QUARTERS) {
    throw refuse('from', `from ${from} to ${to} is more than ${MAX_TREND_QUARTERS} quarters; ask for at most ${MAX_TREND_QUARTERS} at a time`);
  }
}
