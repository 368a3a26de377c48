import { parsePeriod, Period, previousQuarter } from '../../domain/period';
import { Rag, RAGS } from '../../milestone/rag';
import { BoardPackDto } from '../../projections/board-packs/board-packs.dto';
import { IndicatorDto, IndicatorValueDto } from '../../projections/indicators/indicators.dto';
import { RagTotals, countRag, directionOf, emptyTotals } from '../../projections/rag-board/direction';
import { BoardDto, BoardMilestoneDto } from '../../projections/rag-board/rag-board.dto';
import { HistoryEntryDto, RecommendationHistoryDto } from '../../projections/recommendations/recommendation-history.dto';
import { RecommendationDto } from '../../projections/recommendations/recommendations.dto';
import { VisitDto } from '../../projections/visits/visits.dto';

/** The moment a report shows, named in every file so that it can be made again byte for byte. */
export interface ReportMoment {
  asOf: string;
  knownAt: string;
  /** The last log position of the plan's facts recorded by knownAt (null: nothing recorded yet). */
  lastPosition: number | null;
  /**
   * The log's hash chain at lastPosition: with the position, the head the report reflects. It stands for
   * the whole log up to there, so `npm run verify -- --head <lastPosition>:<lastHash>` shows later whether
   * anything behind the report was changed.
   */
  lastHash: string | null;
}

export type Change = 'improved' | 'declined' | 'unchanged' | 'first-rating' | 'not-rated';

export interface ReportMilestone {
  priorityId: string;
  milestoneId: string;
  title: string;
  owner: string | null;
  /** The rating for the report's period; "not-rated" when there is none. */
  rag: Rag;
  commentary: string | null;
  /** A note kept with the rating, such as what the council's paper printed where no symbol could be read. */
  note: string | null;
  /** The rating of the quarter before, as known at the same moment. */
  previousRag: Rag | null;
  change: Change;
  changedAfterPack: { packId: string; issuedAt: string } | null;
  /** When the period has no rating: the last one given before it, which the board saw then. */
  lastRated: { period: string; rag: Rag } | null;
}

export interface ReportPriority {
  priorityId: string;
  title: string;
  totals: RagTotals;
  milestones: ReportMilestone[];
}

export interface ReportRecommendation {
  recommendationId: string;
  text: string;
  status: 'open' | 'closed';
  raisedOn: string;
  closedOn: string | null;
  linkedMilestoneIds: string[];
  /** The visit the "since" runs from: the last one by asOf, else the one that raised it. */
  since: Pick<ReportVisit, 'visitId' | 'kind' | 'startDate' | 'endDate' | 'datePrecision'> | null;
  /** What was recorded about it since then, the latest last; `earlier` more are left out. */
  sinceLastVisit: HistoryEntryDto[];
  earlier: number;
}

export interface ReportVisit {
  visitId: string;
  kind: string;
  startDate: string;
  endDate: string;
  datePrecision: string | null;
  inspectors: string[];
  areas: string[];
  judgements: Array<{ area: string; grade: string }>;
  findings: Array<{ text: string; assessment: string; recommendationIds: string[] }>;
}

export interface ReportIndicator {
  indicatorId: string;
  title: string;
  unit: string;
  latest: IndicatorValueDto | null;
  before: IndicatorValueDto | null;
}

export interface QuarterlyReport {
  plan: { planId: string; localAuthority: string; title: string };
  period: Period;
  previousPeriod: string | null;
  moment: ReportMoment;
  totals: RagTotals;
  priorities: ReportPriority[];
  declined: ReportMilestone[];
  changedAfterPacks: ReportMilestone[];
  recommendations: ReportRecommendation[];
  visits: { since: string; items: ReportVisit[]; lastBefore: ReportVisit | null };
  indicators: ReportIndicator[];
  trend: Array<{ period: string; totals: RagTotals }>;
}

/** What the report is built from: the answers of the same queries the API serves. */
export interface ReportSources {
  plan: { planId: string; localAuthority: string; title: string };
  period: Period;
  moment: ReportMoment;
  /** The board as of the earlier of asOf and the period's end. */
  board: BoardDto;
  /** For each period of the chart, the board as of its last day. */
  trendBoards: Array<{ period: string; board: BoardDto }>;
  recommendations: RecommendationDto[];
  histories: RecommendationHistoryDto[];
  visits: VisitDto[];
  indicators: IndicatorDto[];
  packs: BoardPackDto[];
}

const MAX_SINCE_ENTRIES = 6;

const dayAfter = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const asRag = (value: string | null): Rag | null => (value !== null && (RAGS as readonly string[]).includes(value) ? (value as Rag) : null);

function milestoneRow(priorityId: string, m: BoardMilestoneDto, period: string): ReportMilestone {
  const rated = m.period === period;
  const rag = rated ? (asRag(m.rag) ?? 'not-rated') : 'not-rated';
  // The board gives the quarter before the rating shown: that is this period's previous quarter only when rated in it.
  const previousRag = rated ? asRag(m.previousRag) : m.period === previousQuarter(period) ? asRag(m.rag) : null;
  const direction = directionOf(rag, previousRag);
  const change: Change = rag === 'not-rated' ? 'not-rated' : (direction ?? 'first-rating');
  return {
    priorityId,
    milestoneId: m.milestoneId,
    title: m.title,
    owner: m.owner,
    rag,
    commentary: rated ? m.commentary : null,
    note: rated ? m.note : null,
    previousRag,
    change,
    changedAfterPack: rated ? m.changedAfterPack : null,
    lastRated: !rated && m.period !== null ? { period: m.period, rag: asRag(m.rag) ?? 'not-rated' } : null,
  };
}

const totalsOfRows = (rows: readonly { rag: string }[]): RagTotals => {
  const totals = emptyTotals();
  for (const row of rows) countRag(totals, row.rag);
  return totals;
};

function recommendationRow(rec: RecommendationDto, history: RecommendationHistoryDto | undefined, visits: Map<string, VisitDto>): ReportRecommendation {
  const last = history?.segments[history.segments.length - 1];
  const entries = (last?.entries ?? []).filter((e) => e.type !== 'RecommendationRaised');
  const from = last?.from ? visits.get(last.from.visitId) : undefined;
  return {
    recommendationId: rec.recommendationId,
    text: rec.text,
    status: rec.status,
    raisedOn: rec.raisedOn,
    closedOn: rec.closedOn ?? null,
    linkedMilestoneIds: rec.linkedMilestoneIds,
    since: from ? { visitId: from.visitId, kind: from.kind, startDate: from.startDate, endDate: from.endDate, datePrecision: from.datePrecision } : null,
    sinceLastVisit: entries.slice(-MAX_SINCE_ENTRIES),
    earlier: Math.max(0, entries.length - MAX_SINCE_ENTRIES),
  };
}

const visitRow = (v: VisitDto): ReportVisit => ({
  visitId: v.visitId,
  kind: v.kind,
  startDate: v.startDate,
  endDate: v.endDate,
  datePrecision: v.datePrecision,
  inspectors: v.inspectors,
  areas: v.areas,
  judgements: v.judgements.map((j) => ({ area: j.area, grade: j.grade })),
  findings: v.findings.map((f) => ({ text: f.text, assessment: f.assessment, recommendationIds: f.recommendationIds })),
});

/** The indicator's latest value for a period begun by the report period's end (a year's budget counts), and the one before it. */
function indicatorRow(indicator: IndicatorDto, periodEnd: string): ReportIndicator {
  const shown = indicator.values.filter((v) => (parsePeriod(v.period)?.start ?? v.effectiveOn) <= periodEnd);
  return {
    indicatorId: indicator.indicatorId,
    title: indicator.title,
    unit: indicator.unit,
    latest: shown[shown.length - 1] ?? null,
    before: shown[shown.length - 2] ?? null,
  };
}

/**
 * The quarterly report in the council's own order, from the query answers: a pure function, so the
 * same sources always give the same report.
 */
export function buildQuarterlyReport(sources: ReportSources): QuarterlyReport {
  const endOf = (text: string): string | undefined => parsePeriod(text)?.end;
  const { period, board, packs } = sources;
  const priorities: ReportPriority[] = board.priorities.map((p) => {
    const milestones = p.milestones.map((m) => milestoneRow(p.priorityId, m, period.text));
    return { priorityId: p.priorityId, title: p.title, totals: totalsOfRows(milestones), milestones };
  });
  const all = priorities.flatMap((p) => p.milestones);
  const histories = new Map(sources.histories.map((h) => [h.recommendationId, h]));
  // "Since the last report": after the asOf of the last pack issued for an earlier period, else from the period's start.
  const earlier = packs.filter((p) => (endOf(p.period) ?? '') < period.end).pop();
  const since = earlier ? dayAfter(earlier.asOf) : period.start;
  const visitsById = new Map(sources.visits.map((v) => [v.visitId, v]));
  const byEnd = [...sources.visits].sort((a, b) => (a.endDate < b.endDate ? -1 : a.endDate > b.endDate ? 1 : 0));
  const shown = byEnd.filter((v) => v.endDate <= sources.moment.asOf);
  const items = shown.filter((v) => v.endDate >= since);
  const before = shown.filter((v) => v.endDate < since).pop();
  return {
    plan: sources.plan,
    period,
    previousPeriod: previousQuarter(period.text) ?? null,
    moment: sources.moment,
    totals: totalsOfRows(all),
    priorities,
    declined: all.filter((m) => m.change === 'declined'),
    changedAfterPacks: all.filter((m) => m.changedAfterPack !== null),
    recommendations: sources.recommendations.map((r) => recommendationRow(r, histories.get(r.recommendationId), visitsById)),
    visits: { since, items: items.map(visitRow), lastBefore: before ? visitRow(before) : null },
    indicators: sources.indicators.map((i) => indicatorRow(i, period.end)),
    trend: sources.trendBoards.map(({ period: q, board: b }) => ({
      period: q,
      totals: totalsOfRows(b.priorities.flatMap((p) => p.milestones.map((m) => ({ rag: m.period === q ? m.rag : 'not-rated' })))),
    })),
  };
}
