import { ProblemException, problemType } from '../../web/problem.filter';
import { ReadCut } from './read-cut';

export interface Missing {
  what: 'plan' | 'milestone' | 'recommendation';
  id: string;
  /** The plan it would belong to; absent for a plan itself. */
  planId?: string;
  /** When it was recorded, if it exists at all: then it is missing only at this knownAt. */
  recordedAt?: string;
}

/** 404 for a plan, milestone or recommendation unknown, or not yet recorded at the cut's knownAt. */
export function notFoundProblem({ what, id, planId, recordedAt }: Missing, cut: ReadCut): ProblemException {
  const named = planId === undefined ? `${what} "${id}"` : `${what} "${id}" of plan "${planId}"`;
  const detail =
    recordedAt !== undefined
      ? `The ${named} was recorded at ${recordedAt}, after knownAt ${cut.knownAt}.`
      : planId === undefined
        ? `There is no ${named}.`
        : `Plan "${planId}" has no ${what} "${id}".`;
  return new ProblemException({
    type: problemType('not-found'),
    title: 'Not found',
    status: 404,
    detail,
    errors: [{ field: `${what}Id`, message: detail }],
  });
}
