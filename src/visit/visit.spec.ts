import { given } from '../../test/support/decider-spec';
import { FRAMEWORK_AREAS, frameworkInForceOn, streamId, VisitCommand, VisitEvent, visitDecider as decider } from './visit';

/** The instant the commands are issued: facts with no date of their own apply from its day. */
const NOW = '2025-10-20T09:00:00.000Z';

const plan = { exists: true, priorityIds: [] };
type Data<T extends VisitCommand['type']> = Extract<VisitCommand, { type: T }>['data'];
const recordVisit = (data: Partial<Data<'RecordVisit'>> = {}): VisitCommand => ({
  type: 'RecordVisit',
  data: {
    planId: 'halton',
    visitId: 'MV2',
    kind: 'monitoring',
    startDate: '2025-04-08',
    endDate: '2025-04-09',
    inspectors: ['Jo Smith', 'Sam Patel'],
    areas: ['Front door', 'Children in need'],
    plan,
    ...data,
  },
  now: NOW,
});
const finding = (data: Partial<Data<'RecordVisitFinding'>> = {}): VisitCommand => ({
  type: 'RecordVisitFinding',
  data: {
    planId: 'halton',
    visitId: 'MV2',
    findingId: 'F1',
    text: 'Strategy meetings are timely',
    assessment: 'progress',
    recommendationIds: ['R03'],
    knownRecommendationIds: ['R01', 'R03'],
    ...data,
  },
  now: NOW,
});
const judgement = (data: Partial<Data<'RecordJudgement'>> = {}): VisitCommand => ({
  type: 'RecordJudgement',
  data: { planId: 'halton', visitId: 'MV2', area: 'help-and-protection', grade: 'inadequate', framework: 'ilacs-2023', ...data },
  now: NOW,
});

const monitoring: VisitEvent = {
  type: 'VisitRecorded',
  data: {
    planId: 'halton',
    visitId: 'MV2',
    kind: 'monitoring',
    startDate: '2025-04-08',
    endDate: '2025-04-09',
    inspectors: ['Jo Smith', 'Sam Patel'],
    areas: ['Front door', 'Children in need'],
  },
};
const ilacs: VisitEvent = {
  type: 'VisitRecorded',
  data: {
    planId: 'halton',
    visitId: 'ILACS-2024',
    kind: 'ilacs',
    startDate: '2024-05-13',
    endDate: '2024-05-24',
    inspectors: [],
    areas: [],
  },
};
const foundF1: VisitEvent = {
  type: 'VisitFindingRecorded',
  data: {
    findingId: 'F1',
    text: 'Strategy meetings are timely',
    assessment: 'progress',
    recommendationIds: ['R03'],
    effectiveOn: '2025-04-09',
  },
};

describe('visit', () => {
  it('names its stream after plan and visit', () => expect(streamId('halton', 'MV 2')).toBe('visit-halton/MV%202'));

  describe('RecordVisit', () => {
    it('records a visit, tidying its lists', () =>
      given(decider)
        .when(recordVisit({ inspectors: [' Jo Smith', 'Sam Patel', ''], datePrecision: 'day', dateNote: ' ' }))
        .then([{ ...monitoring, data: { ...monitoring.data, datePrecision: 'day' } }]));

    it('records a visit known only to the month, with a note', () =>
      given(decider)
        .when(
          recordVisit({
            inspectors: undefined,
            areas: undefined,
            datePrecision: 'month',
            dateNote: 'Letter dated May 2025',
          }),
        )
        .then([
          {
            ...monitoring,
            data: {
              ...monitoring.data,
              inspectors: [],
              areas: [],
              datePrecision: 'month',
              dateNote: 'Letter dated May 2025',
            },
          },
        ]));

    it('refuses a visit for a plan that does not exist', () =>
      given(decider)
        .when(recordVisit({ plan: { exists: false, priorityIds: [] } }))
        .thenThrows('not-found', /no plan "halton"/, 'planId'));

    it('refuses a visit already recorded', () =>
      given(decider, [monitoring])
        .when(recordVisit())
        .thenThrows('already-exists', /MV2 has already been recorded \(monitoring, 2025-04-08 to 2025-04-09\)/, 'visitId'));

    it('refuses an unknown kind of visit', () =>
      given(decider)
        .when(recordVisit({ kind: 'annual' as never }))
        .thenThrows('rule', /"annual" is not a kind of visit: use one of ilacs, monitoring, focused, other/, 'kind'));

    it('refuses impossible dates', () => {
      given(decider)
        .when(recordVisit({ startDate: '2025-04-31' }))
        .thenThrows('rule', /first day of the visit must be a real date/, 'startDate');
      given(decider)
        .when(recordVisit({ endDate: '' }))
        .thenThrows('rule', /last day of the visit must be a real date.*nothing was given/, 'endDate');
    });

    it('refuses a visit that ends before it starts', () =>
      given(decider)
        .when(recordVisit({ endDate: '2025-04-07' }))
        .thenThrows('rule', /MV2 cannot end \(2025-04-07\) before it starts \(2025-04-08\)/, 'endDate'));

    it('records a one-day visit', () =>
      given(decider)
        .when(recordVisit({ endDate: '2025-04-08' }))
        .then([{ ...monitoring, data: { ...monitoring.data, endDate: '2025-04-08' } }]));

    it('refuses an unknown date precision', () =>
      given(decider)
        .when(recordVisit({ datePrecision: 'year' as never }))
        .thenThrows('rule', /not a date precision/, 'datePrecision'));
  });

  describe('RecordVisitFinding', () => {
    it('refuses findings and judgements for a visit that has not started, and takes them from its first day', () => {
      const ahead = { ...monitoring, data: { ...monitoring.data, startDate: '2025-11-04', endDate: '2025-11-05' } };
      given(decider, [ahead])
        .when(finding())
        .thenThrows('rule', /Visit MV2 starts on 2025-11-04, and today is 2025-10-20: its findings can be recorded once the visit has started/, 'visitId');
      given(decider, [{ ...ilacs, data: { ...ilacs.data, startDate: '2025-11-03', endDate: '2025-11-14' } }])
        .when(judgement())
        .thenThrows('rule', /its judgements can be recorded once the visit has started/, 'visitId');
      given(decider, [ahead])
        .when({ ...finding(), now: '2025-11-04T12:00:00.000Z' })
        .then([{ ...foundF1, data: { ...foundF1.data, effectiveOn: '2025-11-05' } }]);
    });

    it('records a finding, effective on the last day of the visit', () =>
      given(decider, [monitoring])
        .when(finding({ area: 'front door' }))
        .then([{ ...foundF1, data: { ...foundF1.data, area: 'front door' } }]));

    it('records a finding that names no recommendation', () =>
      given(decider, [monitoring])
        .when(finding({ recommendationIds: [] }))
        .then([{ ...foundF1, data: { ...foundF1.data, recommendationIds: [] } }]));

    it('refuses a finding for a visit that does not exist', () =>
      given(decider)
        .when(finding())
        .thenThrows('not-found', /Plan "halton" has no visit "MV2"/, 'visitId'));

    it('refuses a finding id used already in the visit', () =>
      given(decider, [monitoring, foundF1])
        .when(finding())
        .thenThrows('already-exists', /MV2 already has a finding F1/, 'findingId'));

    it('refuses recommendations the plan does not have, naming them', () =>
      given(decider, [monitoring])
        .when(finding({ recommendationIds: ['R03', 'R07', 'R09'] }))
        .thenThrows(
          'rule',
          /no recommendation R07, R09; a finding can only name recommendations of the same plan/,
          'recommendationIds',
        ));

    it('refuses blank text and unknown assessments', () => {
      given(decider, [monitoring])
        .when(finding({ text: ' ' }))
        .thenThrows('rule', /finding's text cannot be blank/, 'text');
      given(decider, [monitoring])
        .when(finding({ assessment: 'meh' as never }))
        .thenThrows('rule', /"meh" is not an assessment/, 'assessment');
    });

    it('keeps the number the report prints for the paragraph', () =>
      given(decider, [ilacs])
        .when(finding({ paragraph: 12, assessment: 'area-for-improvement' }))
        .then([
          {
            ...foundF1,
            data: { ...foundF1.data, assessment: 'area-for-improvement', paragraph: 12, effectiveOn: '2024-05-24' },
          },
        ]));

    it('refuses a paragraph number that is not a whole number from 1', () => {
      given(decider, [ilacs])
        .when(finding({ paragraph: 0 }))
        .thenThrows('rule', /paragraph number is a whole number from 1, not 0/, 'paragraph');
      given(decider, [ilacs])
        .when(finding({ paragraph: 2.5 }))
        .thenThrows('rule', /not 2\.5/, 'paragraph');
    });

    it('refuses an area the visit did not review', () =>
      given(decider, [monitoring])
        .when(finding({ area: 'Care leavers' }))
        .thenThrows('rule', /MV2 reviewed "Front door", "Children in need"; "Care leavers" was not among its areas/, 'area'));

    it('accepts any area when the visit lists none', () =>
      given(decider, [ilacs])
        .when(finding({ area: 'Care leavers', assessment: 'strength' }))
        .then([
          {
            ...foundF1,
            data: { ...foundF1.data, assessment: 'strength', area: 'Care leavers', effectiveOn: '2024-05-24' },
          },
        ]));
  });

  describe('RecordJudgement', () => {
    it('records a judgement, effective on the last day of the inspection', () =>
      given(decider, [ilacs])
        .when(judgement())
        .then([
          {
            type: 'JudgementRecorded',
            data: {
              area: 'help-and-protection',
              grade: 'inadequate',
              framework: 'ilacs-2023',
              effectiveOn: '2024-05-24',
            },
          },
        ]));

    it('refuses a judgement for a visit that does not exist', () =>
      given(decider)
        .when(judgement())
        .thenThrows('not-found', /Plan "halton" has no visit "MV2"/, 'visitId'));

    it('refuses a judgement on a visit that is not an ILACS inspection', () =>
      given(decider, [monitoring])
        .when(judgement())
        .thenThrows('rule', /MV2 is a monitoring visit, not an ILACS inspection/));

    it('refuses an area its framework does not have', () =>
      given(decider, [ilacs])
        .when(judgement({ area: 'children-in-care-and-care-leavers' }))
        .thenThrows('rule', /not a judgement area of ilacs-2023: use one of overall-effectiveness, impact-of-leaders/, 'area'));

    it('refuses a framework that did not apply when the inspection started', () =>
      given(decider, [ilacs])
        .when(judgement({ framework: 'ilacs-2018', area: 'children-in-care-and-care-leavers' }))
        .thenThrows(
          'rule',
          /started on 2024-05-13, when the ilacs-2023 framework applied; it cannot be judged under ilacs-2018/,
          'framework',
        ));

    it('refuses an ILACS judgement before ILACS existed', () =>
      given(decider, [{ ...ilacs, data: { ...ilacs.data, startDate: '2017-03-01', endDate: '2017-03-10' } }])
        .when(judgement({ framework: 'ilacs-2018', area: 'overall-effectiveness' }))
        .thenThrows('rule', /when no ILACS framework applied yet/, 'framework'));

    it('refuses unknown grades and frameworks', () => {
      given(decider, [ilacs])
        .when(judgement({ grade: 'poor' as never }))
        .thenThrows('rule', /"poor" is not a grade/, 'grade');
      given(decider, [ilacs])
        .when(judgement({ framework: 'sif' as never }))
        .thenThrows('rule', /"sif" is not an ILACS framework/, 'framework');
    });

    it('refuses a second judgement for the same area', () =>
      given(decider, [
        ilacs,
        {
          type: 'JudgementRecorded',
          data: {
            area: 'help-and-protection',
            grade: 'inadequate',
            framework: 'ilacs-2023',
            effectiveOn: '2024-05-24',
          },
        },
      ])
        .when(judgement({ grade: 'good' }))
        .thenThrows('already-exists', /ILACS-2024 already has a judgement for help-and-protection \(inadequate\)/, 'area'));

    it('gives no overall effectiveness grade from April 2026', () => {
      expect(FRAMEWORK_AREAS['ilacs-2026']).not.toContain('overall-effectiveness');
      given(decider, [{ ...ilacs, data: { ...ilacs.data, startDate: '2026-05-11', endDate: '2026-05-22' } }])
        .when({ ...judgement({ framework: 'ilacs-2026', area: 'overall-effectiveness' }), now: '2026-05-22T16:00:00.000Z' })
        .thenThrows('rule', /not a judgement area of ilacs-2026/, 'area');
    });
  });

  it('knows which framework applied on a date', () => {
    expect(frameworkInForceOn('2022-12-31')).toBe('ilacs-2018');
    expect(frameworkInForceOn('2023-01-01')).toBe('ilacs-2023');
    expect(frameworkInForceOn('2026-03-31')).toBe('ilacs-2023');
    expect(frameworkInForceOn('2026-04-01')).toBe('ilacs-2026');
    expect(frameworkInForceOn('2017-12-31')).toBeUndefined();
  });
});
