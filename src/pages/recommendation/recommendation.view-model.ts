import { PlanRow } from '../../projections/shared/plan-lookup';
import { BoardMilestoneDto } from '../../projections/rag-board/rag-board.dto';
import {
  HistoryEntryDto,
  RecommendationHistoryDto,
  VisitRefDto,
} from '../../projections/recommendations/recommendation-history.dto';
import { FieldError } from '../../web/problem.filter';
import { PageModel } from '../layout/frame';
import { PageContext } from '../layout/page-context';
import { recordedBy } from '../layout/people';
import { sourceNote } from '../layout/provenance';
import { ragLabel } from '../layout/rag';
import { VISIT_KINDS } from '../layout/template-helpers';
import { formatDate, formatInstant } from '../layout/uk-time';
import { excerpt } from '../plan/plan.view-model';

/** The closure and reopening forms, as typed. */
export interface DecisionForm {
  reason: string;
  evidence: string;
  effectiveOn: string;
  revision: string;
}

/** "the monitoring visit ending 1 November 2025", "the ILACS inspection ending 24 May 2024". */
const visitName = (v: VisitRefDto) => {
  const kind = VISIT_KINDS[v.kind] ?? 'Visit';
  return `the ${kind.startsWith('ILACS') ? kind : kind.toLowerCase()} ending ${formatDate(v.endDate)}`;
};

function describe(entry: HistoryEntryDto): { label: string; text: string; rag?: string } {
  switch (entry.type) {
    case 'RecommendationRaised':
      return { label: 'Raised', text: entry.summary.replace(/^Raised(?: by [^:]+)?: /, '') };
    case 'MilestoneLinked':
      return { label: 'Milestone linked', text: `${entry.milestoneId} works towards this recommendation.` };
    case 'RecommendationClosed':
      return { label: 'Closed', text: `${entry.reason}. Evidence: ${(entry.evidence ?? []).join('; ')}.` };
    case 'RecommendationReopened':
      return { label: 'Reopened', text: `${entry.reason}.` };
    case 'VisitFindingRecorded':
      return {
        label: `Finding (${(entry.assessment ?? '').replace(/-/g, ' ')})`,
        text: entry.summary.replace(/^Visit [^ ]+ found \([^)]*\): /, ''),
      };
    case 'MilestoneUpdated':
      return {
        label: `${entry.milestoneId} rated ${ragLabel(entry.rag ?? '')} for ${entry.period}`,
        text: `${entry.reason ? `Corrected: ${entry.reason}. ` : ''}${excerpt(entry.summary.replace(/^.*?: /, '')).text}`,
        rag: entry.rag,
      };
    default: {
      const _exhaustive: never = entry.type;
      return { label: String(_exhaustive), text: entry.summary };
    }
  }
}

export interface RecommendationPageData {
  plan: PlanRow;
  history: RecommendationHistoryDto;
  source: string | null;
  milestones: BoardMilestoneDto[];
  form: DecisionForm;
  errors: FieldError[];
  conflict?: string;
}

export function recommendationViewModel(ctx: PageContext, d: RecommendationPageData): PageModel {
  const planId = d.plan.plan_id;
  const base = `/plans/${encodeURIComponent(planId)}`;
  const { history } = d;
  const href = `${base}/recommendations/${encodeURIComponent(history.recommendationId)}`;
  const origin = history.segments[0]?.from ?? null;
  return {
    pageTitle: `${history.recommendationId}: ${history.status === 'open' ? 'open' : 'closed'} recommendation`,
    section: 'recommendations',
    plan: { planId, localAuthority: d.plan.local_authority },
    breadcrumbs: [
      { text: 'Plans', href: ctx.link('/') },
      { text: d.plan.local_authority, href: ctx.link(base) },
      { text: 'Recommendations', href: ctx.link(`${base}/recommendations`) },
      { text: history.recommendationId },
    ],
    localAuthority: d.plan.local_authority,
    recommendationId: history.recommendationId,
    text: history.text,
    status: history.status,
    raised: `Raised on ${formatDate(history.raisedOn)}${origin ? ` by ${visitName(origin)}` : d.source ? ` by ${d.source}` : ''}`,
    milestones: d.milestones.map((m) => ({
      milestoneId: m.milestoneId,
      title: m.title,
      rag: m.rag,
      period: m.period,
      href: ctx.link(`${base}/milestones/${encodeURIComponent(m.milestoneId)}`),
    })),
    segments: [...history.segments].reverse().map((s) => ({
      heading: s.to ? `Up to ${visitName(s.to)}` : 'Since the latest visit',
      from: s.from ? `From ${visitName(s.from)}` : `From ${formatDate(history.raisedOn)}`,
      entries: [...s.entries].reverse().map((e) => ({
        ...describe(e),
        date: formatDate(e.effectiveOn),
        by: recordedBy(ctx, e.actor),
        /** Recorded after the day it applies to: say when. */
        recordedLate: e.recordedAt.slice(0, 10) > e.effectiveOn ? formatInstant(e.recordedAt) : null,
        type: e.type,
        source: sourceNote(e.provenance),
      })),
    })),
    canDecide: ctx.may('write', planId) && !ctx.inThePast,
    form: {
      ...d.form,
      action: `${href}/${history.status === 'open' ? 'closure' : 'reopening'}`,
      closing: history.status === 'open',
      csrfToken: ctx.csrfToken(),
      errors: Object.fromEntries(d.errors.map((e) => [e.field, e.message])),
      conflict: d.conflict ?? null,
    },
    errors: d.errors,
  };
}
