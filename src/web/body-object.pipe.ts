import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { FieldError, ProblemException, validationProblem } from './problem.filter';

/**
 * Keys that name parts of JavaScript's object machinery: no request has such a field, and class-transformer
 * passes over them, so validation would never see them to refuse them as it refuses any unknown field.
 */
const MACHINERY = new Set(['constructor', 'prototype', '__proto__']);

/** Every machinery key in a body, named as validation names a field (`updates[0].constructor`). */
function machineryKeys(value: unknown, path: string): FieldError[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => machineryKeys(item, `${path}[${i}]`));
  return Object.keys(value).flatMap((key) => {
    const field = path ? `${path}.${key}` : key;
    const own = MACHINERY.has(key) ? [{ field, message: `property ${key} should not exist` }] : [];
    return [...own, ...machineryKeys((value as Record<string, unknown>)[key], field)];
  });
}

/**
 * A JSON array or scalar where an object is expected is refused before validation looks at it, and so is
 * a field named after object machinery (`constructor`, `prototype`), like any field the request does not have.
 */
@Injectable()
export class BodyObjectPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body') return value;
    if (value === undefined) return {};
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ProblemException(validationProblem([{ field: 'body', message: 'must be a JSON object' }]));
    }
    const machinery = machineryKeys(value, '');
    if (machinery.length > 0) throw new ProblemException(validationProblem(machinery));
    return value;
  }
}
