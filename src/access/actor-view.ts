import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { map, Observable } from 'rxjs';
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

/** Applies the rule to every answer, in one place, whatever route gave it. */
@Injectable()
export class ActorViewInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const role = context.getType() === 'http' ? context.switchToHttp().getRequest<AuthenticatedRequest>().principal?.role : undefined;
    if (!role || !SEES_ROLE_AND_ORGANISATION_ONLY.has(role)) return next.handle();
    return next.handle().pipe(map(withRoleAndOrganisationOnly));
  }
}
