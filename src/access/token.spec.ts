import { given } from '../../test/support/decider-spec';
import { tokenDecider, TokenEvent } from './token';

const hash = 'a'.repeat(64);
const issue = (overrides: Record<string, unknown> = {}) => ({
  type: 'IssueToken' as const,
  data: {
    tokenId: 't1',
    name: ' Jane Smith ',
    role: 'board-member',
    plans: ['halton'],
    hash,
    ...overrides,
  },
  now: '2025-10-01T09:00:00Z',
});
const issued: TokenEvent = {
  type: 'TokenIssued',
  data: { tokenId: 't1', name: 'Jane Smith', role: 'board-member', plans: ['halton'], hash },
};

describe('tokens', () => {
  it('issues a token for a named person, a role and plans', () => {
    given(tokenDecider).when(issue()).then([issued]);
  });

  it('records an expiry in UTC', () => {
    given(tokenDecider)
      .when(issue({ expiresAt: '2026-03-31T23:59:59+01:00' }))
      .then([{ type: 'TokenIssued', data: { ...issued.data, expiresAt: '2026-03-31T22:59:59.000Z' } }]);
  });

  it.each([
    [{ name: ' ' }, 'name', /name cannot be blank/],
    [{ role: 'superuser' }, 'role', /is not a role: use one of admin, board-member, auditor, dfe-adviser/],
    [{ plans: [] }, 'plans', /at least one plan/],
    [{ plans: ['*', 'halton'] }, 'plans', /alone/],
    [{ role: 'admin', plans: ['halton'] }, 'plans', /admin acts on every plan/],
    [{ expiresAt: '2025-09-30T00:00:00Z' }, 'expiresAt', /in the future/],
    [{ expiresAt: 'tomorrow' }, 'expiresAt', /must be an instant/],
    [{ hash: 'plain secret' }, 'hash', /SHA-256/],
  ])('refuses %p', (overrides, field, message) => {
    given(tokenDecider).when(issue(overrides)).thenThrows('rule', message, field);
  });

  it('never issues the same tokenId twice', () => {
    given(tokenDecider, [issued])
      .when(issue())
      .thenThrows('already-exists', /already exists/, 'tokenId');
  });

  it('revokes an active token once', () => {
    given(tokenDecider, [issued])
      .when({ type: 'RevokeToken', data: { tokenId: 't1' }, now: '2025-10-02T09:00:00Z' })
      .then([{ type: 'TokenRevoked', data: { tokenId: 't1' } }]);
    const revoked: TokenEvent = { type: 'TokenRevoked', data: { tokenId: 't1' } };
    given(tokenDecider, [issued, revoked])
      .when({ type: 'RevokeToken', data: { tokenId: 't1' }, now: '2025-10-02T09:00:00Z' })
      .thenThrows('rule', /already revoked/, 'tokenId');
    given(tokenDecider)
      .when({ type: 'RevokeToken', data: { tokenId: 'nope' }, now: '2025-10-02T09:00:00Z' })
      .thenThrows('not-found', /no token nope/, 'tokenId');
  });
});
