import { ProblemException, validationProblem } from './problem.filter';

/**
 * A thing's revision as an entity tag: a single-thing read sends it as a weak ETag (`W/"3"`), and a write
 * takes it back in If-Match, as an alternative to `expectedRevision` in the body.
 */
export const revisionETag = (revision: number): string => `W/"${revision}"`;

const TAG = /^\s*(?:W\/)?"(\d{1,15})"\s*$/;

/** The revision an If-Match header names (weak or strong, as a read gave it); undefined when there is none. */
export function revisionOfIfMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const match = typeof header === 'string' ? TAG.exec(header) : null;
  if (!match) {
    throw new ProblemException(
      validationProblem([{ field: 'If-Match', message: 'must be one ETag a read gave, such as W/"3" (the revision you read)' }]),
    );
  }
  return Number(match[1]);
}

/** The revision a write expects: from If-Match or from `expectedRevision`; both, if they differ, is a 400. */
export function expectedRevisionOf(ifMatch: number | undefined, inBody: unknown): number | undefined {
  const fromBody = typeof inBody === 'number' ? inBody : undefined;
  if (ifMatch !== undefined && fromBody !== undefined && ifMatch !== fromBody) {
    throw new ProblemException(
      validationProblem([
        {
          field: 'If-Match',
          message: `names revision ${ifMatch}, but expectedRevision is ${fromBody}: send the revision you read once, in either`,
        },
      ]),
    );
  }
  return ifMatch ?? fromBody;
}
