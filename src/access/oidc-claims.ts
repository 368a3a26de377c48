import { OidcConfig } from '../config/config';
import { ALL_PLANS, planScope, Principal, strongestRole } from './access-policy';

type Claims = Record<string, unknown>;

/** A claim by name; a dotted name (e.g. `realm_access.roles`) is followed into nested objects when no claim has it whole. */
export function claim(claims: Claims, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(claims, name)) return claims[name];
  if (!name.includes('.')) return undefined;
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Claims)[part];
  }
  return value;
}

const strings = (value: unknown): string[] => {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter((s) => s !== '');
  if (Array.isArray(value))
    return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  return [];
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 200) : undefined;

/**
 * The principal of a verified ID or access token: actor `{id: sub, name, role}`. A token naming no role
 * this product knows still authenticates (role null): the guard answers 403, since the person is known
 * and only lacks permission. Without a `sub` there is nobody to hold to account: undefined (401).
 */
export function principalFromClaims(
  claims: Claims,
  config: Pick<OidcConfig, 'roleClaim' | 'plansClaim' | 'nameClaim' | 'organisationClaim'>,
): Principal | undefined {
  const sub = text(claims.sub);
  if (!sub) return undefined;
  const role = strongestRole(strings(claim(claims, config.roleClaim)));
  const plans = strings(claim(claims, config.plansClaim));
  const name = text(claim(claims, config.nameClaim)) ?? text(claims.preferred_username) ?? text(claims.email) ?? sub;
  const organisation = text(claim(claims, config.organisationClaim)) ?? emailDomain(claims.email);
  return {
    actor: { id: sub, name, role: role ?? 'none', ...(organisation ? { organisation } : {}) },
    role,
    plans: role === null ? [] : planScope(role, plans.includes(ALL_PLANS) ? [ALL_PLANS] : plans),
  };
}

/** Without an organisation claim, the domain of the person's email (`halton.gov.uk`) says whom they act for. */
function emailDomain(email: unknown): string | undefined {
  const match = typeof email === 'string' ? /^[^@\s]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,})$/.exec(email.trim()) : null;
  return match?.[1]?.toLowerCase();
}
