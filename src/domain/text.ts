import { ruleBroken } from './domain-error';

/** A required text field, trimmed; blank (or missing) is a rule error naming the field. */
export const requireText = (value: string | undefined, field: string, what: string): string => {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (trimmed === '') throw ruleBroken(`${what} cannot be blank.`, field);
  return trimmed;
};

/** An optional text field, trimmed; blank counts as not given (forms send empty strings). */
export const optionalText = (value: string | undefined): string | undefined => {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed === '' ? undefined : trimmed;
};

/** A list of texts, trimmed, without blanks or repeats. */
export const textList = (values: readonly string[] | undefined): string[] => [
  ...new Set((values ?? []).map((v) => (typeof v === 'string' ? v.trim() : '')).filter((v) => v !== '')),
];

/** Spreads only the optional fields that have a value, so events carry no `undefined` keys. */
export const defined = <T extends Record<string, unknown>>(fields: T): Partial<T> =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<T>;

export const hasOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

/** One of a fixed list of values (a rating, a grade…), else a rule error listing the allowed ones. */
export const requireOneOf = <T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  field: string,
  what: string,
): T => {
  if (value !== undefined && (allowed as readonly string[]).includes(value)) return value as T;
  throw ruleBroken(`"${value ?? ''}" is not ${what}: use one of ${allowed.join(', ')}.`, field);
};
