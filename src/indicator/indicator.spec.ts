import { given } from '../../test/support/decider-spec';
import { IndicatorCommand, IndicatorEvent, indicatorDecider as decider, streamId } from './indicator';

/** The instant the commands are issued: facts with no date of their own apply from its day. */
const NOW = '2025-10-20T09:00:00.000Z';

const plan = { exists: true, priorityIds: [] };
const define = (data: Partial<Extract<IndicatorCommand, { type: 'DefineIndicator' }>['data']> = {}): IndicatorCommand => ({
  type: 'DefineIndicator',
  data: { planId: 'halton', indicatorId: 'CIC', title: 'Children in care', unit: 'children', plan, ...data },
  now: NOW,
});
const record = (data: Partial<Extract<IndicatorCommand, { type: 'RecordIndicatorValue' }>['data']> = {}): IndicatorCommand => ({
  type: 'RecordIndicatorValue',
  data: { planId: 'halton', indicatorId: 'CIC', period: '2025-26 Q2', value: 384, effectiveOn: '2025-09-30', ...data },
  now: NOW,
});
const defined: IndicatorEvent = {
  type: 'IndicatorDefined',
  data: { indicatorId: 'CIC', title: 'Children in care', unit: 'children', effectiveOn: '2025-10-20' },
};
const percentage: IndicatorEvent = {
  type: 'IndicatorDefined',
  data: { indicatorId: 'PLACE3', title: 'Children in care with 3+ placements in 12 months', unit: '%', effectiveOn: '2025-10-01' },
};
const q2: IndicatorEvent = {
  type: 'IndicatorValueRecorded',
  data: { period: '2025-26 Q2', value: 384, effectiveOn: '2025-09-30' },
};

describe('indicator', () => {
  it('names its stream after plan and indicator', () =>
    expect(streamId('halton', 'CIC rate')).toBe('indicator-halton/CIC%20rate'));

  describe('DefineIndicator', () => {
    it('defines an indicator', () =>
      given(decider)
        .when(define({ title: ' Children in care ' }))
        .then([defined]));

    it('refuses an indicator for a plan that does not exist', () =>
      given(decider)
        .when(define({ plan: { exists: false, priorityIds: [] } }))
        .thenThrows('not-found', /no plan "halton"/, 'planId'));

    it('refuses one that already exists', () =>
      given(decider, [defined])
        .when(define())
        .thenThrows('already-exists', /CIC already exists \("Children in care", in children\)/, 'indicatorId'));

    it('refuses a blank title or unit', () => {
      given(decider)
        .when(define({ title: '' }))
        .thenThrows('rule', /title cannot be blank/, 'title');
      given(decider)
        .when(define({ unit: ' ' }))
        .thenThrows('rule', /unit cannot be blank/, 'unit');
    });
  });

  describe('RecordIndicatorValue', () => {
    it.each([
      ['2025-26 Q2', '2025-09-30'],
      ['2025-26', '2026-03-31'],
      ['2025-09', '2025-09-30'],
      ['2025-09', '2025-09-15'],
    ])('records a value for %s effective %s', (period, effectiveOn) =>
      given(decider, [defined])
        .when({ ...record({ period, effectiveOn, note: ' Provisional ' }), now: '2026-04-20T09:00:00.000Z' })
        .then([{ type: 'IndicatorValueRecorded', data: { period, value: 384, effectiveOn, note: 'Provisional' } }]),
    );

    it('refuses a value for an indicator that does not exist', () =>
      given(decider)
        .when(record())
        .thenThrows('not-found', /Plan "halton" has no indicator "CIC"/, 'indicatorId'));

    it('refuses a period it cannot read', () =>
      given(decider, [defined])
        .when(record({ period: 'Sept 2025' }))
        .thenThrows(
          'rule',
          /"Sept 2025" is not recognised: write a financial-year quarter such as "2025-26 Q2", or a financial year such as "2025-26", or a month such as "2025-09"/,
          'period',
        ));

    it('refuses a date outside the period, saying its dates', () => {
      given(decider, [defined])
        .when(record({ period: '2025-09', effectiveOn: '2025-10-01' }))
        .thenThrows('rule', /after 2025-09 ends: it must fall within 2025-09-01 to 2025-09-30/, 'effectiveOn');
      given(decider, [defined])
        .when(record({ period: '2025-26', effectiveOn: '2025-03-31' }))
        .thenThrows('rule', /before 2025-26 starts: it must fall within 2025-04-01 to 2026-03-31/, 'effectiveOn');
    });

    it('dates a value on the period’s last day, or today while the period runs, when no date is given', () => {
      given(decider, [defined])
        .when(record({ effectiveOn: undefined }))
        .then([{ type: 'IndicatorValueRecorded', data: { period: '2025-26 Q2', value: 384, effectiveOn: '2025-09-30' } }]);
      given(decider, [defined])
        .when(record({ period: '2025-26', effectiveOn: undefined }))
        .then([{ type: 'IndicatorValueRecorded', data: { period: '2025-26', value: 384, effectiveOn: '2025-10-20' } }]);
    });

    it('refuses a value for a period that has not begun, or dated after today', () => {
      given(decider, [defined])
        .when(record({ period: '2025-26 Q4', effectiveOn: undefined }))
        .thenThrows('rule', /2025-26 Q4 has not begun: it starts on 2026-01-01/, 'period');
      given(decider, [defined])
        .when(record({ period: '2025-26 Q3', effectiveOn: '2025-12-31' }))
        .thenThrows('rule', /\(2025-12-31\) is after today \(2025-10-20\)/, 'effectiveOn');
    });

    it('refuses an impossible date', () =>
      given(decider, [defined])
        .when(record({ effectiveOn: '2025-09-31' }))
        .thenThrows('rule', /not a date in the calendar/, 'effectiveOn'));

    it.each([NaN, Infinity, '384' as unknown as number])('refuses the value %p', (value) =>
      given(decider, [defined])
        .when(record({ value }))
        .thenThrows('rule', /value of CIC must be a number/, 'value'),
    );

    it('records a percentage and refuses one above 100', () => {
      given(decider, [percentage])
        .when(record({ value: 10.4 }))
        .then([{ type: 'IndicatorValueRecorded', data: { period: '2025-26 Q2', value: 10.4, effectiveOn: '2025-09-30' } }]);
      given(decider, [percentage])
        .when(record({ value: 104 }))
        .thenThrows('rule', /PLACE3 is a percentage, so 104 is not possible: give a value from 0 to 100/, 'value');
    });

    it('refuses a count that is negative or not whole', () => {
      given(decider, [defined])
        .when(record({ value: -1 }))
        .thenThrows('rule', /CIC is a count, so -1 is not possible: give a whole number from 0/, 'value');
      given(decider, [defined])
        .when(record({ value: 384.5 }))
        .thenThrows('rule', /CIC is a count, so 384.5 is not possible/, 'value');
    });

    it('records a correction with a note saying why', () =>
      given(decider, [defined, q2])
        .when(record({ value: 386, note: 'Two late admissions' }))
        .then([
          {
            type: 'IndicatorValueRecorded',
            data: { period: '2025-26 Q2', value: 386, effectiveOn: '2025-09-30', note: 'Two late admissions' },
          },
        ]));

    it('refuses a correction without a note', () =>
      given(decider, [defined, q2])
        .when(record({ value: 386 }))
        .thenThrows(
          'rule',
          /already has a value for 2025-26 Q2 \(384, effective 2025-09-30\); changing it is a correction and needs a note/,
          'note',
        ));

    it('refuses a value that changes nothing', () =>
      given(decider, [defined, q2])
        .when(record({ note: 'again' }))
        .thenThrows('rule', /already has this value for 2025-26 Q2.*changes nothing/));
  });
});
