import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandExecutor, Handle } from '../../domain/command';
import { streamOfCommand, TokenCommand, tokenDecider } from '../token';
import { Clock } from '../../domain/clock';
import { TokenRegistry } from '../token-registry';
import { newToken, tokenIdFor } from '../token-secret';

export interface IssueTokenInput {
  name: string;
  organisation?: string;
  role: string;
  plans: readonly string[];
  expiresAt?: string;
}

export interface IssuedToken {
  tokenId: string;
  /** The bearer token; null when this answers a retry of a request that issued it (the secret is not kept). */
  token: string | null;
  position: number;
}

/**
 * Issues a token through the token stream's commands: shared by the API and the token command line. With
 * an Idempotency-Key the token's id comes from the key, so a retry is answered with the token the first
 * attempt issued: its id, and no secret, which was shown once and is not kept.
 */
export async function issueToken(handle: Handle<TokenCommand>, input: IssueTokenInput, context: CommandContext, now: Date): Promise<IssuedToken> {
  const fresh = newToken(context.idempotencyKey === undefined ? undefined : tokenIdFor(context.actor.id, context.idempotencyKey));
  const data = {
    tokenId: fresh.tokenId,
    name: input.name,
    ...(input.organisation !== undefined ? { organisation: input.organisation } : {}),
    role: input.role,
    plans: input.plans,
    hash: fresh.hash,
    ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
  };
  const result = await handle({ type: 'IssueToken', data, now: now.toISOString() }, context);
  return { tokenId: fresh.tokenId, token: result.replayed ? null : fresh.token, position: result.position };
}

export class IssueTokenCommand {
  constructor(
    readonly input: IssueTokenInput,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(IssueTokenCommand)
export class IssueTokenHandler implements ICommandHandler<IssueTokenCommand, IssuedToken> {
  private readonly handle: Handle<TokenCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
    private readonly registry: TokenRegistry,
  ) {
    this.handle = executor.for(tokenDecider, streamOfCommand);
  }

  async execute({ input, context }: IssueTokenCommand): Promise<IssuedToken> {
    const issued = await issueToken(this.handle, input, context, this.clock.now());
    await this.registry.refresh();
    return issued;
  }
}
