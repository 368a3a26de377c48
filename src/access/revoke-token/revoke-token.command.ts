import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline } from '../../command-pipeline/command-pipeline';
import { TOKEN_STREAM, tokenDecider } from '../token';
import { TokenRegistry } from '../token-registry';

export type RevokeOutcome = 'revoked' | 'already-revoked';

/**
 * Revokes a token through the command pipeline: shared by the API and the token command line. Revoking
 * a revoked token again changes nothing and is not an error (DELETE is idempotent).
 */
export async function revokeToken(
  pipeline: CommandPipeline,
  registry: TokenRegistry,
  tokenId: string,
  context: CommandContext,
): Promise<RevokeOutcome> {
  if ((await registry.find(tokenId))?.status === 'revoked') return 'already-revoked';
  await pipeline.run({
    decider: tokenDecider,
    streamId: TOKEN_STREAM,
    commandName: 'RevokeToken',
    context,
    command: () => ({ type: 'RevokeToken' as const, data: { tokenId } }),
  });
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
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly registry: TokenRegistry,
  ) {}

  execute({ tokenId, context }: RevokeTokenCommand): Promise<RevokeOutcome> {
    return revokeToken(this.pipeline, this.registry, tokenId, context);
  }
}
