import { requireDate } from '../domain/dates';
import { dayOf } from '../domain/clock';
import { Command } from '../domain/command';
import { Decider } from '../domain/decider';
import { alreadyExists, notFound, ruleBroken } from '../domain/domain-error';
import { PlanContext, requirePlan } from '../domain/plan-context';
import { streamIdOf } from '../domain/stream-id';
import { defined, hasOwn, optionalText, requireOneOf, requireText, textList } from '../domain/text';
import {
  Assessment,
  ASSESSMENTS,
  DATE_PRECISIONS,
  DatePrecision,
  Framework,
  FRAMEWORK_AREAS,
  FRAMEWORKS,
  frameworkInForceOn,
  Grade,
  GRADES,
  JudgementArea,
  VisitKind,
  VISIT_KINDS,
} from './ofsted';

export * from './ofsted';

type Finding = {
  findingId: string;
  text: string;
  assessment: Assessment;
  recommendationIds: string[];
  area?: string;
  /** The number the report prints for the paragraph, where its paragraphs are numbered (an ILACS report's are). */
  paragraph?: number;
};

export type VisitEvent =
  | {
      type: 'VisitRecorded';
      data: {
        planId: string;
        visitId: string;
        kind: VisitKind;
        startDate: string;
        endDate: string;
        inspectors: string[];
        areas: string[];
        datePrecision?: DatePrecision;
        dateNote?: string;
      };
    }
  | { type: 'VisitFindingRecorded'; data: Finding & { effectiveOn: string } }
  | {
      type: 'JudgementRecorded';
      data: { area: JudgementArea; grade: Grade; framework: Framework; effectiveOn: string };
    };

type Recorded = Extract<VisitEvent, { type: 'VisitRecorded' }>['data'];

/** The visit a command is about. */
type Target = { planId: string; visitId: string };

export type VisitCommand =
  | Command<'RecordVisit', Omit<Recorded, 'inspectors' | 'areas'> & { inspectors?: string[]; areas?: string[]; plan: PlanContext }>
  /** knownRecommendationIds: the plan's recommendation ids, read by the command handler. */
  | Command<'RecordVisitFinding', Target & Finding & { knownRecommendationIds: string[] }>
  | Command<'RecordJudgement', Target & { area: JudgementArea; grade: Grade; framework: Framework }>;

export type VisitState =
  | { status: 'none' }
  | {
      status: 'recorded';
      visitId: string;
      kind: VisitKind;
      startDate: string;
      endDate: string;
      areas: string[];
      findingIds: string[];
      judgements: Partial<Record<JudgementArea, { grade: Grade; framework: Framework }>>;
    };
type RecordedVisit = Extract<VisitState, { status: 'recorded' }>;

export const streamType = 'visit';
export const streamId = (planId: string, visitId: string): string => streamIdOf(streamType, planId, visitId);
export const streamOfCommand = ({ data }: VisitCommand): string => streamId(data.planId, data.visitId);

export const initialState: VisitState = { status: 'none' };

export const evolve = (state: VisitState, event: VisitEvent): VisitState => {
  switch (event.type) {
    case 'VisitRecorded': {
      const { visitId, kind, startDate, endDate, areas } = event.data;
      return { status: 'recorded', visitId, kind, startDate, endDate, areas, findingIds: [], judgements: {} };
    }
    case 'VisitFindingRecorded':
      return state.status === 'recorded' ? { ...state, findingIds: [...state.findingIds, event.data.findingId] } : state;
    case 'JudgementRecorded': {
      if (state.status !== 'recorded') return state;
      const { area, grade, framework } = event.data;
      return { ...state, judgements: { ...state.judgements, [area]: { grade, framework } } };
    }
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};

const requireVisit = (state: VisitState, { planId, visitId }: Target, doing: string): RecordedVisit => {
  if (state.status === 'none') throw notFound(`Plan "${planId}" has no visit "${visitId}"; record the visit before ${doing}.`, 'visitId');
  return state;
};

type Data<T extends VisitCommand['type']> = Extract<VisitCommand, { type: T }>['data'];

/** What a visit found or judged is recorded once it has started: before then there is nothing to record. */
const requireStarted = (visit: RecordedVisit, now: string, what: string): void => {
  const today = dayOf(now);
  if (visit.startDate <= today) return;
  throw ruleBroken(
    `Visit ${visit.visitId} starts on ${visit.startDate}, and today is ${today}: ${what} can be recorded once the visit has started.`,
    'visitId',
  );
};

const recordVisit = (data: Data<'RecordVisit'>, state: VisitState): VisitEvent[] => {
  requirePlan(data.plan, data.planId);
  const visitId = requireText(data.visitId, 'visitId', 'The visit id');
  if (state.status !== 'none') {
    throw alreadyExists(
      `Visit ${visitId} has already been recorded (${state.kind}, ${state.startDate} to ${state.endDate}).`,
      'visitId',
    );
  }
  const kind = requireOneOf(data.kind, VISIT_KINDS, 'kind', 'a kind of visit');
  const startDate = requireDate(data.startDate, 'startDate', 'The first day of the visit');
  const endDate = requireDate(data.endDate, 'endDate', 'The last day of the visit');
  if (endDate < startDate) {
    throw ruleBroken(`Visit ${visitId} cannot end (${endDate}) before it starts (${startDate}).`, 'endDate');
  }
  const datePrecision =
    data.datePrecision === undefined
      ? undefined
      : requireOneOf(data.datePrecision, DATE_PRECISIONS, 'datePrecision', 'a date precision');
  return [
    {
      type: 'VisitRecorded',
      data: {
        planId: data.planId,
        visitId,
        kind,
        startDate,
        endDate,
        inspectors: textList(data.inspectors),
        areas: textList(data.areas),
        ...defined({ datePrecision, dateNote: optionalText(data.dateNote) }),
      },
    },
  ];
};

const recordFinding = (data: Data<'RecordVisitFinding'>, now: string, state: VisitState): VisitEvent[] => {
  const visit = requireVisit(state, data, 'recording its findings');
  requireStarted(visit, now, 'its findings');
  const findingId = requireText(data.findingId, 'findingId', 'The finding id');
  if (visit.findingIds.includes(findingId)) {
    throw alreadyExists(`Visit ${visit.visitId} already has a finding ${findingId}.`, 'findingId');
  }
  const text = requireText(data.text, 'text', "The finding's text");
  const assessment = requireOneOf(data.assessment, ASSESSMENTS, 'assessment', 'an assessment');
  const recommendationIds = textList(data.recommendationIds);
  const unknown = recommendationIds.filter((id) => !data.knownRecommendationIds.includes(id));
  if (unknown.length > 0) {
    throw ruleBroken(
      `The plan has no recommendation ${unknown.join(', ')}; a finding can only name recommendations of the same plan.`,
      'recommendationIds',
    );
  }
  const area = optionalText(data.area);
  // A monitoring letter reports on the areas the visit reviewed; a finding elsewhere is a slip.
  if (area && visit.areas.length > 0 && !visit.areas.some((a) => a.toLowerCase() === area.toLowerCase())) {
    throw ruleBroken(
      `Visit ${visit.visitId} reviewed ${visit.areas.map((a) => `"${a}"`).join(', ')}; "${area}" was not among its areas.`,
      'area',
    );
  }
  const { paragraph } = data;
  if (paragraph !== undefined && !(Number.isInteger(paragraph) && paragraph >= 1)) {
    throw ruleBroken(`A paragraph number is a whole number from 1, not ${String(paragraph)}.`, 'paragraph');
  }
  return [
    {
      type: 'VisitFindingRecorded',
      data: { findingId, text, assessment, recommendationIds, ...defined({ area, paragraph }), effectiveOn: visit.endDate },
    },
  ];
};

const recordJudgement = (data: Data<'RecordJudgement'>, now: string, state: VisitState): VisitEvent[] => {
  const visit = requireVisit(state, data, 'recording its judgements');
  requireStarted(visit, now, 'its judgements');
  if (visit.kind !== 'ilacs') {
    throw ruleBroken(
      `Visit ${visit.visitId} is a ${visit.kind} visit, not an ILACS inspection; only ILACS inspections give judgements.`,
    );
  }
  const framework = requireOneOf(data.framework, FRAMEWORKS, 'framework', 'an ILACS framework');
  const inForce = frameworkInForceOn(visit.startDate);
  if (framework !== inForce) {
    const when = inForce ? `the ${inForce} framework applied` : 'no ILACS framework applied yet';
    throw ruleBroken(
      `Visit ${visit.visitId} started on ${visit.startDate}, when ${when}; it cannot be judged under ${framework}.`,
      'framework',
    );
  }
  const area = requireOneOf(data.area, FRAMEWORK_AREAS[framework], 'area', `a judgement area of ${framework}`);
  const grade = requireOneOf(data.grade, GRADES, 'grade', 'a grade');
  const previous = hasOwn(visit.judgements, area) ? visit.judgements[area] : undefined;
  if (previous) {
    throw alreadyExists(`Visit ${visit.visitId} already has a judgement for ${area} (${previous.grade}).`, 'area');
  }
  return [{ type: 'JudgementRecorded', data: { area, grade, framework, effectiveOn: visit.endDate } }];
};

export const decide = (command: VisitCommand, state: VisitState): VisitEvent[] => {
  switch (command.type) {
    case 'RecordVisit':
      return recordVisit(command.data, state);
    case 'RecordVisitFinding':
      return recordFinding(command.data, command.now, state);
    case 'RecordJudgement':
      return recordJudgement(command.data, command.now, state);
    default: {
      const _exhaustive: never = command;
      return [];
    }
  }
};

/** The day each event applies to: a visit, and what it found and judged, to its last day. */
export const effectiveOnOf = (event: VisitEvent): string => (event.type === 'VisitRecorded' ? event.data.endDate : event.data.effectiveOn);

export const visitDecider: Decider<VisitCommand, VisitEvent, VisitState> = { decide, evolve, initialState };
