import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { FieldError } from './problem.filter';

/** class-validator's errors as `{field, message}`, nested fields named with dots and rows in brackets (`updates[2].rag`). */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    // A row of a list is named as a reader writes it: updates[3].rag, not updates.3.rag.
    const field = !parent
      ? error.property
      : /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`;
    // A field left out breaks every rule of its type at once; what a person needs to hear is one thing.
    const missing = error.constraints !== undefined && (error.value === undefined || error.value === null);
    const messages = missing ? [`${error.property} is required`] : Object.values(error.constraints ?? {});
    const own = messages.map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/**
 * A body checked against a request DTO as the API's validation pipe checks it (the web pages' forms use
 * the same DTOs), answering the errors instead of throwing them.
 */
export async function validateBody<T extends object>(
  dto: new () => T,
  body: object,
): Promise<{ value: T; errors: FieldError[] }> {
  const value = plainToInstance(dto, body);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true });
  return { value, errors: fieldErrors(errors) };
}
