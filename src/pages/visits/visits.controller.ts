import { Controller, Get, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Page } from '../../access/access.decorator';
import { PlanLookup } from '../../projections/shared/plan-lookup';
import { VisitsQueries } from '../../projections/visits/visits.queries';
import { GRADE_LABELS, Grade, JUDGEMENT_AREA_LABELS, JudgementArea } from '../../visit/ofsted';
import { PlanParams } from '../../web/params';
import { planPage, render } from '../layout/frame';
import { Ctx, PageContext } from '../layout/page-context';
import { sourceNote } from '../layout/provenance';
import { VISIT_KINDS } from '../layout/template-helpers';
import { formatDate } from '../layout/uk-time';

const ASSESSMENT_TAGS: Record<string, { text: string; classes: string }> = {
  progress: { text: 'Progress', classes: 'govuk-tag--green' },
  'insufficient-progress': { text: 'Insufficient progress', classes: 'govuk-tag--red' },
  strength: { text: 'Strength', classes: 'govuk-tag--blue' },
  'area-for-improvement': { text: 'Area for improvement', classes: 'govuk-tag--yellow' },
};

/** "13 to 24 May 2024", "14 to 15 January 2025", "2 July 2025". */
const dateRange = (start: string, end: string) => {
  if (start === end) return formatDate(start);
  const [from, to] = [formatDate(start), formatDate(end)];
  const [d1, m1, y1] = from.split(' ');
  const [, m2, y2] = to.split(' ');
  return y1 === y2 && m1 === m2 ? `${d1} to ${to}` : y1 === y2 ? `${d1} ${m1} to ${to}` : `${from} to ${to}`;
};

/** Ofsted's visits to the plan's council: dates, inspectors, areas, judgements and findings, linked to the recommendations they name. */
@ApiExcludeController()
@Controller('plans/:planId/visits')
export class VisitsPageController {
  constructor(
    private readonly plans: PlanLookup,
    private readonly visits: VisitsQueries,
  ) {}

  @Get()
  @Page('read')
  async show(@Ctx() ctx: PageContext, @Param() { planId }: PlanParams): Promise<void> {
    const plan = this.plans.require(planId, ctx.cut);
    const base = `/plans/${encodeURIComponent(planId)}`;
    const visits = this.visits
      .list(planId, ctx.cut)
      .filter((v) => v.startDate <= ctx.cut.asOf)
      .reverse()
      .map((v) => ({
        visitId: v.visitId,
        heading: `${VISIT_KINDS[v.kind] ?? 'Visit'}, ${dateRange(v.startDate, v.endDate)}`,
        approximate: v.datePrecision === 'month' ? (v.dateNote ?? 'Only the month of this visit is known.') : null,
        summary: [
          { key: 'Inspectors', value: v.inspectors.length ? v.inspectors.join(', ') : 'Not recorded' },
          { key: 'Areas reviewed', value: v.areas.length ? v.areas.join('; ') : 'Not recorded' },
        ],
        judgements: v.judgements.map((j) => ({
          area: JUDGEMENT_AREA_LABELS[j.area as JudgementArea] ?? j.area,
          grade: GRADE_LABELS[j.grade as Grade] ?? j.grade,
          inadequate: j.grade === 'inadequate',
        })),
        findings: v.findings.map((f) => ({
          text: f.text,
          area: f.area,
          tag: ASSESSMENT_TAGS[f.assessment] ?? { text: f.assessment, classes: 'govuk-tag--grey' },
          source: sourceNote(f.provenance),
          recommendations: f.recommendationIds.map((id) => ({
            id,
            href: ctx.link(`${base}/recommendations/${encodeURIComponent(id)}`),
          })),
        })),
      }));
    await render(ctx, 'visits/visits.njk', { ...planPage(ctx, plan, 'visits', 'Ofsted visits', [{ text: 'Visits' }]), visits });
  }
}
