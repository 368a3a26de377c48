import type { FastifyInstance } from 'fastify';
import { AuthenticatedRequest } from './access.decorator';
import { Role } from './access-policy';

/**
 * Who did what, as each role may see it. A DfE adviser oversees councils, not the people in them: every
 * `actor` in what they read shows the role and the organisation, never a person's name or token id.
 */
export const SEES_ROLE_AND_ORGANISATION_ONLY: ReadonlySet<Role> = new Set(['dfe-adviser']);

const isPlain = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype;

const roleAndOrganisation = (actor: Record<string, unknown>) => ({
  id: null,
  name: null,
  role: actor.role ?? null,
  organisation: actor.organisation ?? null,
});

/** The answer with every actor in it reduced to role and organisation (answers that are not JSON-like pass as they are). */
export function withRoleAndOrganisationOnly(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withRoleAndOrganisationOnly);
  if (!isPlain(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key, key === 'actor' && isPlain(inner) ? roleAndOrganisation(inner) : withRoleAndOrganisationOnly(inner)]),
  );
}

/**
 * Applies the rule to every JSON answer, in one place, whatever route gave it: as the answer is
 * serialised, so a request from any other role pays one property read (a Nest interceptor would cost
 * every request of every role its own async scope).
 */
export function showActorsAsEachRoleMay(fastify: FastifyInstance): void {
  fastify.addHook('preSerialization', (request, _reply, payload, done) => {
    const role = (request as unknown as AuthenticatedRequest).principal?.role;
    done(null, role && SEES_ROLE_AND_ORGANISATION_ONLY.has(role) ? withRoleAndOrganisationOnly(payload) : payload);
  });
}
