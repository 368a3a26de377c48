import { Command } from '../domain/command';
import { Decider } from '../domain/decider';
import { alreadyExists, notFound, ruleBroken } from '../domain/domain-error';
import { hasOwn, optionalText, requireOneOf, requireText, textList } from '../domain/text';
import { ALL_PLANS, Role, ROLES } from './access-policy';

/** Bearer tokens are facts too: issued and revoked, in one stream, by the one command pipeline. */
export const TOKEN_STREAM = 'access-tokens';
export const streamOfCommand = (): string => TOKEN_STREAM;

export interface TokenDetails {
  tokenId: string;
  /** Whom the token is for, e.g. "Jane Smith (improvement board chair)": the name events record. */
  name: string;
  /** The organisation they act for, e.g. "Halton Borough Council": what DfE advisers see of them. */
  organisation?: string;
  role: Role;
  /** planIds, or ["*"] for every plan. */
  plans: string[];
  /** SHA-256 of the token's secret (hex). Never shown. */
  hash: string;
  expiresAt?: string;
}

export type TokenEvent = { type: 'TokenIssued'; data: TokenDetails } | { type: 'TokenRevoked'; data: { tokenId: string } };

export type TokenCommand =
  | Command<
      'IssueToken',
      { tokenId: string; name: string; organisation?: string; role: string; plans: readonly string[]; hash: string; expiresAt?: string }
    >
  | Command<'RevokeToken', { tokenId: string }>;

export type TokenRecord = ({ status: 'active' } | { status: 'revoked' }) & TokenDetails;

export interface TokenState {
  tokens: Record<string, TokenRecord>;
}

export const initialState: TokenState = { tokens: {} };

export const evolve = (state: TokenState, event: TokenEvent): TokenState => {
  switch (event.type) {
    case 'TokenIssued':
      return { tokens: { ...state.tokens, [event.data.tokenId]: { status: 'active', ...event.data } } };
    case 'TokenRevoked': {
      const token = state.tokens[event.data.tokenId];
      if (!token) return state;
      return { tokens: { ...state.tokens, [token.tokenId]: { ...token, status: 'revoked' } } };
    }
    default: {
      const _exhaustive: never = event;
      return state;
    }
  }
};

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function requirePlans(role: Role, values: readonly string[]): string[] {
  const plans = textList(values);
  if (plans.length === 0) throw ruleBroken('A token needs at least one plan, or "*" for every plan.', 'plans');
  if (plans.includes(ALL_PLANS) && plans.length > 1) throw ruleBroken('"*" already means every plan: give it alone.', 'plans');
  if (role === 'admin' && plans[0] !== ALL_PLANS) {
    throw ruleBroken('An admin acts on every plan (it issues tokens for any of them): give plans ["*"].', 'plans');
  }
  return plans;
}

export const decide = (command: TokenCommand, state: TokenState): TokenEvent[] => {
  switch (command.type) {
    case 'IssueToken': {
      const { tokenId, hash, expiresAt } = command.data;
      const { now } = command;
      if (hasOwn(state.tokens, tokenId)) throw alreadyExists(`Token ${tokenId} already exists.`, 'tokenId');
      if (!/^[0-9a-f]{64}$/.test(hash)) throw ruleBroken('A token is stored as the SHA-256 of its secret.', 'hash');
      const name = requireText(command.data.name, 'name', "The token holder's name");
      const organisation = optionalText(command.data.organisation);
      const role = requireOneOf(command.data.role, ROLES, 'role', 'a role');
      const plans = requirePlans(role, command.data.plans);
      if (expiresAt !== undefined) {
        if (!ISO_INSTANT.test(expiresAt) || Number.isNaN(Date.parse(expiresAt))) {
          throw ruleBroken('expiresAt must be an instant such as 2026-03-31T23:59:59Z.', 'expiresAt');
        }
        if (Date.parse(expiresAt) <= Date.parse(now)) throw ruleBroken('expiresAt must be in the future.', 'expiresAt');
      }
      const expiry = expiresAt === undefined ? {} : { expiresAt: new Date(expiresAt).toISOString() };
      return [{ type: 'TokenIssued', data: { tokenId, name, ...(organisation ? { organisation } : {}), role, plans, hash, ...expiry } }];
    }
    case 'RevokeToken': {
      const token = hasOwn(state.tokens, command.data.tokenId) ? state.tokens[command.data.tokenId] : undefined;
      if (!token) throw notFound(`There is no token ${command.data.tokenId}.`, 'tokenId');
      if (token.status === 'revoked') throw ruleBroken(`Token ${token.tokenId} is already revoked.`, 'tokenId');
      return [{ type: 'TokenRevoked', data: { tokenId: token.tokenId } }];
    }
    default: {
      const _exhaustive: never = command;
      return [];
    }
  }
};

export const tokenDecider: Decider<TokenCommand, TokenEvent, TokenState> = { decide, evolve, initialState };
