import { Actor } from '../domain/actor';

/** Who may do what: the roles, the kinds of access a route declares, and the one rule joining them. */
export const ROLES = ['admin', 'board-member', 'auditor', 'dfe-adviser'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a route needs. `read`: the projections of a plan; `audit`: its recorded events, who did what;
 * `write`: recording facts about a plan; `admin`: tokens and new plans.
 */
export const ACCESS_LEVELS = ['read', 'audit', 'write', 'admin'] as const;
export type AccessLevel = (typeof ACCESS_LEVELS)[number];

/** Each role may do everything the roles after it may, and more: admin ⊃ board-member ⊃ auditor ⊃ dfe-adviser. */
export const GRANTS: Record<Role, readonly AccessLevel[]> = {
  admin: ['read', 'audit', 'write', 'admin'],
  'board-member': ['read', 'audit', 'write'],
  auditor: ['read', 'audit'],
  'dfe-adviser': ['read'],
};

export const ALL_PLANS = '*';
/** The plans a caller may see: all of them, or the listed planIds. */
export type PlanScope = typeof ALL_PLANS | readonly string[];

/** The authenticated caller. `role` is null for a single-sign-on user whose token names no role we know. */
export interface Principal {
  actor: Actor;
  role: Role | null;
  plans: PlanScope;
}

export const BOOTSTRAP_ADMIN: Actor = { id: 'bootstrap-admin', name: 'Bootstrap administrator', role: 'admin' };

export const isRole = (value: unknown): value is Role =>
  typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Of several roles granted at once, the one that allows the most (roles are nested, see GRANTS). */
export const strongestRole = (values: readonly unknown[]): Role | null => ROLES.find((role) => values.includes(role)) ?? null;

/** `["*"]` means every plan; an admin always acts on every plan. */
export const planScope = (role: Role | null, plans: readonly string[]): PlanScope =>
  role === 'admin' || plans.includes(ALL_PLANS) ? ALL_PLANS : [...new Set(plans)];

/** Plan ids are not case-sensitive, as everywhere in the product. */
export const canSeePlan = (scope: PlanScope, planId: string): boolean =>
  scope === ALL_PLANS || scope.some((allowed) => allowed.toLowerCase() === planId.toLowerCase());

export type Decision = { allowed: true } | { allowed: false; reason: string };

/** May this caller use a route that needs `level`, on the plan in its path (if it names one)? */
export function decideAccess(principal: Principal, level: AccessLevel, planId?: string): Decision {
  const { role } = principal;
  if (role === null) {
    return {
      allowed: false,
      reason: `You are signed in, but your account has no role in this product (one of ${ROLES.join(', ')}).`,
    };
  }
  if (!GRANTS[role].includes(level)) return { allowed: false, reason: `The ${role} role does not allow ${DESCRIBE[level]}.` };
  if (planId !== undefined && !canSeePlan(principal.plans, planId)) {
    return { allowed: false, reason: `You have no access to plan "${planId}".` };
  }
  return { allowed: true };
}

const DESCRIBE: Record<AccessLevel, string> = {
  read: 'reading plans',
  audit: 'reading the audit trail',
  write: 'changing plans',
  admin: 'administration (tokens and new plans)',
};
