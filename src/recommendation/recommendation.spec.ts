import { given } from '../../test/support/decider-spec';
import { RecommendationCommand, RecommendationEvent, recommendationDecider as decider, streamId } from './recommendation';

/** The instant the commands are issued: facts with no date of their own apply from its day. */
const NOW = '2025-10-20T09:00:00.000Z';

const plan = { exists: true, priorityIds: ['CYP P2'] };
const raise = (
  data: Partial<Extract<RecommendationCommand, { type: 'RaiseRecommendation' }>['data']> = {},
): RecommendationCommand => ({
  type: 'RaiseRecommendation',
  data: {
    planId: 'halton',
    recommendationId: 'R03',
    text: 'Improve the timeliness of assessments',
    raisedOn: '2024-07-10',
    plan,
    ...data,
  },
  now: NOW,
});
const close = (
  data: Partial<Extract<RecommendationCommand, { type: 'CloseRecommendation' }>['data']> = {},
): RecommendationCommand => ({
  type: 'CloseRecommendation',
  data: {
    planId: 'halton',
    recommendationId: 'R03',
    reason: 'Timeliness at 92% for two quarters',
    evidence: ['Q1 audit report'],
    effectiveOn: '2025-06-30',
    ...data,
  },
  now: NOW,
});
const reopen = (
  data: Partial<Extract<RecommendationCommand, { type: 'ReopenRecommendation' }>['data']> = {},
): RecommendationCommand => ({
  type: 'ReopenRecommendation',
  data: { planId: 'halton', recommendationId: 'R03', reason: 'Monitoring visit found delays again', effectiveOn: '2025-11-20', ...data },
  now: NOW,
});
const link = (milestoneId: string, milestoneExists = true, effectiveOn?: string): RecommendationCommand => ({
  type: 'LinkMilestone',
  data: { planId: 'halton', recommendationId: 'R03', milestoneId, milestoneExists, ...(effectiveOn ? { effectiveOn } : {}) },
  now: NOW,
});

const raised: RecommendationEvent = {
  type: 'RecommendationRaised',
  data: { recommendationId: 'R03', text: 'Improve the timeliness of assessments', raisedOn: '2024-07-10' },
};
const closed: RecommendationEvent = {
  type: 'RecommendationClosed',
  data: { reason: 'Timeliness at 92% for two quarters', evidence: ['Q1 audit report'], effectiveOn: '2025-06-30' },
};
const reopened: RecommendationEvent = {
  type: 'RecommendationReopened',
  data: { reason: 'Delays again', effectiveOn: '2025-11-20' },
};

describe('recommendation', () => {
  it('names its stream after plan and recommendation', () =>
    expect(streamId('halton', 'R 3/a')).toBe('recommendation-halton/R%203%2Fa'));

  describe('RaiseRecommendation', () => {
    it('raises a recommendation, with the visit that raised it', () =>
      given(decider)
        .when(raise({ source: 'ILACS-2024' }))
        .then([{ type: 'RecommendationRaised', data: { ...raised.data, source: 'ILACS-2024' } }]));

    it('refuses a recommendation raised after today', () =>
      given(decider)
        .when(raise({ raisedOn: '2025-10-21' }))
        .thenThrows('rule', /The date it was raised \(2025-10-21\) is after today \(2025-10-20\)/, 'raisedOn'));

    it('refuses a recommendation for a plan that does not exist', () =>
      given(decider)
        .when(raise({ plan: { exists: false, priorityIds: [] } }))
        .thenThrows('not-found', /no plan "halton"/, 'planId'));

    it('refuses one that already exists', () =>
      given(decider, [raised])
        .when(raise())
        .thenThrows('already-exists', /R03 already exists \(raised on 2024-07-10\)/, 'recommendationId'));

    it('refuses blank text and impossible dates', () => {
      given(decider)
        .when(raise({ text: ' ' }))
        .thenThrows('rule', /text cannot be blank/, 'text');
      given(decider)
        .when(raise({ raisedOn: '2024-02-30' }))
        .thenThrows('rule', /date it was raised must be a real date/, 'raisedOn');
    });
  });

  describe('LinkMilestone', () => {
    it('links a milestone that works towards the recommendation, from the day the link is made', () =>
      given(decider, [raised])
        .when(link('P2.1'))
        .then([{ type: 'MilestoneLinked', data: { milestoneId: 'P2.1', effectiveOn: '2025-10-20' } }]));

    it('links from an earlier day when told, as a plan written down before it was recorded here', () =>
      given(decider, [raised])
        .when(link('P2.1', true, '2024-09-01'))
        .then([{ type: 'MilestoneLinked', data: { milestoneId: 'P2.1', effectiveOn: '2024-09-01' } }]));

    it('refuses a link that would take effect before the recommendation was raised, or on no real day', () => {
      given(decider, [raised])
        .when(link('P2.1', true, '2024-07-09'))
        .thenThrows('rule', /raised on 2024-07-10, so it cannot be linked with effect from 2024-07-09/, 'effectiveOn');
      given(decider, [raised])
        .when(link('P2.1', true, '2024-02-30'))
        .thenThrows('rule', /"2024-02-30" is not a date in the calendar/, 'effectiveOn');
    });

    it('links a milestone to a closed recommendation too', () =>
      given(decider, [raised, closed])
        .when(link('P2.1'))
        .then([{ type: 'MilestoneLinked', data: { milestoneId: 'P2.1', effectiveOn: '2025-10-20' } }]));

    it('refuses to link to a recommendation that does not exist', () =>
      given(decider)
        .when(link('P2.1'))
        .thenThrows('not-found', /Plan "halton" has no recommendation "R03"/, 'recommendationId'));

    it('refuses a milestone the plan does not have', () =>
      given(decider, [raised])
        .when(link('P9.9', false))
        .thenThrows('rule', /no milestone P9.9; add the milestone before linking it to recommendation R03/, 'milestoneId'));

    it('refuses to link the same milestone twice', () =>
      given(decider, [raised, { type: 'MilestoneLinked', data: { milestoneId: 'P2.1', effectiveOn: '2024-09-01' } }])
        .when(link('P2.1'))
        .thenThrows('rule', /Milestone P2.1 is already linked to recommendation R03/, 'milestoneId'));
  });

  describe('CloseRecommendation', () => {
    it('refuses a closure dated after today, and a link or reopening alike', () => {
      given(decider, [raised])
        .when(close({ effectiveOn: '2025-12-31' }))
        .thenThrows('rule', /The date the closure takes effect \(2025-12-31\) is after today \(2025-10-20\)/, 'effectiveOn');
      given(decider, [raised])
        .when(link('P2.1', true, '2025-11-01'))
        .thenThrows('rule', /The date the link takes effect \(2025-11-01\) is after today/, 'effectiveOn');
      given(decider, [raised, closed])
        .when(reopen())
        .thenThrows('rule', /The date the reopening takes effect \(2025-11-20\) is after today/, 'effectiveOn');
    });

    it('closes on evidence, leaving out blank pieces', () =>
      given(decider, [raised])
        .when(close({ evidence: [' Q1 audit report ', '', 'Q1 audit report'] }))
        .then([closed]));

    it('refuses to close a recommendation that does not exist', () =>
      given(decider)
        .when(close())
        .thenThrows('not-found', /Plan "halton" has no recommendation "R03"/, 'recommendationId'));

    it('refuses to close a closed recommendation', () =>
      given(decider, [raised, closed])
        .when(close({ effectiveOn: '2025-09-30' }))
        .thenThrows(
          'rule',
          /^Recommendation R03 is already closed \(closed on 2025-06-30\); reopen it before closing it again\.$/,
          'recommendationId',
        ));

    it('refuses a closure without a reason', () =>
      given(decider, [raised])
        .when(close({ reason: '  ' }))
        .thenThrows('rule', /reason for closing it cannot be blank/, 'reason'));

    it.each([[[]], [['', '  ']]])('refuses a closure without evidence (%j)', (evidence) =>
      given(decider, [raised])
        .when(close({ evidence }))
        .thenThrows('rule', /needs at least one piece of evidence/, 'evidence'),
    );

    it('refuses an impossible date', () =>
      given(decider, [raised])
        .when(close({ effectiveOn: '2025-06-31' }))
        .thenThrows('rule', /not a date in the calendar/, 'effectiveOn'));

    it('refuses a closure effective before the recommendation was raised', () =>
      given(decider, [raised])
        .when(close({ effectiveOn: '2024-07-09' }))
        .thenThrows('rule', /R03 was raised on 2024-07-10, so it cannot be closed with effect from 2024-07-09/, 'effectiveOn'));

    it('closes the day it was raised', () =>
      given(decider, [raised])
        .when(close({ effectiveOn: '2024-07-10' }))
        .then([{ ...closed, data: { ...closed.data, effectiveOn: '2024-07-10' } }]));

    it('closes again after a reopening', () =>
      given(decider, [raised, closed, reopened])
        .when({ ...close({ effectiveOn: '2026-03-31' }), now: '2026-04-02T09:00:00.000Z' })
        .then([{ ...closed, data: { ...closed.data, effectiveOn: '2026-03-31' } }]));

    it('refuses a closure effective before the reopening it follows', () =>
      given(decider, [raised, closed, reopened])
        .when(close({ effectiveOn: '2025-09-30' }))
        .thenThrows('rule', /R03 was reopened on 2025-11-20, so it cannot be closed with effect from 2025-09-30/, 'effectiveOn'));
  });

  describe('ReopenRecommendation', () => {
    it('reopens a closed recommendation', () =>
      given(decider, [raised, closed])
        .when({ ...reopen(), now: '2025-11-21T09:00:00.000Z' })
        .then([
          {
            type: 'RecommendationReopened',
            data: { reason: 'Monitoring visit found delays again', effectiveOn: '2025-11-20' },
          },
        ]));

    it('reopens on the day of the closure', () =>
      given(decider, [raised, closed])
        .when(reopen({ effectiveOn: '2025-06-30' }))
        .then([
          {
            type: 'RecommendationReopened',
            data: { reason: 'Monitoring visit found delays again', effectiveOn: '2025-06-30' },
          },
        ]));

    it('refuses to reopen a recommendation that does not exist', () =>
      given(decider)
        .when(reopen())
        .thenThrows('not-found', /Plan "halton" has no recommendation "R03"/, 'recommendationId'));

    it('refuses to reopen an open recommendation', () =>
      given(decider, [raised])
        .when(reopen())
        .thenThrows('rule', /R03 is open; only a closed recommendation can be reopened/, 'recommendationId'));

    it('refuses to reopen one that was reopened already', () =>
      given(decider, [raised, closed, reopened])
        .when(reopen())
        .thenThrows('rule', /R03 is open/, 'recommendationId'));

    it('refuses a reopening without a reason', () =>
      given(decider, [raised, closed])
        .when(reopen({ reason: '' }))
        .thenThrows('rule', /reason for reopening it cannot be blank/, 'reason'));

    it('refuses an impossible date', () =>
      given(decider, [raised, closed])
        .when(reopen({ effectiveOn: '20-11-2025' }))
        .thenThrows('rule', /must be a real date/, 'effectiveOn'));

    it('refuses a reopening effective before the closure it undoes', () =>
      given(decider, [raised, closed])
        .when(reopen({ effectiveOn: '2025-06-29' }))
        .thenThrows('rule', /R03 was closed on 2025-06-30, so it cannot be reopened with effect from 2025-06-29/, 'effectiveOn'));
  });
});
