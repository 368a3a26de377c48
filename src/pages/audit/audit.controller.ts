import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Page } from '../../access/access.decorator';
import { isIsoDate } from '../../domain/dates';
import { AuditEventDto } from '../../projections/audit-trail/audit-trail.dto';
import { AuditTrailQueries } from '../../projections/audit-trail/audit-trail.queries';
import { DomainEvent } from '../../projections/engine/fact';
import { PlanLookup } from '../../projections/shared/plan-lookup';
import { PlanParams } from '../../web/params';
import { FieldError, ProblemException } from '../../web/problem.filter';
import { formText } from '../layout/form';
import { planPage, render } from '../layout/frame';
import { Ctx, PageContext } from '../layout/page-context';
import { recordedBy } from '../layout/people';
import { formatDate, formatInstant } from '../layout/uk-time';
import { describeEvent } from './describe-event';
import { pagination } from './pagination';

export const AUDIT_PAGE_SIZE = 50;

const TYPE_LABELS: Record<string, string> = {
  MilestoneUpdated: 'Rating',
  MilestoneDueDateChanged: 'Due date changed',
  MilestoneAdded: 'Milestone added',
  PriorityAdded: 'Priority added',
  PlanCreated: 'Plan created',
  RecommendationRaised: 'Recommendation raised',
  MilestoneLinked: 'Milestone linked',
  RecommendationClosed: 'Recommendation closed',
  RecommendationReopened: 'Recommendation reopened',
  VisitRecorded: 'Visit recorded',
  VisitFindingRecorded: 'Finding',
  JudgementRecorded: 'Judgement',
  IndicatorDefined: 'Indicator defined',
  IndicatorValueRecorded: 'Indicator value',
};

/** Every recorded change to a plan, newest first, filtered by recorded date, type and person, and paged. For auditors and board members. */
@ApiExcludeController()
@Controller('plans/:planId/audit')
export class AuditPageController {
  constructor(
    private readonly plans: PlanLookup,
    private readonly audit: AuditTrailQueries,
  ) {}

  @Get()
  @Page('audit')
  async show(@Ctx() ctx: PageContext, @Param() { planId }: PlanParams, @Query() query: Record<string, unknown>): Promise<void> {
    const plan = this.plans.require(planId, ctx.cut);
    const base = `/plans/${encodeURIComponent(planId)}`;
    const filters = {
      from: formText(query.from),
      to: formText(query.to),
      type: formText(query.type),
      actor: formText(query.actor),
    };
    const errors: FieldError[] = [];
    if (filters.from && !isIsoDate(filters.from))
      errors.push({ field: 'from', message: 'Enter the “from” date as a real date, for example 2025-10-01' });
    if (filters.to && !isIsoDate(filters.to))
      errors.push({ field: 'to', message: 'Enter the “to” date as a real date, for example 2025-12-31' });
    let trail: AuditEventDto[] = [];
    if (errors.length === 0) {
      try {
        trail = this.audit.trailOf(planId, ctx.cut, {
          ...(filters.from ? { from: filters.from } : {}),
          ...(filters.to ? { to: filters.to } : {}),
          // The page lists the people of the whole range and pages newest first: it reads the range whole.
          limit: Number.MAX_SAFE_INTEGER,
        });
      } catch (error) {
        if (!(error instanceof ProblemException)) throw error;
        errors.push({ field: 'to', message: 'The “to” date must be the same as or after the “from” date' });
      }
    }
    const people = new Map<string, string>();
    for (const e of trail) people.set(e.actor.id ?? '', recordedBy(ctx, e.actor));
    const types = [...new Set(trail.map((e) => e.type))].sort();
    const chosen = trail
      .filter((e) => (!filters.type || e.type === filters.type) && (!filters.actor || e.actor.id === filters.actor))
      .reverse();
    const pages = Math.max(1, Math.ceil(chosen.length / AUDIT_PAGE_SIZE));
    const page = Math.min(pages, Math.max(1, Number.parseInt(formText(query.page), 10) || 1));
    const shown = chosen.slice((page - 1) * AUDIT_PAGE_SIZE, page * AUDIT_PAGE_SIZE);
    const kept = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== ''));
    await render(
      ctx,
      'audit/audit.njk',
      {
        ...planPage(ctx, plan, 'audit', 'audit trail', [{ text: 'Audit trail' }]),
        errors,
        fieldErrors: Object.fromEntries(errors.map((e) => [e.field, e.message])),
        filters,
        action: `${base}/audit`,
        given: ctx.timeTravel.given,
        typeItems: [
          { value: '', text: 'Any type' },
          ...types.map((t) => ({ value: t, text: TYPE_LABELS[t] ?? t, selected: t === filters.type })),
        ],
        actorItems: [
          { value: '', text: 'Anyone' },
          ...[...people].map(([id, name]) => ({ value: id, text: name, selected: id === filters.actor })),
        ],
        total: chosen.length,
        first: chosen.length === 0 ? 0 : (page - 1) * AUDIT_PAGE_SIZE + 1,
        last: (page - 1) * AUDIT_PAGE_SIZE + shown.length,
        events: shown.map((e) => ({
          position: e.position,
          recorded: formatInstant(e.recordedAt),
          appliesTo: formatDate(e.effectiveOn),
          late: e.recordedAt.slice(0, 10) > e.effectiveOn,
          type: TYPE_LABELS[e.type] ?? e.type,
          what: describeEvent({ type: e.type, data: e.data } as DomainEvent, e.streamId),
          by: people.get(e.actor.id ?? '') ?? e.actor.id ?? '',
          command: e.command,
        })),
        pagination: pagination(page, pages, (n) => ctx.link(`${base}/audit`, { ...kept, ...(n > 1 ? { page: String(n) } : {}) })),
      },
      errors.length ? 400 : 200,
    );
  }
}
