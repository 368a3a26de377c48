import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Principal } from '../access-policy';
import { Authenticator } from '../authenticator';
import { sessionOf } from './session';

/** How long a sign-in lasts, whatever happens in between: a working day. */
export const SESSION_HOURS = 8;
const SESSION_MS = SESSION_HOURS * 3_600_000;

/**
 * What the session cookie holds, encrypted: the access token itself, so that it is checked again on
 * every request (a revoked token ends its sessions at once), or a single-sign-on user as their identity
 * provider vouched for them at sign-in. `since`: when they signed in (ms).
 */
export type SignedIn = { kind: 'token'; token: string; since: number } | { kind: 'sso'; principal: Principal; since: number };

export type SessionOutcome =
  { kind: 'signed-in'; principal: Principal; since: number } | { kind: 'signed-out' } | { kind: 'ended'; reason: SessionEnd };

/** Why a session ended before its person signed out: too old, or its access token no longer works. */
export type SessionEnd = 'expired' | 'token-invalid';

const KEY = 'signedIn';

/** Who a browser's session stands for, checked afresh on every request. */
@Injectable()
export class WebSessions {
  constructor(private readonly authenticator: Authenticator) {}

  async principalOf(request: FastifyRequest, now = Date.now()): Promise<SessionOutcome> {
    const session = sessionOf(request);
    const signed = session?.get(KEY) as SignedIn | undefined;
    if (!session || !signed) return { kind: 'signed-out' };
    if (!(now - signed.since < SESSION_MS)) {
      session.delete();
      return { kind: 'ended', reason: 'expired' };
    }
    if (signed.kind === 'sso') return { kind: 'signed-in', principal: signed.principal, since: signed.since };
    const outcome = await this.authenticator.authenticate(signed.token);
    if (outcome.kind === 'ok') return { kind: 'signed-in', principal: outcome.principal, since: signed.since };
    session.delete();
    return { kind: 'ended', reason: 'token-invalid' };
  }

  /** Starts a fresh session (nothing of the one before is kept, its form secret included). */
  signIn(request: FastifyRequest, signed: SignedIn): void {
    const session = sessionOf(request);
    if (!session) throw new Error('Sessions are not set up on this server.');
    session.regenerate();
    session.set(KEY, signed);
  }

  signOut(request: FastifyRequest): void {
    sessionOf(request)?.delete();
  }
}
