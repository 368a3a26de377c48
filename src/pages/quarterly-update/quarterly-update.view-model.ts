import { parsePeriod, previousQuarter, quarterContaining, quartersBetween } from '../../domain/period';
import { FORECAST_RAGS, RAGS } from '../../milestone/rag';
import { PlanRow } from '../../projections/shared/plan-lookup';
import { BoardDto } from '../../projections/rag-board/rag-board.dto';
import { PeriodRating } from '../../projections/rag-board/rag-board.queries';
import { FieldError } from '../../web/problem.filter';
import { PageModel } from '../layout/frame';
import { PageContext } from '../layout/page-context';
import { recordedBy } from '../layout/people';
import { RAG_TAGS } from '../layout/rag';
import { formatDate, formatInstant, ukToday } from '../layout/uk-time';
import { excerpt } from '../plan/plan.view-model';
import { RowField, RowInput } from './quarterly-update.form';

/** The quarter just ended: the one a board usually reports on. */
export const defaultPeriod = (today = ukToday()): string => previousQuarter(quarterContaining(today))!;

/** The quarters offered: the one in progress and the four before it. */
export const periodChoices = (today = ukToday()): string[] => {
  const current = quarterContaining(today);
  return quartersBetween('2000-01 Q1', current, 5).reverse();
};

export interface FormRow {
  milestoneId: string;
  title: string;
  priorityId: string;
  owner: string | null;
  dueOn: string | null;
  /** Last quarter's rating, for reference. */
  last: PeriodRating | undefined;
  /** This quarter's rating as it stands, if there is one: changing it is a correction. */
  current: PeriodRating | undefined;
  input: RowInput;
  errors: Partial<Record<RowField, string>>;
  /** Someone else changed the milestone since the form was loaded: what it is now. */
  conflict?: string;
}

export interface QuarterlyForm {
  plan: PlanRow;
  board: BoardDto;
  period: string;
  priorityId?: string;
  rows: FormRow[];
  errors: FieldError[];
  conflicts: number;
}

/** The form's rows from the board and the two quarters' ratings; what was typed wins over what is stored. */
export function formRows(
  board: BoardDto,
  ratings: Map<string, Map<string, PeriodRating>>,
  period: string,
  priorityId?: string,
): FormRow[] {
  const before = previousQuarter(period)!;
  return board.priorities
    .filter((p) => priorityId === undefined || p.priorityId === priorityId)
    .flatMap((p) =>
      p.milestones.map((m): FormRow => {
        const last = ratings.get(m.milestoneId)?.get(before);
        const current = ratings.get(m.milestoneId)?.get(period);
        const start = current ?? last;
        return {
          milestoneId: m.milestoneId,
          title: m.title,
          priorityId: p.priorityId,
          owner: m.owner,
          dueOn: m.dueOn,
          last,
          current,
          input: {
            milestoneId: m.milestoneId,
            rag: start?.rag ?? '',
            commentary: start?.commentary ?? '',
            forecastRag: start?.forecastRag ?? '',
            reason: '',
            revision: String(m.revision),
          },
          errors: {},
        };
      }),
    );
}

export const ragItems = (selected: string) =>
  RAGS.map((rag) => ({
    value: rag,
    html: `<span class="app-rag__symbol" aria-hidden="true">${RAG_TAGS[rag].symbol}</span> ${RAG_TAGS[rag].label}`,
    checked: selected === rag,
  }));

export const forecastItems = (selected: string) => [
  { value: '', text: 'No forecast', selected: selected === '' },
  ...FORECAST_RAGS.map((rag) => ({ value: rag, text: RAG_TAGS[rag].label, selected: selected === rag })),
];

export function quarterlyViewModel(ctx: PageContext, form: QuarterlyForm): PageModel {
  const planId = form.plan.plan_id;
  const base = `/plans/${encodeURIComponent(planId)}`;
  const end = parsePeriod(form.period)!.end;
  const priority = form.board.priorities.find((p) => p.priorityId === form.priorityId);
  const describe = (r: PeriodRating) => ({
    rag: r.rag,
    commentary: excerpt(r.commentary, 240).text,
    recorded: `${formatInstant(r.recordedAt)} by ${recordedBy(ctx, r.actor)}`,
  });
  const groups = new Map<string, { priorityId: string; title: string; rows: unknown[] }>();
  form.rows.forEach((row, index) => {
    const group = groups.get(row.priorityId) ?? {
      priorityId: row.priorityId,
      title: form.board.priorities.find((p) => p.priorityId === row.priorityId)?.title ?? '',
      rows: [],
    };
    group.rows.push({
      index,
      milestoneId: row.milestoneId,
      title: row.title,
      owner: row.owner,
      dueOn: row.dueOn ? formatDate(row.dueOn) : null,
      last: row.last ? describe(row.last) : null,
      current: row.current ? describe(row.current) : null,
      input: row.input,
      errors: row.errors,
      conflict: row.conflict ?? null,
      ragItems: ragItems(row.input.rag),
      forecastItems: forecastItems(row.input.forecastRag),
    });
    groups.set(row.priorityId, group);
  });
  const scope = priority ? `${priority.priorityId}` : 'the whole plan';
  return {
    pageTitle: `Quarterly update, ${form.period}: ${scope}`,
    section: 'quarterly-update',
    plan: { planId, localAuthority: form.plan.local_authority },
    breadcrumbs: [{ text: 'Plans', href: '/' }, { text: form.plan.local_authority, href: base }, { text: 'Quarterly update' }],
    localAuthority: form.plan.local_authority,
    period: form.period,
    previousPeriod: previousQuarter(form.period),
    periodEnd: formatDate(end),
    scope,
    priority: priority ? { priorityId: priority.priorityId, title: priority.title } : null,
    choosePeriods: periodChoices().map((p) => ({ value: p, text: p, selected: p === form.period })),
    choosePriorities: [
      { value: '', text: 'The whole plan', selected: !priority },
      ...form.board.priorities.map((p) => ({
        value: p.priorityId,
        text: `${p.priorityId}: ${p.title}`,
        selected: p.priorityId === form.priorityId,
      })),
    ],
    action: `${base}/quarterly-update`,
    groups: [...groups.values()],
    rowCount: form.rows.length,
    errors: form.errors,
    conflicts: form.conflicts,
    csrfToken: ctx.csrfToken(),
    closed: ctx.inThePast,
    todayHref: `${base}/quarterly-update`,
  };
}
