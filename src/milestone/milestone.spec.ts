import { given } from '../../test/support/decider-spec';
import { MilestoneCommand, MilestoneEvent, milestoneDecider, streamId } from './milestone';

/** The instant the commands are issued: facts with no date of their own apply from its day. */
const NOW = '2025-10-20T09:00:00.000Z';

const plan = { exists: true, priorityIds: ['CYP P1', 'CYP P2'] };
const add = (data: Partial<Extract<MilestoneCommand, { type: 'AddMilestone' }>['data']> = {}): MilestoneCommand => ({
  type: 'AddMilestone',
  data: { planId: 'halton', milestoneId: 'P2.1', priorityId: 'CYP P2', title: 'Front door redesign', plan, ...data },
  now: NOW,
});
const update = (data: Partial<Extract<MilestoneCommand, { type: 'UpdateMilestone' }>['data']> = {}): MilestoneCommand => ({
  type: 'UpdateMilestone',
  data: { planId: 'halton', milestoneId: 'P2.1', period: '2025-26 Q2', rag: 'amber', commentary: 'Recruitment delayed', effectiveOn: '2025-09-30', ...data },
  now: NOW,
});
const added: MilestoneEvent = {
  type: 'MilestoneAdded',
  data: { milestoneId: 'P2.1', priorityId: 'CYP P2', title: 'Front door redesign', dueOn: '2026-03-31', effectiveOn: '2025-10-20' },
};
const ratedQ2: MilestoneEvent = {
  type: 'MilestoneUpdated',
  data: { period: '2025-26 Q2', rag: 'amber', commentary: 'Recruitment delayed', effectiveOn: '2025-09-30' },
};
const completedQ3: MilestoneEvent = {
  type: 'MilestoneUpdated',
  data: { period: '2025-26 Q3', rag: 'complete', commentary: 'Delivered', effectiveOn: '2025-12-31' },
};

describe('milestone', () => {
  it('names its stream after plan and milestone', () => expect(streamId('halton', 'P2.1')).toBe('milestone-halton/P2.1'));

  describe('AddMilestone', () => {
    it('adds a milestone under a priority of the plan', () =>
      given(milestoneDecider)
        .when(add({ owner: ' Head of Front Door ', dueOn: '2026-03-31' }))
        .then([{ type: 'MilestoneAdded', data: { ...added.data, owner: 'Head of Front Door' } }]));

    it('leaves out an owner and due date that were not given', () =>
      given(milestoneDecider)
        .when(add({ owner: '', dueOn: '' }))
        .then([{ type: 'MilestoneAdded', data: { milestoneId: 'P2.1', priorityId: 'CYP P2', title: 'Front door redesign', effectiveOn: '2025-10-20' } }]));

    it('refuses a milestone for a plan that does not exist', () =>
      given(milestoneDecider)
        .when(add({ plan: { exists: false, priorityIds: [] } }))
        .thenThrows('not-found', /no plan "halton"/, 'planId'));

    it('refuses a milestone that already exists', () =>
      given(milestoneDecider, [added])
        .when(add())
        .thenThrows(
          'already-exists',
          /Milestone P2.1 already exists \(under priority CYP P2: "Front door redesign"\)/,
          'milestoneId',
        ));

    it('refuses a priority the plan does not have, naming those it has', () =>
      given(milestoneDecider)
        .when(add({ priorityId: 'CYP P9' }))
        .thenThrows('rule', /Plan "halton" has no priority CYP P9.*one of CYP P1, CYP P2/, 'priorityId'));

    it('refuses a blank title or id', () => {
      given(milestoneDecider)
        .when(add({ title: ' ' }))
        .thenThrows('rule', /title cannot be blank/, 'title');
      given(milestoneDecider)
        .when(add({ milestoneId: '' }))
        .thenThrows('rule', /milestone id cannot be blank/, 'milestoneId');
    });

    it('refuses a due date that is not a real date', () =>
      given(milestoneDecider)
        .when(add({ dueOn: '2026-02-30' }))
        .thenThrows('rule', /"2026-02-30" is not a date/, 'dueOn'));
  });

  describe('UpdateMilestone', () => {
    it('records a rating with its forecast and a note', () =>
      given(milestoneDecider, [added])
        .when(update({ forecastRag: 'green', note: 'Board 14 Oct', commentary: ' Recruitment delayed ' }))
        .then([{ type: 'MilestoneUpdated', data: { ...ratedQ2.data, forecastRag: 'green', note: 'Board 14 Oct' } }]));

    it('records a rating effective earlier in the quarter', () =>
      given(milestoneDecider, [added])
        .when(update({ effectiveOn: '2025-07-01' }))
        .then([{ type: 'MilestoneUpdated', data: { ...ratedQ2.data, effectiveOn: '2025-07-01' } }]));

    it('refuses to rate a milestone that does not exist', () =>
      given(milestoneDecider)
        .when(update())
        .thenThrows('not-found', /Plan "halton" has no milestone "P2.1"/, 'milestoneId'));

    it.each(['2025-27 Q2', 'Q2', ''])('refuses the period %p', (period) =>
      given(milestoneDecider, [added])
        .when(update({ period }))
        .thenThrows('rule', /not recognised: write a financial-year quarter such as "2025-26 Q2"/, 'period'),
    );

    it.each([
      ['2025-26', 'a financial year'],
      ['2025-09', 'a month'],
    ])('refuses the period %p: ratings are per quarter', (period, kind) =>
      given(milestoneDecider, [added])
        .when(update({ period }))
        .thenThrows(
          'rule',
          new RegExp(`"${period}" is ${kind}, but this needs a financial-year quarter such as "2025-26 Q2"`),
          'period',
        ),
    );

    it('refuses an unknown rating', () =>
      given(milestoneDecider, [added])
        .when(update({ rag: 'blue' as never }))
        .thenThrows('rule', /"blue" is not a rating: use one of green, amber, red, complete, not-rated/, 'rag'));

    it('refuses "not rated" as a forecast', () =>
      given(milestoneDecider, [added])
        .when(update({ forecastRag: 'not-rated' }))
        .thenThrows('rule', /"not-rated" is not a forecast/, 'forecastRag'));

    it('refuses a forecast for a complete milestone', () =>
      given(milestoneDecider, [added])
        .when(update({ rag: 'complete', forecastRag: 'green' }))
        .thenThrows('rule', /rated complete, so it needs no forecast/, 'forecastRag'));

    it('refuses a blank commentary', () =>
      given(milestoneDecider, [added])
        .when(update({ commentary: '\n ' }))
        .thenThrows('rule', /commentary cannot be blank/, 'commentary'));

    it('refuses an impossible date', () =>
      given(milestoneDecider, [added])
        .when(update({ effectiveOn: '2025-09-31' }))
        .thenThrows('rule', /"2025-09-31" is not a date in the calendar/, 'effectiveOn'));

    it('refuses a date after the quarter ends, saying its dates', () =>
      given(milestoneDecider, [added])
        .when(update({ effectiveOn: '2025-10-15' }))
        .thenThrows(
          'rule',
          /\(2025-10-15\) is after 2025-26 Q2 ends: it must fall within 2025-07-01 to 2025-09-30/,
          'effectiveOn',
        ));

    it('refuses a date before the quarter starts', () =>
      given(milestoneDecider, [added])
        .when(update({ effectiveOn: '2025-06-30' }))
        .thenThrows('rule', /is before 2025-26 Q2 starts: it must fall within 2025-07-01 to 2025-09-30/, 'effectiveOn'));

    it('records a correction of a period already rated, with its reason', () =>
      given(milestoneDecider, [added, ratedQ2])
        .when(update({ rag: 'red', reason: 'Data verified after the board' }))
        .then([{ type: 'MilestoneUpdated', data: { ...ratedQ2.data, rag: 'red', reason: 'Data verified after the board' } }]));

    it('refuses a correction without a reason', () =>
      given(milestoneDecider, [added, ratedQ2])
        .when(update({ rag: 'red', reason: ' ' }))
        .thenThrows(
          'rule',
          /already has a rating for 2025-26 Q2 \(amber, effective 2025-09-30\); changing it is a correction and needs a reason/,
          'reason',
        ));

    it('refuses a re-rating that changes nothing, even with a reason', () =>
      given(milestoneDecider, [added, ratedQ2])
        .when(update({ reason: 'again' }))
        .thenThrows('rule', /already has exactly this rating for 2025-26 Q2.*changes nothing/));

    it('compares a correction with the latest rating of the period', () =>
      given(milestoneDecider, [added, ratedQ2, { type: 'MilestoneUpdated', data: { ...ratedQ2.data, rag: 'red', reason: 'x' } }])
        .when(update({ rag: 'red', reason: 'again' }))
        .thenThrows('rule', /changes nothing/));

    it('treats a changed forecast as a correction', () =>
      given(milestoneDecider, [added, ratedQ2])
        .when(update({ forecastRag: 'red', reason: 'Year-end now at risk' }))
        .then([{ type: 'MilestoneUpdated', data: { ...ratedQ2.data, forecastRag: 'red', reason: 'Year-end now at risk' } }]));

    it('needs no reason for the first rating of another quarter', () =>
      given(milestoneDecider, [added, ratedQ2])
        .when({ ...update({ period: '2025-26 Q3', effectiveOn: '2025-12-31' }), now: '2026-01-12T10:00:00.000Z' })
        .then([{ type: 'MilestoneUpdated', data: { ...ratedQ2.data, period: '2025-26 Q3', effectiveOn: '2025-12-31' } }]));
  });

  describe('UpdateMilestone: the day a rating applies to', () => {
    const inQ3 = '2025-11-05T14:00:00.000Z';

    it('dates a rating made during its own quarter on the day it is recorded, when no date is given', () =>
      given(milestoneDecider, [added, ratedQ2])
        .when({ ...update({ period: '2025-26 Q3', effectiveOn: undefined }), now: inQ3 })
        .then([{ type: 'MilestoneUpdated', data: { ...ratedQ2.data, period: '2025-26 Q3', effectiveOn: '2025-11-05' } }]));

    it('dates a rating for a quarter that has ended on its last day, when no date is given (a late report)', () =>
      given(milestoneDecider, [added])
        .when({ ...update({ effectiveOn: undefined }), now: '2026-02-01T09:00:00.000Z' })
        .then([ratedQ2]));

    it('keeps a rating backdated to a past quarter, recorded months later', () =>
      given(milestoneDecider, [added])
        .when({ ...update({ effectiveOn: '2025-09-30' }), now: '2026-12-07T09:00:00.000Z' })
        .then([ratedQ2]));

    it('refuses a date after today, and says how to date it', () =>
      given(milestoneDecider, [added, ratedQ2])
        .when({ ...update({ period: '2025-26 Q3', effectiveOn: '2025-12-31' }), now: inQ3 })
        .thenThrows(
          'rule',
          /The date the rating applies to \(2025-12-31\) is after today \(2025-11-05\).*Leave effectiveOn out and the rating counts from today/,
          'effectiveOn',
        ));

    it('refuses a rating for a quarter that has not begun', () =>
      given(milestoneDecider, [added])
        .when(update({ period: '2030-31 Q1', effectiveOn: undefined }))
        .thenThrows('rule', /2030-31 Q1 has not begun: it starts on 2030-04-01, and today is 2025-10-20/, 'period'));
  });

  describe('ChangeMilestoneDueDate', () => {
    const change = (dueOn: string, reason = 'Recruitment delayed by two months'): MilestoneCommand => ({
      type: 'ChangeMilestoneDueDate',
      data: { planId: 'halton', milestoneId: 'P2.1', dueOn, reason },
      now: NOW,
    });

    it('records the new due date next to the one it replaces', () =>
      given(milestoneDecider, [added])
        .when(change('2026-06-30'))
        .then([
          {
            type: 'MilestoneDueDateChanged',
            data: { dueOn: '2026-06-30', previousDueOn: '2026-03-31', reason: 'Recruitment delayed by two months', effectiveOn: '2025-10-20' },
          },
        ]));

    it('sets a first due date', () =>
      given(milestoneDecider, [{ type: 'MilestoneAdded', data: { milestoneId: 'P2.1', priorityId: 'CYP P2', title: 'T', effectiveOn: '2025-10-01' } }])
        .when(change('2026-06-30'))
        .then([
          {
            type: 'MilestoneDueDateChanged',
            data: { dueOn: '2026-06-30', reason: 'Recruitment delayed by two months', effectiveOn: '2025-10-20' },
          },
        ]));

    it('compares with the due date as last changed', () =>
      given(milestoneDecider, [
        added,
        { type: 'MilestoneDueDateChanged', data: { dueOn: '2026-06-30', previousDueOn: '2026-03-31', reason: 'x', effectiveOn: '2025-10-01' } },
      ])
        .when(change('2026-06-30'))
        .thenThrows('rule', /already due on 2026-06-30/, 'dueOn'));

    it('refuses to change the due date of a milestone that does not exist', () =>
      given(milestoneDecider)
        .when(change('2026-06-30'))
        .thenThrows('not-found', /Plan "halton" has no milestone "P2.1"/, 'milestoneId'));

    it('refuses a change without a reason', () =>
      given(milestoneDecider, [added])
        .when(change('2026-06-30', ''))
        .thenThrows('rule', /reason for changing the due date cannot be blank/, 'reason'));

    it('refuses the same due date', () =>
      given(milestoneDecider, [added])
        .when(change('2026-03-31'))
        .thenThrows('rule', /already due on 2026-03-31; give a different date/, 'dueOn'));

    it('refuses an impossible date', () =>
      given(milestoneDecider, [added])
        .when(change('2026-06-31'))
        .thenThrows('rule', /not a date in the calendar/, 'dueOn'));

    it('refuses to move the deadline of a milestone rated complete', () =>
      given(milestoneDecider, [added, ratedQ2, completedQ3])
        .when(change('2026-06-30'))
        .thenThrows('rule', /is rated complete \(2025-26 Q3\), so its due date can no longer change/, 'dueOn'));

    it('allows it again once a later quarter is no longer complete', () =>
      given(milestoneDecider, [
        added,
        completedQ3,
        { type: 'MilestoneUpdated', data: { ...ratedQ2.data, period: '2025-26 Q4', effectiveOn: '2026-03-31' } },
      ])
        .when(change('2026-06-30'))
        .then([
          {
            type: 'MilestoneDueDateChanged',
            data: { dueOn: '2026-06-30', previousDueOn: '2026-03-31', reason: 'Recruitment delayed by two months', effectiveOn: '2025-10-20' },
          },
        ]));
  });

  describe('the day each fact applies to', () => {
    const late = '2025-12-31T23:30:00.000Z';
    const effectiveOn = (events: ReturnType<typeof milestoneDecider.decide>) => events.map((e) => e.data.effectiveOn);

    it('dates a milestone by the day the command was issued, never by its due date', () =>
      expect(effectiveOn(milestoneDecider.decide({ ...add({ dueOn: '2026-03-31' }), now: late }, { status: 'none' }))).toEqual(['2025-12-31']));

    it('dates a rating by the day it is given for, whenever it is recorded', () =>
      expect(effectiveOn(milestoneDecider.decide({ ...update(), now: late }, milestoneDecider.evolve({ status: 'none' }, added)))).toEqual([
        '2025-09-30',
      ]));

    it('dates a due-date change by the day it was decided', () =>
      expect(
        effectiveOn(
          milestoneDecider.decide(
            { type: 'ChangeMilestoneDueDate', data: { planId: 'halton', milestoneId: 'P2.1', dueOn: '2026-06-30', reason: 'Slipped' }, now: late },
            milestoneDecider.evolve({ status: 'none' }, added),
          ),
        ),
      ).toEqual(['2025-12-31']));
  });
});
