import { CommandsRefusedError } from '../domain/command';
import { WrongExpectedRevisionError } from '../event-store/event-store.port';
import { ProblemException, refusalsProblem, toProblem } from './problem.filter';

/** An item of a batch request as errors name it: the stream it changes and what a person calls it. */
export interface BatchItem {
  streamId: string;
  label: string;
}

/**
 * The error of a batch request with its items named as the request names them (`updates[3]…`): every
 * refused item, or the item whose expected revision someone else overtook. Any other error is returned as it is.
 */
export function batchProblem(error: unknown, list: string, items: readonly BatchItem[]): unknown {
  if (error instanceof CommandsRefusedError) return new ProblemException(refusalsProblem(error, list));
  if (!(error instanceof WrongExpectedRevisionError)) return error;
  const index = items.findIndex((item) => item.streamId === error.streamId);
  if (index === -1) return error;
  const conflict = toProblem(error);
  return new ProblemException({
    ...conflict,
    detail: `${items[index]!.label} (${list}[${index}]) was changed by someone else first, so nothing was recorded. ${conflict.detail}`,
    errors: [{ field: `${list}[${index}].expectedRevision`, message: `${items[index]!.label} is now at revision ${error.actual}` }],
  });
}
