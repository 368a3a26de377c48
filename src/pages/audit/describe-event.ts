import { parseStreamId } from '../../domain/stream-id';
import { DomainEvent } from '../../projections/engine/fact';
import { GRADE_LABELS, JUDGEMENT_AREA_LABELS } from '../../visit/ofsted';
import { ragLabel } from '../layout/rag';
import { VISIT_KINDS } from '../layout/template-helpers';

/** One line a person can read for a recorded event: what changed, on what. */
export function describeEvent(event: DomainEvent, streamId: string): string {
  const entity = parseStreamId(streamId)?.parts.at(-1) ?? '';
  switch (event.type) {
    case 'PlanCreated':
      return `Plan created for ${event.data.localAuthority}: ${event.data.title}`;
    case 'PriorityAdded':
      return `Priority ${event.data.priorityId} added: ${event.data.title}`;
    case 'MilestoneAdded':
      return `Milestone ${event.data.milestoneId} added to ${event.data.priorityId}: ${event.data.title}`;
    case 'MilestoneUpdated':
      return `${entity} rated ${ragLabel(event.data.rag)} for ${event.data.period}${event.data.reason ? `, correcting an earlier rating: ${event.data.reason}` : ''}`;
    case 'MilestoneDueDateChanged':
      return `${entity} now due on ${event.data.dueOn}${event.data.previousDueOn ? ` (was ${event.data.previousDueOn})` : ''}: ${event.data.reason}`;
    case 'RecommendationRaised':
      return `Recommendation ${event.data.recommendationId} raised: ${event.data.text}`;
    case 'MilestoneLinked':
      return `${event.data.milestoneId} linked to recommendation ${entity}`;
    case 'RecommendationClosed':
      return `Recommendation ${entity} closed: ${event.data.reason}`;
    case 'RecommendationReopened':
      return `Recommendation ${entity} reopened: ${event.data.reason}`;
    case 'VisitRecorded':
      return `${VISIT_KINDS[event.data.kind] ?? 'Visit'} recorded, ${event.data.startDate} to ${event.data.endDate}`;
    case 'VisitFindingRecorded':
      return `Finding of visit ${entity} (${event.data.assessment.replace(/-/g, ' ')}): ${event.data.text}`;
    case 'JudgementRecorded':
      return `Visit ${entity} judged ${JUDGEMENT_AREA_LABELS[event.data.area]?.toLowerCase() ?? event.data.area}: ${GRADE_LABELS[event.data.grade] ?? event.data.grade}`;
    case 'IndicatorDefined':
      return `Indicator defined: ${event.data.title} (${event.data.unit})`;
    case 'IndicatorValueRecorded':
      return `${entity} for ${event.data.period}: ${event.data.value}`;
    case 'BoardPackIssued':
      return `Board pack ${event.data.packId} sent to the board: ${event.data.period} as of ${event.data.asOf}, reflecting the log up to position ${event.data.lastPosition}`;
    default: {
      const _exhaustive: never = event;
      return String((_exhaustive as { type: string }).type);
    }
  }
}
