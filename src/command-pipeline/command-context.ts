import { createHash, randomUUID } from 'node:crypto';

/** Who acts. Until authentication exists every request acts as the anonymous principal. */
export interface Actor {
  id: string;
  name: string;
  role: string;
}

export const ANONYMOUS: Actor = { id: 'anonymous', name: 'Anonymous', role: 'anonymous' };

/** What a command carries besides its data: it all ends up in the metadata of the events it appends. */
export interface CommandContext {
  actor: Actor;
  correlationId: string;
  /** The id of this command; the events it appends name it as their cause. */
  commandId: string;
  /** Makes a retried request append nothing new: event ids are derived from it. */
  idempotencyKey?: string;
  /** A fingerprint of the request, so a key reused for a different request is refused. */
  requestHash?: string;
  /** The expected revision of the stream, when the client sent one (a mismatch is 409, never retried). */
  expectedRevision?: number;
  /** Effective date for events that carry none of their own (e.g. the date of the document they come from). */
  effectiveOn?: string;
  /** Extra metadata, e.g. the source document of a seeded fact. */
  extra?: Record<string, unknown>;
}

export const newContext = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  actor: ANONYMOUS,
  correlationId: randomUUID(),
  commandId: randomUUID(),
  ...overrides,
});

/** A UUID-shaped id that is the same every time for the same inputs (RFC 4122 variant, version 5 style). */
export function deterministicUuid(...parts: string[]): string {
  const hash = createHash('sha256').update(parts.join('\u0000')).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export const fingerprint = (value: unknown): string =>
  createHash('sha256').update(JSON.stringify(value ?? null)).digest('hex').slice(0, 32);
