import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../domain/clock';
import { CommandContext, CommandExecutor, Handle } from '../../domain/command';
import { streamOfCommand, TokenCommand, tokenDecider } from '../token';
import { TokenRegistry } from '../token-registry';

export type RevokeOutcome = 'revoked' | 'already-revoked';

/**
 * Revokes a token through the token stream's commands: shared by the API and the token command line.
 * Revoking a revoked token again changes nothing and is not an error (DELETE is idempotent).
 */
export async function revokeToken(
  handle: Handle<TokenCommand>,
  registry: TokenRegistry,
  tokenId: string,
  context: CommandContext,
  now: Date,
): Promise<RevokeOutcome> {
  if ((await registry.find(tokenId))?.status === 'revoked') return 'already-revoked';
  await handle({ type: 'RevokeToken', data: { tokenId }, now: now.toISOString() }, context);
  await registry.refresh();
  return 'revoked';
}

export class RevokeTokenCommand {
  constructor(
    readonly tokenId: string,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RevokeTokenCommand)
export class RevokeTokenHandler implements ICommandHandler<RevokeTokenCommand, RevokeOutcome> {
  private readonly handle: Handle<TokenCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
    private readonly registry: TokenRegistry,
  ) {
    this.handle = executor.for(tokenDecider, streamOfCommand);
  }

  execute({ tokenId, context }: RevokeTokenCommand): Promise<RevokeOutcome> {
    return revokeToken(this.handle, this.registry, tokenId, context, this.clock.now());
  }
}
