import { ClassConstructor } from 'class-transformer';
import { streamId as indicatorStream } from '../indicator/indicator';
import { streamId as milestoneStream } from '../milestone/milestone';
import { streamId as planStream } from '../plan/plan';
import { streamId as recommendationStream } from '../recommendation/recommendation';
import { streamId as visitStream } from '../visit/visit';
import { CommandContext } from '../domain/command';
import { DefineIndicatorCommand } from '../indicator/define-indicator/define-indicator.command';
import { DefineIndicatorDto } from '../indicator/define-indicator/define-indicator.dto';
import { RecordIndicatorValueCommand } from '../indicator/record-indicator-value/record-indicator-value.command';
import { RecordIndicatorValueDto } from '../indicator/record-indicator-value/record-indicator-value.dto';
import { AddMilestoneCommand } from '../milestone/add-milestone/add-milestone.command';
import { AddMilestoneDto } from '../milestone/add-milestone/add-milestone.dto';
import { UpdateMilestoneCommand } from '../milestone/update-milestone/update-milestone.command';
import { UpdateMilestoneDto } from '../milestone/update-milestone/update-milestone.dto';
import { AddPriorityCommand } from '../plan/add-priority/add-priority.command';
import { AddPriorityDto } from '../plan/add-priority/add-priority.dto';
import { CreatePlanCommand } from '../plan/create-plan/create-plan.command';
import { CreatePlanDto } from '../plan/create-plan/create-plan.dto';
import { LinkMilestoneCommand } from '../recommendation/link-milestone/link-milestone.command';
import { LinkMilestoneDto } from '../recommendation/link-milestone/link-milestone.dto';
import { RaiseRecommendationCommand } from '../recommendation/raise-recommendation/raise-recommendation.command';
import { RaiseRecommendationDto } from '../recommendation/raise-recommendation/raise-recommendation.dto';
import { RecordFindingCommand } from '../visit/record-finding/record-finding.command';
import { RecordFindingDto } from '../visit/record-finding/record-finding.dto';
import { RecordJudgementCommand } from '../visit/record-judgement/record-judgement.command';
import { RecordJudgementDto } from '../visit/record-judgement/record-judgement.dto';
import { RecordVisitCommand } from '../visit/record-visit/record-visit.command';
import { RecordVisitDto } from '../visit/record-visit/record-visit.dto';

/**
 * Each kind of seed entry is one write of the HTTP contract: the same request DTO validates it and the
 * same command records it. `path` names the fields that are route parameters rather than body fields;
 * `renames` maps seed field names to DTO field names where the seed needs its own (a visit's `kind`).
 * Every entry also has a `provenance` (see seed-provenance.ts), which goes into the events' metadata.
 */
interface EntryKind {
  dto: ClassConstructor<object>;
  path: string[];
  renames?: Record<string, string>;
  /** What makes the entry unique within its file: its idempotency key. */
  key: (entry: Record<string, unknown>) => string;
  /**
   * The command takes an optional `effectiveOn` that the seed file's date fills when the entry gives none:
   * the structure a document sets out applies from the document's date, not from the day the seed is run.
   */
  datedByDocument?: true;
  /** The stream its command records in, as its handler names it. */
  stream: (planId: string, entry: Record<string, unknown>) => string;
  command: (planId: string, path: Record<string, string>, body: any, context: CommandContext) => object;
}

export const ENTRY_KINDS: Record<string, EntryKind> = {
  plan: {
    dto: CreatePlanDto,
    path: [],
    datedByDocument: true,
    key: (e) => `plan/${e.planId}`,
    stream: (_p, e) => planStream(String(e.planId)),
    command: (_p, _x, body, c) => new CreatePlanCommand(body, c),
  },
  priority: {
    dto: AddPriorityDto,
    path: [],
    datedByDocument: true,
    key: (e) => `priority/${e.priorityId}`,
    stream: (p) => planStream(p),
    command: (p, _x, b, c) => new AddPriorityCommand(p, b, c),
  },
  milestone: {
    dto: AddMilestoneDto,
    path: [],
    datedByDocument: true,
    key: (e) => `milestone/${e.milestoneId}`,
    stream: (p, e) => milestoneStream(p, String(e.milestoneId)),
    command: (p, _x, b, c) => new AddMilestoneCommand(p, b, c),
  },
  milestoneUpdate: {
    dto: UpdateMilestoneDto,
    path: ['milestoneId'],
    key: (e) => `milestoneUpdate/${e.milestoneId}/${e.period}`,
    stream: (p, e) => milestoneStream(p, String(e.milestoneId)),
    command: (p, x, b, c) => new UpdateMilestoneCommand(p, x.milestoneId!, b, c),
  },
  recommendation: {
    dto: RaiseRecommendationDto,
    path: [],
    key: (e) => `recommendation/${e.recommendationId}`,
    stream: (p, e) => recommendationStream(p, String(e.recommendationId)),
    command: (p, _x, b, c) => new RaiseRecommendationCommand(p, b, c),
  },
  link: {
    dto: LinkMilestoneDto,
    path: ['recommendationId'],
    datedByDocument: true,
    key: (e) => `link/${e.recommendationId}/${e.milestoneId}`,
    stream: (p, e) => recommendationStream(p, String(e.recommendationId)),
    command: (p, x, b, c) => new LinkMilestoneCommand(p, x.recommendationId!, b, c),
  },
  visit: {
    dto: RecordVisitDto,
    path: [],
    renames: { visitKind: 'kind' },
    key: (e) => `visit/${e.visitId}`,
    stream: (p, e) => visitStream(p, String(e.visitId)),
    command: (p, _x, b, c) => new RecordVisitCommand(p, b, c),
  },
  finding: {
    dto: RecordFindingDto,
    path: ['visitId'],
    key: (e) => `finding/${e.visitId}/${e.findingId}`,
    stream: (p, e) => visitStream(p, String(e.visitId)),
    command: (p, x, b, c) => new RecordFindingCommand(p, x.visitId!, b, c),
  },
  judgement: {
    dto: RecordJudgementDto,
    path: ['visitId'],
    key: (e) => `judgement/${e.visitId}/${e.area}`,
    stream: (p, e) => visitStream(p, String(e.visitId)),
    command: (p, x, b, c) => new RecordJudgementCommand(p, x.visitId!, b, c),
  },
  indicator: {
    dto: DefineIndicatorDto,
    path: [],
    datedByDocument: true,
    key: (e) => `indicator/${e.indicatorId}`,
    stream: (p, e) => indicatorStream(p, String(e.indicatorId)),
    command: (p, _x, b, c) => new DefineIndicatorCommand(p, b, c),
  },
  indicatorValue: {
    dto: RecordIndicatorValueDto,
    path: ['indicatorId'],
    key: (e) => `indicatorValue/${e.indicatorId}/${e.period}`,
    stream: (p, e) => indicatorStream(p, String(e.indicatorId)),
    command: (p, x, b, c) => new RecordIndicatorValueCommand(p, x.indicatorId!, b, c),
  },
};
