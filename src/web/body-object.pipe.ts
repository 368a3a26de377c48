import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ProblemException, validationProblem } from './problem.filter';

/** A JSON array or scalar where an object is expected is refused before validation looks at it. */
@Injectable()
export class BodyObjectPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body') return value;
    if (value === undefined) return {};
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new ProblemException(validationProblem([{ field: 'body', message: 'must be a JSON object' }]));
    }
    return value;
  }
}
