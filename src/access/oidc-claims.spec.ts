import { principalFromClaims } from './oidc-claims';

const config = { roleClaim: 'roles', plansClaim: 'plans', nameClaim: 'name', organisationClaim: 'organisation' };

describe('single sign-on claims', () => {
  it('makes the actor from sub, name and the strongest known role, with the plans claim as scope', () => {
    expect(
      principalFromClaims(
        { sub: 'abc-123', name: 'Priya Shah', roles: ['Tracker.User', 'auditor'], plans: ['halton', 'knowsley'] },
        config,
      ),
    ).toEqual({
      actor: { id: 'abc-123', name: 'Priya Shah', role: 'auditor' },
      role: 'auditor',
      plans: ['halton', 'knowsley'],
    });
  });

  it('records the organisation from its claim, else from the domain of the email, else none', () => {
    const claims = { sub: 's', roles: 'board-member', plans: 'halton', email: 'Jane.Smith@Halton.gov.uk' };
    expect(principalFromClaims({ ...claims, organisation: 'Halton Borough Council' }, config)?.actor.organisation).toBe('Halton Borough Council');
    expect(principalFromClaims(claims, config)?.actor.organisation).toBe('halton.gov.uk');
    expect(principalFromClaims({ ...claims, email: 'not an address' }, config)?.actor).not.toHaveProperty('organisation');
  });

  it('reads a role and plans given as strings, "*" as every plan, and an admin as every plan', () => {
    expect(principalFromClaims({ sub: 's', roles: 'dfe-adviser', plans: 'halton knowsley' }, config)?.plans).toEqual([
      'halton',
      'knowsley',
    ]);
    expect(principalFromClaims({ sub: 's', roles: 'dfe-adviser', plans: ['*'] }, config)?.plans).toBe('*');
    expect(principalFromClaims({ sub: 's', roles: ['admin'] }, config)?.plans).toBe('*');
  });

  it('follows configured claim names, nested ones included', () => {
    const custom = { roleClaim: 'realm_access.roles', plansClaim: 'https://tracker.example/plans', nameClaim: 'given_name', organisationClaim: 'org' };
    const principal = principalFromClaims(
      { sub: 's', given_name: 'Sam', realm_access: { roles: ['board-member'] }, 'https://tracker.example/plans': ['halton'] },
      custom,
    );
    expect(principal).toEqual({ actor: { id: 's', name: 'Sam', role: 'board-member' }, role: 'board-member', plans: ['halton'] });
  });

  it('falls back to preferred_username, email, then sub for the name', () => {
    expect(principalFromClaims({ sub: 's', preferred_username: 'sam@halton.gov.uk' }, config)?.actor.name).toBe(
      'sam@halton.gov.uk',
    );
    expect(principalFromClaims({ sub: 's' }, config)?.actor.name).toBe('s');
  });

  it('authenticates a user with no known role but gives them no role and no plans', () => {
    expect(principalFromClaims({ sub: 's', roles: ['reader'], plans: ['*'] }, config)).toEqual({
      actor: { id: 's', name: 's', role: 'none' },
      role: null,
      plans: [],
    });
  });

  it('refuses a token without a subject', () => {
    expect(principalFromClaims({ name: 'x', roles: ['admin'] }, config)).toBeUndefined();
    expect(principalFromClaims({ sub: 42, roles: ['admin'] }, config)).toBeUndefined();
  });
});
