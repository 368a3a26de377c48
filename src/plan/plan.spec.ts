import { given } from '../../test/support/decider-spec';
import { fold } from '../domain/decider';
import { PlanEvent, planContextOf, planDecider, streamId } from './plan';

/** The instant the commands are issued: facts with no date of their own apply from its day. */
const NOW = '2025-10-20T09:00:00.000Z';

const created: PlanEvent = {
  type: 'PlanCreated',
  data: {
    planId: 'halton',
    localAuthority: 'Halton Borough Council',
    title: 'Children’s Services Improvement Plan',
    effectiveOn: '2025-10-20',
  },
};
const priorityAdded: PlanEvent = { type: 'PriorityAdded', data: { priorityId: 'CYP P2', title: 'Front door', effectiveOn: '2025-10-20' } };

describe('plan', () => {
  describe('CreatePlan', () => {
    it('creates a plan, trimming its texts', () =>
      given(planDecider)
        .when({
          now: NOW,
          type: 'CreatePlan',
          data: {
            planId: 'halton',
            localAuthority: ' Halton Borough Council ',
            title: 'Children’s Services Improvement Plan',
          },
        })
        .then([created]));

    it('refuses a plan that already exists', () =>
      given(planDecider, [created])
        .when({ type: 'CreatePlan', data: { planId: 'halton', localAuthority: 'Halton', title: 'Again' }, now: NOW })
        .thenThrows('already-exists', /Plan "halton" already exists/, 'planId'));

    it.each([
      ['planId', { planId: ' ', localAuthority: 'Halton', title: 'Plan' }, /plan id cannot be blank/],
      ['localAuthority', { planId: 'halton', localAuthority: '', title: 'Plan' }, /local authority cannot be blank/],
      ['title', { planId: 'halton', localAuthority: 'Halton', title: '  ' }, /plan's title cannot be blank/],
    ])('refuses a blank %s', (field, data, message) =>
      given(planDecider).when({ type: 'CreatePlan', data, now: NOW }).thenThrows('rule', message, field),
    );
  });

  describe('AddPriority', () => {
    it('adds a priority', () =>
      given(planDecider, [created])
        .when({ type: 'AddPriority', data: { planId: 'halton', priorityId: 'CYP P2', title: ' Front door ' }, now: NOW })
        .then([priorityAdded]));

    it('refuses a priority for a plan that does not exist', () =>
      given(planDecider)
        .when({ type: 'AddPriority', data: { planId: 'halton', priorityId: 'CYP P2', title: 'Front door' }, now: NOW })
        .thenThrows('not-found', /There is no plan "halton"/, 'planId'));

    it('refuses a priority that already exists', () =>
      given(planDecider, [created, priorityAdded])
        .when({ type: 'AddPriority', data: { planId: 'halton', priorityId: 'CYP P2', title: 'Again' }, now: NOW })
        .thenThrows('already-exists', /Priority CYP P2 already exists in plan "halton" \("Front door"\)/, 'priorityId'));

    it('does not mistake built-in names for existing priorities', () =>
      given(planDecider, [created])
        .when({ type: 'AddPriority', data: { planId: 'halton', priorityId: 'toString', title: 'Odd id' }, now: NOW })
        .then([{ type: 'PriorityAdded', data: { priorityId: 'toString', title: 'Odd id', effectiveOn: '2025-10-20' } }]));

    it('refuses a blank priority id or title', () => {
      given(planDecider, [created])
        .when({ type: 'AddPriority', data: { planId: 'halton', priorityId: '', title: 'x' }, now: NOW })
        .thenThrows('rule', /priority id cannot be blank/, 'priorityId');
      given(planDecider, [created])
        .when({ type: 'AddPriority', data: { planId: 'halton', priorityId: 'CYP P3', title: ' ' }, now: NOW })
        .thenThrows('rule', /priority's title cannot be blank/, 'title');
    });
  });

  it('gives other aggregates what they need to know of the plan', () => {
    expect(planContextOf(fold(planDecider, []))).toEqual({ exists: false, priorityIds: [] });
    expect(planContextOf(fold(planDecider, [created, priorityAdded]))).toEqual({
      exists: true,
      priorityIds: ['CYP P2'],
    });
  });

  it('names its stream after the plan id', () => expect(streamId('CYP plan')).toBe('plan-CYP%20plan'));
});
