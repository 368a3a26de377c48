import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '../domain/clock';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { planScope, Principal } from './access-policy';
import { evolve, initialState, TOKEN_STREAM, TokenEvent, TokenRecord, TokenState } from './token';
import { hashSecret, parseToken, sameHash } from './token-secret';

/** What may be shown of a token: everything but its hash. */
export interface TokenSummary {
  tokenId: string;
  name: string;
  organisation?: string;
  role: TokenRecord['role'];
  plans: string[];
  status: 'active' | 'revoked' | 'expired';
  expiresAt?: string;
}

/**
 * The token read side: an in-memory map folded from the token stream. Before every authentication it
 * reads what was appended since (one indexed read, usually empty), so a token revoked by this process
 * or by another one writing the same store (the token command line) is refused at once.
 */
@Injectable()
export class TokenRegistry implements OnModuleInit {
  private state: TokenState = initialState;
  private revision = -1;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): Promise<void> {
    return this.refresh();
  }

  async refresh(): Promise<void> {
    const events = await this.store.readStream(TOKEN_STREAM, { fromRevision: this.revision + 1 });
    for (const event of events) {
      // Concurrent refreshes may read the same events: apply each revision once, in order.
      if (event.revision !== this.revision + 1) continue;
      this.state = evolve(this.state, { type: event.type, data: event.data } as TokenEvent);
      this.revision = event.revision;
    }
  }

  /** The principal a product-issued token stands for, or undefined for an unknown, wrong, revoked or expired one. */
  async authenticate(token: string): Promise<Principal | undefined> {
    const parsed = parseToken(token);
    if (!parsed) return undefined;
    await this.refresh();
    const record = this.state.tokens[parsed.tokenId];
    if (!record || !sameHash(hashSecret(parsed.secret), record.hash)) return undefined;
    if (this.statusOf(record) !== 'active') return undefined;
    return {
      actor: { id: record.tokenId, name: record.name, role: record.role, ...(record.organisation ? { organisation: record.organisation } : {}) },
      role: record.role,
      plans: planScope(record.role, record.plans),
    };
  }

  async find(tokenId: string): Promise<TokenSummary | undefined> {
    await this.refresh();
    const record = Object.prototype.hasOwnProperty.call(this.state.tokens, tokenId) ? this.state.tokens[tokenId] : undefined;
    return record && this.summaryOf(record);
  }

  async list(): Promise<TokenSummary[]> {
    await this.refresh();
    return Object.values(this.state.tokens).map((record) => this.summaryOf(record));
  }

  private statusOf(record: TokenRecord): TokenSummary['status'] {
    if (record.status === 'revoked') return 'revoked';
    return record.expiresAt !== undefined && Date.parse(record.expiresAt) <= this.clock.now().getTime() ? 'expired' : 'active';
  }

  private summaryOf(record: TokenRecord): TokenSummary {
    const { tokenId, name, organisation, role, plans, expiresAt } = record;
    return { tokenId, name, ...(organisation ? { organisation } : {}), role, plans, status: this.statusOf(record), ...(expiresAt ? { expiresAt } : {}) };
  }
}
