import { effectiveOnOr, requireDate, requireNotAfter } from '../domain/dates';
import { dayOf } from '../domain/clock';
import { Command } from '../domain/command';
import { Decider } from '../domain/decider';
import { alreadyExists, notFound, ruleBroken } from '../domain/domain-error';
import { defaultDayOf, requireDateInPeriod, requirePeriod, requirePeriodBegun } from '../domain/period';
import { PlanContext, requirePlan } from '../domain/plan-context';
import { streamIdOf } from '../domain/stream-id';
import { defined, hasOwn, optionalText, requireText } from '../domain/text';
import { outOfRange, unitKind } from './indicator-unit';

export type IndicatorEvent =
  | { type: 'IndicatorDefined'; data: { indicatorId: string; title: string; unit: string; effectiveOn: string } }
  | { type: 'IndicatorValueRecorded'; data: { period: string; value: number; effectiveOn: string; note?: string } };

/** The indicator a command is about. */
type Target = { planId: string; indicatorId: string };

export type IndicatorCommand =
  /** effectiveOn: the day the indicator applies from, when not the day the command is issued. */
  | Command<'DefineIndicator', Target & { title: string; unit: string; plan: PlanContext; effectiveOn?: string }>
  /** effectiveOn may be left out: the period's last day once it has ended, else the day the value is recorded. */
  | Command<'RecordIndicatorValue', Target & { period: string; value: number; effectiveOn?: string; note?: string }>;

export type IndicatorState =
  | { status: 'none' }
  | {
      status: 'defined';
      indicatorId: string;
      title: string;
      unit: string;
      /** The latest value of each period, by period text. */
      values: Record<string, { value: number; effectiveOn: string }>;
    };

export const streamType = 'indicator';
export const streamId = (planId: string, indicatorId: string): string => streamIdOf(streamType, planId, indicatorId);
export const streamOfCommand = ({ data }: IndicatorCommand): string => streamId(data.planId, data.indicatorId);

export const initialState: IndicatorState = { status: 'none' };

export const evolve = (state: IndicatorState, event: IndicatorEvent): IndicatorState => {
  switch (event.type) {
    case 'IndicatorDefined': {
      const { indicatorId, title, unit } = event.data;
      return { status: 'defined', indicatorId, title, unit, values: {} };
    }
    case 'IndicatorValueRecorded': {
      if (state.status !== 'defined') return state;
      const { period, value, effectiveOn } = event.data;
      return { ...state, values: { ...state.values, [period]: { value, effectiveOn } } };
    }
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};

export const decide = (command: IndicatorCommand, state: IndicatorState): IndicatorEvent[] => {
  switch (command.type) {
    case 'DefineIndicator': {
      const { data } = command;
      requirePlan(data.plan, data.planId);
      const indicatorId = requireText(data.indicatorId, 'indicatorId', 'The indicator id');
      if (state.status !== 'none') {
        throw alreadyExists(`Indicator ${indicatorId} already exists ("${state.title}", in ${state.unit}).`, 'indicatorId');
      }
      const title = requireText(data.title, 'title', "The indicator's title");
      const unit = requireText(data.unit, 'unit', "The indicator's unit");
      const effectiveOn = effectiveOnOr(data.effectiveOn, command.now, 'The date the indicator applies from');
      return [{ type: 'IndicatorDefined', data: { indicatorId, title, unit, effectiveOn } }];
    }
    case 'RecordIndicatorValue': {
      if (state.status === 'none') {
        throw notFound(
          `Plan "${command.data.planId}" has no indicator "${command.data.indicatorId}"; define it before recording its values.`,
          'indicatorId',
        );
      }
      const { data } = command;
      const period = requirePeriod(data.period, ['quarter', 'financial-year', 'month']);
      const today = dayOf(command.now);
      requirePeriodBegun(period, today, 'A value');
      const value = data.value;
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        throw ruleBroken(`The value of ${state.indicatorId} must be a number.`, 'value');
      }
      const outside = outOfRange(unitKind(state.unit), value);
      if (outside) throw ruleBroken(`${state.indicatorId} ${outside.replace('%v', String(value))}.`, 'value');
      const effectiveOn =
        data.effectiveOn === undefined ? defaultDayOf(period, today) : requireDate(data.effectiveOn, 'effectiveOn', 'The date the value applies to');
      requireDateInPeriod(effectiveOn, period);
      requireNotAfter(effectiveOn, today, 'effectiveOn', 'The date the value applies to');
      const note = optionalText(data.note);
      const previous = hasOwn(state.values, period.text) ? state.values[period.text] : undefined;
      if (previous) {
        const was = `${previous.value}, effective ${previous.effectiveOn}`;
        if (previous.value === value && previous.effectiveOn === effectiveOn) {
          throw ruleBroken(
            `${state.indicatorId} already has this value for ${period.text} (${was}); recording it again changes nothing.`,
          );
        }
        // As with ratings: a figure the board has seen is corrected, never silently replaced.
        if (!note) {
          throw ruleBroken(
            `${state.indicatorId} already has a value for ${period.text} (${was}); changing it is a correction and needs a note saying why.`,
            'note',
          );
        }
      }
      return [{ type: 'IndicatorValueRecorded', data: { period: period.text, value, effectiveOn, ...defined({ note }) } }];
    }
    default: {
      const _exhaustive: never = command;
      return [];
    }
  }
};

/** The day each event applies to: an indicator from the day it was defined, a value to its own date. */
export const effectiveOnOf = (event: IndicatorEvent): string => event.data.effectiveOn;

export const indicatorDecider: Decider<IndicatorCommand, IndicatorEvent, IndicatorState> = {
  decide,
  evolve,
  initialState,
};
