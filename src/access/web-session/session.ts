import type { FastifyRequest } from 'fastify';

/** The encrypted session of a request, by name; absent where no session cookie handling is set up. */
export interface Session {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(): void;
  regenerate(keep?: string[]): void;
}

export const sessionOf = (request: FastifyRequest): Session | undefined =>
  (request as unknown as { session?: Session }).session ?? undefined;
