import { Problem, problemType } from './problem.filter';

/** The deepest nesting of objects and arrays a request body may have: a real request has three or four levels. */
export const MAX_JSON_DEPTH = 16;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * Whether JSON text nests objects and arrays deeper than `limit`, told by one pass over its characters
 * (brackets inside strings do not count) that stops as soon as it is: nothing is built, so a body nested
 * thousands of levels deep costs no more than reading it, where parsing and validating it would overflow
 * the stack.
 */
export function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth--;
  }
  return false;
}

export const tooDeepProblem = (): Problem => ({
  type: problemType('malformed-body'),
  title: 'The request body could not be read',
  status: 400,
  detail: `The request body is nested more than ${MAX_JSON_DEPTH} levels deep; no request of this API needs that many.`,
  errors: [{ field: 'body', message: `must not nest objects and lists more than ${MAX_JSON_DEPTH} levels deep` }],
});
