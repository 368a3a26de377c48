import { BoardPackDto } from '../../projections/board-packs/board-packs.dto';
import { comparePeriods } from '../../domain/period';
import { PlanRow } from '../../projections/shared/plan-lookup';
import { CorrectionDto } from '../../projections/rag-board/corrections.dto';
import { MilestoneHistoryDto } from '../../projections/rag-board/milestone-history.dto';
import { RecommendationDto } from '../../projections/recommendations/recommendations.dto';
import { FieldError } from '../../web/problem.filter';
import { ratingsChart } from '../charts/ratings.chart';
import { PageModel } from '../layout/frame';
import { PageContext } from '../layout/page-context';
import { recordedBy } from '../layout/people';
import { sourceNote } from '../layout/provenance';
import { ragLabel } from '../layout/rag';
import { formatDate, formatInstant } from '../layout/uk-time';
import { defaultPeriod, forecastItems, periodChoices, ragItems } from '../quarterly-update/quarterly-update.view-model';
import { afterPackNote } from '../plan/plan.view-model';

/** The update form as typed (or as it starts). */
export interface MilestoneForm {
  period: string;
  rag: string;
  commentary: string;
  forecastRag: string;
  reason: string;
  revision: string;
}

/** The form starts on the quarter just ended, from its rating if it has one, else from the latest before it. */
export function startingForm(history: MilestoneHistoryDto): MilestoneForm {
  const period = defaultPeriod();
  const current = history.updates.filter((u) => !u.superseded && comparePeriods(u.period, period) <= 0).at(-1);
  return {
    period,
    rag: current?.rag ?? '',
    commentary: current?.commentary ?? '',
    forecastRag: current?.forecastRag ?? '',
    reason: '',
    revision: String(history.revision),
  };
}

export interface MilestonePageData {
  plan: PlanRow;
  history: MilestoneHistoryDto;
  /** Its reports that changed an earlier report of their quarter, one each. */
  corrections: CorrectionDto[];
  /** The same milestone's history as recorded now, for the form (the page may show another moment). */
  form: MilestoneForm;
  errors: FieldError[];
  conflict?: string;
  recommendations: RecommendationDto[];
  priorityTitle: string;
  owner: string | null;
  dueOn: string | null;
  /** The last pack sent to the board for each quarter, by the moment shown. */
  packs: Map<string, BoardPackDto>;
}

/** A rating recorded for its quarter after the quarter's last pack was sent: what the board saw has since changed. */
function afterPackOf(u: { period: string; position: number }, packs: Map<string, BoardPackDto>): string | null {
  const pack = packs.get(u.period);
  return pack && u.position > pack.lastPosition ? afterPackNote(u.period, pack) : null;
}

export function milestoneViewModel(ctx: PageContext, d: MilestonePageData): PageModel {
  const planId = d.plan.plan_id;
  const { history } = d;
  const base = `/plans/${encodeURIComponent(planId)}`;
  const href = `${base}/milestones/${encodeURIComponent(history.milestoneId)}`;
  const counting = history.updates.filter((u) => !u.superseded);
  const latest = counting.at(-1);
  const corrections = new Map(d.corrections.map((c) => [c.position, c]));
  const fieldErrors = Object.fromEntries(d.errors.map((e) => [e.field, e.message]));
  const rated = [...new Set(history.updates.map((u) => u.period))].reverse();
  const periods = [...new Set([...periodChoices(), ...rated])].sort((a, b) => comparePeriods(b, a));
  return {
    pageTitle: `${history.milestoneId}: ${history.title}`,
    section: 'board',
    plan: { planId, localAuthority: d.plan.local_authority },
    breadcrumbs: [
      { text: 'Plans', href: ctx.link('/') },
      { text: d.plan.local_authority, href: ctx.link(base) },
      { text: history.milestoneId },
    ],
    localAuthority: d.plan.local_authority,
    milestoneId: history.milestoneId,
    title: history.title,
    summary: [
      { key: 'Priority', value: `${history.priorityId}: ${d.priorityTitle}` },
      { key: 'Owner', value: d.owner ?? 'Not recorded' },
      {
        key: 'Due',
        value: d.dueOn
          ? formatDate(d.dueOn) +
            (history.dueDateChanges.length
              ? ` (changed ${history.dueDateChanges.length} ${history.dueDateChanges.length === 1 ? 'time' : 'times'})`
              : '')
          : 'Not recorded',
      },
    ],
    latest: latest ? { rag: latest.rag, period: latest.period, forecastRag: latest.forecastRag } : null,
    chart: counting.length
      ? ratingsChart(
          {
            id: 'milestone-ratings',
            title: `${history.milestoneId}: its rating each quarter`,
            description: `Ratings of ${history.milestoneId}, quarter by quarter: ${counting.map((u) => `${u.period} ${ragLabel(u.rag)}`).join(', ')}. The table below gives each with its commentary.`,
          },
          counting.map((u) => ({ period: u.period, rag: u.rag })),
        )
      : null,
    updates: [...history.updates].reverse().map((u) => {
      const correction = corrections.get(u.position);
      return {
        period: u.period,
        rag: u.rag,
        forecastRag: u.forecastRag,
        commentary: u.commentary,
        effectiveOn: formatDate(u.effectiveOn),
        recorded: `${formatInstant(u.recordedAt)} by ${recordedBy(ctx, u.actor)}`,
        superseded: u.superseded,
        /** A report that changed an earlier one of its quarter: a change after the fact, and what it changed. */
        corrects: correction !== undefined,
        changedFrom: correction
          ? `Changed from ${ragLabel(correction.before.rag)}, reported ${formatInstant(correction.before.recordedAt)} by ${recordedBy(ctx, correction.before.actor)}` +
            (correction.before.rag === correction.firstReportedRag && correction.before.recordedAt === correction.firstReportedAt
              ? '.'
              : ` (first reported as ${ragLabel(correction.firstReportedRag)} on ${formatInstant(correction.firstReportedAt)}).`)
          : null,
        reason: u.reason,
        afterPack: afterPackOf(u, d.packs),
        note: u.note,
        source: sourceNote(u.provenance),
      };
    }),
    dueDateChanges: history.dueDateChanges.map((c) => ({
      dueOn: formatDate(c.dueOn),
      previousDueOn: c.previousDueOn ? formatDate(c.previousDueOn) : 'None',
      reason: c.reason,
      recorded: `${formatInstant(c.recordedAt)} by ${recordedBy(ctx, c.actor)}`,
    })),
    recommendations: d.recommendations.map((r) => ({
      recommendationId: r.recommendationId,
      text: r.text,
      status: r.status,
      href: ctx.link(`${base}/recommendations/${encodeURIComponent(r.recommendationId)}`),
    })),
    canUpdate: ctx.may('write', planId) && !ctx.inThePast,
    form: {
      action: href,
      ...d.form,
      periodItems: periods.map((p) => ({
        value: p,
        text: p + (rated.includes(p) ? ' (rated: a change is a correction)' : ''),
        selected: p === d.form.period,
      })),
      ragItems: ragItems(d.form.rag),
      forecastItems: forecastItems(d.form.forecastRag),
      csrfToken: ctx.csrfToken(),
      errors: fieldErrors,
      conflict: d.conflict ?? null,
    },
    errors: d.errors,
  };
}
