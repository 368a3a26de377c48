/**
 * The one error type the domain throws. `kind` tells the API how to answer:
 * rule → 422, not-found → 404, already-exists → 409. `field` names the input at fault, when one is.
 */
export type DomainErrorKind = 'rule' | 'not-found' | 'already-exists';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const ruleBroken = (message: string, field?: string) => new DomainError('rule', message, field);
export const notFound = (message: string, field?: string) => new DomainError('not-found', message, field);
export const alreadyExists = (message: string, field?: string) => new DomainError('already-exists', message, field);
