import { getSchemaPath, OpenAPIObject } from '@nestjs/swagger';
import { ProblemDto } from './problem.dto';

type Operation = {
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
  parameters?: Array<{ name: string; in: string }>;
  security?: unknown[];
};

/** What every write may answer besides its success, and why. */
const WRITE: Record<string, string> = {
  '400': 'A field is missing or malformed (the errors name each one), or If-Match and expectedRevision disagree',
  '404': 'The plan, or the thing the path names, does not exist (the detail names the id)',
  '409': 'The revision sent (expectedRevision or If-Match) is not the current one, or the thing already exists',
  '413': 'The body is over 1 MB: the answer names what the route’s own text fields take',
  '415': 'The body is not JSON',
  '422': 'A rule of the plan is broken (the errors name the field): a date after today, a correction without a reason, …',
  '503': 'The event store could not take the write just then (see Retry-After); nothing was recorded unless the answer says it may have been',
};

/** What every read may answer besides its success. */
const READ: Record<string, string> = {
  '400': 'A query parameter is malformed (the errors name each one)',
  '404': 'The plan, or the thing the path names, does not exist, or was not yet recorded at knownAt',
  '503': 'The read models did not reach minPosition within 5 s',
};

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

/** Writes that change many things at once take no single revision. */
const NO_IF_MATCH = /\/quarterly-updates$/;

/**
 * Completes the API documentation in one place: every route lists every status it can answer (each error
 * with the problem+json schema), and every single-thing write its If-Match header, whatever controller
 * declared it and however much that controller said itself.
 */
export function withProblems(document: OpenAPIObject): OpenAPIObject {
  const problem = { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } };
  for (const [path, operations] of Object.entries(document.paths)) {
    const hasParams = path.includes('{');
    for (const [method, operation] of Object.entries(operations as Record<string, Operation>)) {
      if (!operation.security) continue; // public: the health check
      const write = WRITES.has(method);
      const responses = (operation.responses ??= {});
      for (const [status, description] of Object.entries(write ? WRITE : READ)) {
        if (status === '404' && !hasParams) continue;
        responses[status] ??= { description };
      }
      for (const [status, response] of Object.entries(responses)) {
        if (Number(status) >= 400) response.content = problem;
      }
      if (write && hasParams && !NO_IF_MATCH.test(path) && !operation.parameters?.some((p) => p.in === 'header' && p.name === 'If-Match')) {
        (operation.parameters ??= []).push({
          name: 'If-Match',
          in: 'header',
          required: false,
          description: 'The revision you read, as its ETag (W/"3"): a change made since is refused with 409. The same as expectedRevision.',
          schema: { type: 'string' },
        } as { name: string; in: string });
      }
    }
  }
  return document;
}
