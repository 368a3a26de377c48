import { ACCESS_LEVELS, BOOTSTRAP_ADMIN, decideAccess, planScope, Principal, Role, ROLES, strongestRole } from './access-policy';

const principal = (role: Role | null, plans: Principal['plans'] = ['halton']): Principal => ({
  actor: { id: 'u1', name: 'Someone', role: role ?? 'none' },
  role,
  plans,
});

describe('access policy', () => {
  const allowed = (role: Role | null, plans: Principal['plans'] = ['halton']) =>
    ACCESS_LEVELS.filter((level) => decideAccess(principal(role, plans), level, 'halton').allowed);

  it('gives each role its own kinds of access on its own plans', () => {
    expect(allowed('admin', '*')).toEqual(['read', 'audit', 'write', 'admin']);
    expect(allowed('board-member')).toEqual(['read', 'audit', 'write']);
    expect(allowed('auditor')).toEqual(['read', 'audit']);
    expect(allowed('dfe-adviser')).toEqual(['read']);
    expect(allowed(null, '*')).toEqual([]);
  });

  it('refuses every role on a plan outside its list, and allows it on every plan with "*"', () => {
    for (const role of ['board-member', 'auditor', 'dfe-adviser'] as const) {
      expect(decideAccess(principal(role), 'read', 'knowsley')).toEqual({
        allowed: false,
        reason: 'You have no access to plan "knowsley".',
      });
      expect(decideAccess(principal(role, '*'), 'read', 'knowsley').allowed).toBe(true);
    }
  });

  it('says why a role is refused', () => {
    const decision = decideAccess(principal('auditor'), 'write', 'halton');
    expect(decision).toEqual({ allowed: false, reason: 'The auditor role does not allow changing plans.' });
  });

  it('lets a route without a plan in its path through on the role alone', () => {
    expect(decideAccess(principal('dfe-adviser', []), 'read').allowed).toBe(true);
    expect(decideAccess(principal('board-member', '*'), 'admin').allowed).toBe(false);
  });

  it('takes the strongest known role of several, ignoring roles it does not know', () => {
    expect(strongestRole(['Tracker.Reader', 'auditor', 'dfe-adviser'])).toBe('auditor');
    expect(strongestRole(['board-member', 'admin'])).toBe('admin');
    expect(strongestRole(['reader'])).toBeNull();
    expect(ROLES).toHaveLength(4);
  });

  it('reads "*" as every plan, and gives an admin every plan', () => {
    expect(planScope('auditor', ['*'])).toBe('*');
    expect(planScope('auditor', ['halton', 'halton', 'knowsley'])).toEqual(['halton', 'knowsley']);
    expect(planScope('admin', [])).toBe('*');
    expect(BOOTSTRAP_ADMIN).toEqual({ id: 'bootstrap-admin', name: 'Bootstrap administrator', role: 'admin' });
  });
});
