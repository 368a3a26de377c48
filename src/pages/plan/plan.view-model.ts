import { Rag, RAGS } from '../../milestone/rag';
import { PlanRow } from '../../projections/shared/plan-lookup';
import { CorrectionDto } from '../../projections/rag-board/corrections.dto';
import { BoardDto, BoardMilestoneDto } from '../../projections/rag-board/rag-board.dto';
import { RagTrendDto } from '../../projections/rag-board/rag-trend.dto';
import { VisitsQueries } from '../../projections/visits/visits.queries';
import { GRADE_LABELS, Grade, JUDGEMENT_AREA_LABELS, JUDGEMENT_AREAS, JudgementArea } from '../../visit/ofsted';
import { ragTrendChart } from '../charts/rag-trend.chart';
import { PageModel } from '../layout/frame';
import { PageContext } from '../layout/page-context';
import { recordedBy } from '../layout/people';
import { sourceNote } from '../layout/provenance';
import { RAG_TAGS, ragLabel } from '../layout/rag';
import { formatDate, formatInstant } from '../layout/uk-time';

export interface PlanFilters {
  rag?: Rag;
  priority?: string;
  declined: boolean;
}

/** The board's filters from the address; anything it does not know means "all". */
export function planFilters(query: Record<string, unknown>, priorityIds: readonly string[]): PlanFilters {
  const rag = RAGS.find((r) => r === query.rag);
  const priority = typeof query.priority === 'string' && priorityIds.includes(query.priority) ? query.priority : undefined;
  return { ...(rag ? { rag } : {}), ...(priority ? { priority } : {}), declined: query.view === 'declined' };
}

const GRADE_CLASSES: Record<Grade, string> = {
  outstanding: 'govuk-tag--blue',
  good: 'govuk-tag--green',
  'requires-improvement': 'govuk-tag--yellow',
  inadequate: 'govuk-tag--red',
};

const areaOrder = (area: string) => (JUDGEMENT_AREAS as readonly string[]).indexOf(area);

/** The judgements of the latest visit that gave any, by asOf, in the framework's order of areas. */
function latestJudgements(latest: PlanPageData['judgements']) {
  if (!latest) return null;
  return {
    visit: `${latest.visit.kind === 'ilacs' ? 'ILACS inspection' : 'Visit'} ending ${formatDate(latest.visit.endDate)}`,
    items: [...latest.judgements]
      .sort((a, b) => areaOrder(a.area) - areaOrder(b.area))
      .map((j) => ({
        area: JUDGEMENT_AREA_LABELS[j.area as JudgementArea] ?? j.area,
        grade: GRADE_LABELS[j.grade as Grade] ?? j.grade,
        classes: GRADE_CLASSES[j.grade as Grade] ?? 'govuk-tag--grey',
      })),
  };
}

const DIRECTION = {
  improved: { symbol: '↑', word: 'Improved' },
  declined: { symbol: '↓', word: 'Declined' },
  unchanged: { symbol: '→', word: 'Unchanged' },
} as const;

export function directionOf(m: Pick<BoardMilestoneDto, 'direction' | 'previousRag' | 'previousPeriod' | 'rag'>) {
  if (m.rag === 'not-rated') return { symbol: '', text: '' };
  if (!m.direction) return { symbol: '', text: m.previousPeriod ? `Not rated in ${m.previousPeriod}` : '' };
  const d = DIRECTION[m.direction];
  return {
    symbol: d.symbol,
    text:
      m.direction === 'unchanged'
        ? `${d.word} since ${m.previousPeriod}`
        : `${d.word} from ${ragLabel(m.previousRag!)} in ${m.previousPeriod}`,
  };
}

/**
 * "Changed after it was first reported": the first report, and when, by whom and why it last changed.
 * `changes` are one quarter's corrections, oldest first, one per report after the first.
 */
export function correctionNote(ctx: PageContext, changes: readonly CorrectionDto[]): string {
  const last = changes[changes.length - 1]!;
  const why = last.reason ? `: “${last.reason}”` : '';
  const times = changes.length > 1 ? ` (changed ${changes.length} times)` : '';
  return (
    `First reported as ${ragLabel(last.firstReportedRag)} on ${formatInstant(last.firstReportedAt)}. ` +
    `Changed to ${ragLabel(last.after.rag)} on ${formatInstant(last.after.recordedAt)} by ${recordedBy(ctx, last.after.actor)}${why}${times}.`
  );
}

/** "Changed after the board saw it": a rating recorded for its quarter after that quarter's pack went to the board. */
export const afterPackNote = (period: string, pack: { packId: string; issuedAt: string }): string =>
  `Recorded after board pack ${pack.packId} for ${period} was sent to the board on ${formatInstant(pack.issuedAt)}: the board saw an earlier rating.`;

/** The start of a commentary, to a sentence's end where one falls late enough; the milestone page has it all. */
export function excerpt(text: string, length = 320): { text: string; cut: boolean } {
  if (text.length <= length) return { text, cut: false };
  const head = text.slice(0, length);
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('.\n'));
  const end = sentence > length / 2 ? sentence + 1 : head.lastIndexOf(' ') > 0 ? head.lastIndexOf(' ') : length;
  return { text: `${text.slice(0, end).trimEnd()} …`, cut: true };
}

export interface PlanPageData {
  plan: PlanRow;
  board: BoardDto;
  judgements: ReturnType<VisitsQueries['latestJudgements']>;
  trend: RagTrendDto;
  corrections: CorrectionDto[];
  filters: PlanFilters;
}

export function planViewModel(
  ctx: PageContext,
  { plan, board, judgements, trend, corrections, filters }: PlanPageData,
): PageModel {
  const planId = plan.plan_id;
  const base = `/plans/${encodeURIComponent(planId)}`;
  const corrected = new Map<string, CorrectionDto[]>();
  for (const c of corrections) {
    const key = `${c.milestoneId}\u0000${c.period}`;
    corrected.set(key, [...(corrected.get(key) ?? []), c]);
  }
  const all = board.priorities.flatMap((p) => p.milestones);
  const matches = (m: BoardMilestoneDto, priorityId: string) =>
    (!filters.rag || m.rag === filters.rag) &&
    (!filters.priority || priorityId === filters.priority) &&
    (!filters.declined || m.direction === 'declined');
  const priorities = board.priorities
    .map((p) => ({
      priorityId: p.priorityId,
      title: p.title,
      updateHref: ctx.link(`${base}/quarterly-update`, { priority: p.priorityId }),
      milestones: p.milestones
        .filter((m) => matches(m, p.priorityId))
        .map((m) => {
          const correction = m.period ? corrected.get(`${m.milestoneId}\u0000${m.period}`) : undefined;
          return {
            milestoneId: m.milestoneId,
            title: m.title,
            href: ctx.link(`${base}/milestones/${encodeURIComponent(m.milestoneId)}`),
            rag: m.rag,
            forecastRag: m.forecastRag,
            period: m.period,
            commentary: m.commentary === null ? null : excerpt(m.commentary),
            direction: directionOf(m),
            correction: correction ? correctionNote(ctx, correction) : null,
            afterPack: m.changedAfterPack ? afterPackNote(m.period!, m.changedAfterPack) : null,
            mark: sourceNote(m.provenance)?.mark ?? null,
          };
        }),
    }))
    .filter((p) => p.milestones.length > 0);
  const shown = priorities.reduce((n, p) => n + p.milestones.length, 0);
  const chart = ragTrendChart(trend, plan.local_authority);
  const filtered = filters.rag !== undefined || filters.priority !== undefined || filters.declined;
  return {
    pageTitle: `${plan.local_authority}: the board`,
    section: 'board',
    plan: { planId, localAuthority: plan.local_authority },
    breadcrumbs: [{ text: 'Plans', href: ctx.link('/') }, { text: plan.local_authority }],
    title: plan.title,
    localAuthority: plan.local_authority,
    asOf: board.asOf,
    totals: RAGS.map((rag) => ({
      rag,
      count: board.totals[rag === 'not-rated' ? 'notRated' : rag],
      meaning: RAG_TAGS[rag].meaning,
    })),
    judgements: latestJudgements(judgements),
    chart,
    filters: {
      ragItems: [
        { value: '', text: 'Any rating' },
        ...RAGS.map((r) => ({ value: r, text: RAG_TAGS[r].label, selected: filters.rag === r })),
      ],
      priorityItems: [
        { value: '', text: 'Every priority' },
        ...board.priorities.map((p) => ({
          value: p.priorityId,
          text: `${p.priorityId}: ${p.title}`,
          selected: filters.priority === p.priorityId,
        })),
      ],
      declined: filters.declined,
      action: base,
      given: ctx.timeTravel.given,
      clearHref: ctx.link(base),
      declinedHref: ctx.link(base, { view: 'declined' }),
      active: filtered,
    },
    declinedCount: all.filter((m) => m.direction === 'declined').length,
    correctedCount: all.filter((m) => m.period && corrected.has(`${m.milestoneId}\u0000${m.period}`)).length,
    afterPackCount: all.filter((m) => m.changedAfterPack).length,
    reportsHref: ctx.link(`${base}/reports`),
    shown,
    total: all.length,
    priorities,
    canUpdate: ctx.may('write', planId) && !ctx.inThePast,
    updateHref: ctx.link(`${base}/quarterly-update`),
  };
}
