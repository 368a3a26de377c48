import { Inject, Injectable } from '@nestjs/common';
import { Clock, dayOf } from '../../domain/clock';
import { DomainError } from '../../domain/domain-error';
import { parsePeriod, Period, previousQuarter, requirePeriod } from '../../domain/period';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { AuditTrailQueries } from '../../projections/audit-trail/audit-trail.queries';
import { BoardPacksQueries } from '../../projections/board-packs/board-packs.queries';
import { IndicatorsQueries } from '../../projections/indicators/indicators.queries';
import { PlanLookup } from '../../projections/shared/plan-lookup';
import { RagBoardQueries } from '../../projections/rag-board/rag-board.queries';
import { readCut, ReadCut } from '../../projections/shared/read-cut';
import { ReadGate } from '../../projections/shared/read-gate';
import { RecommendationHistoryQueries } from '../../projections/recommendations/recommendation-history.queries';
import { RecommendationsQueries } from '../../projections/recommendations/recommendations.queries';
import { VisitsQueries } from '../../projections/visits/visits.queries';
import { ProblemException, problemType, validationProblem } from '../../web/problem.filter';
import { buildQuarterlyReport, QuarterlyReport, ReportMoment } from './quarterly-report';

export interface ReportRequest {
  period: string;
  asOf?: string;
  knownAt?: string;
  minPosition?: string;
}

/** How far back the chart of RAG totals looks: this quarter and the four before it. */
const TREND_QUARTERS = 5;

function quartersUpTo(period: Period, count: number): Period[] {
  const quarters = [period];
  for (let q = previousQuarter(period.text); q !== undefined && quarters.length < count; q = previousQuarter(q)) quarters.unshift(parsePeriod(q)!);
  return quarters;
}

/**
 * The quarterly report of a plan, from the same queries as the API. Without knownAt the report shows
 * the plan as known at its last recorded fact (after the read models have taken in every commit made
 * before the request), and names that moment, so that the same request with that knownAt gives it again.
 */
@Injectable()
export class QuarterlyReports {
  constructor(
    private readonly gate: ReadGate,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly plans: PlanLookup,
    private readonly board: RagBoardQueries,
    private readonly recommendations: RecommendationsQueries,
    private readonly histories: RecommendationHistoryQueries,
    private readonly visits: VisitsQueries,
    private readonly indicators: IndicatorsQueries,
    private readonly audit: AuditTrailQueries,
    private readonly packs: BoardPacksQueries,
    private readonly clock: Clock,
  ) {}

  async generate(planId: string, request: ReportRequest): Promise<QuarterlyReport> {
    const period = quarterOf(request.period);
    const { cut, moment } = await this.momentOf(planId, period, request);
    return this.build(planId, period, cut, moment);
  }

  /** The moment a report would show and the head it would name, without making it: what a page offers before the files are made. */
  async moment(planId: string, request: ReportRequest): Promise<ReportMoment> {
    return (await this.momentOf(planId, quarterOf(request.period), request)).moment;
  }

  private async momentOf(planId: string, period: Period, request: ReportRequest): Promise<{ cut: ReadCut; moment: ReportMoment }> {
    const today = dayOf(this.clock.now().toISOString());
    const asOf = request.asOf ?? (period.end < today ? period.end : today);
    let minPosition = request.minPosition;
    if (request.knownAt === undefined) {
      const head = Number(await this.store.headPosition());
      minPosition = String(Math.max(head, Number(minPosition ?? -1)));
    }
    const opened = await this.gate.open({ asOf, ...(request.knownAt ? { knownAt: request.knownAt } : {}), ...(minPosition ? { minPosition } : {}) });
    this.plans.require(planId, opened);
    const last = this.audit.lastRecorded(planId, opened);
    const cut = request.knownAt === undefined && last ? readCut({ asOf, knownAt: last.recordedAt }) : opened;
    const lastHash = last ? await this.linkAt(last.position) : null;
    return { cut, moment: { asOf, knownAt: cut.knownAt, lastPosition: last?.position ?? null, lastHash } };
  }

  /** The chain's link at the report's last position: a report never names a head the log cannot vouch for. */
  private async linkAt(position: number): Promise<string> {
    const head = await this.store.chainAt(BigInt(position));
    if (head?.hash) return head.hash;
    throw new ProblemException({
      type: problemType('broken-chain'),
      title: 'The log’s chain is broken',
      status: 500,
      detail: head
        ? `The event at position ${position} was written without a link in the chain, so no report can name the head it reflects; run npm run verify.`
        : `The read models name position ${position} as the plan's last fact, but the log has no event there; run npm run verify.`,
    });
  }

  private build(planId: string, period: Period, cut: ReadCut, moment: ReportMoment): QuarterlyReport {
    const plan = this.plans.require(planId, cut);
    const atPeriodEnd = (end: string): ReadCut => ({ ...cut, asOf: end < cut.asOf ? end : cut.asOf });
    const boards = quartersUpTo(period, TREND_QUARTERS).map((q) => ({ period: q.text, board: this.board.board(planId, atPeriodEnd(q.end)) }));
    // The chart starts at the first quarter rated: before it the plan was not yet kept here.
    const firstRated = boards.findIndex(({ period: q, board }) => board.priorities.some((p) => p.milestones.some((m) => m.period === q)));
    const trendBoards = boards.slice(firstRated === -1 ? -1 : firstRated);
    const recommendations = this.recommendations.list(planId, cut);
    return buildQuarterlyReport(
      {
        plan: { planId, localAuthority: plan.local_authority, title: plan.title },
        period,
        moment,
        board: boards[boards.length - 1]!.board,
        trendBoards,
        recommendations,
        histories: recommendations.map((r) => this.histories.history(planId, r.recommendationId, cut)),
        visits: this.visits.list(planId, cut),
        indicators: this.indicators.list(planId, cut),
        packs: this.packs.packs(planId, cut),
      },
    );
  }
}

/** A report or return is of one financial-year quarter ("2025-26 Q2", or "2025-26-Q2" in a path); anything else is a 400 naming `period`. */
export function quarterOf(text: string): Period {
  try {
    return requirePeriod(text.replace(/-q([1-4])$/i, ' Q$1'), ['quarter']);
  } catch (error) {
    if (error instanceof DomainError) throw new ProblemException(validationProblem([{ field: 'period', message: error.message }]));
    throw error;
  }
}
