import { deepStrictEqual, fail } from 'node:assert/strict';
import { Decider, fold } from '../../src/domain/decider';
import { DomainError, DomainErrorKind } from '../../src/domain/domain-error';

/**
 * given(decider, pastEvents).when(command).then(expectedEvents) / .thenThrows(kind, message, field).
 * Uses node:assert, so a failure names the events expected and given.
 */
export const given = <C, E, S>(decider: Decider<C, E, S>, events: readonly E[] = []) => ({
  when: (command: C) => {
    const run = () => decider.decide(command, fold(decider, events));
    return {
      then: (expected: E[]) => deepStrictEqual(run(), expected),
      thenThrows: (kind: DomainErrorKind, message: RegExp, field?: string) => {
        let events: E[];
        try {
          events = run();
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          deepStrictEqual({ kind: error.kind, field: error.field }, { kind, field });
          if (!message.test(error.message)) fail(`Message "${error.message}" does not match ${message}`);
          return;
        }
        fail(`Expected a ${kind} error but got events ${JSON.stringify(events)}`);
      },
    };
  },
});
