import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline } from '../../command-pipeline/command-pipeline';
import { TOKEN_STREAM, tokenDecider } from '../token';
import { TokenRegistry } from '../token-registry';
import { newToken } from '../token-secret';

export interface IssueTokenInput {
  name: string;
  role: string;
  plans: readonly string[];
  expiresAt?: string;
}

export interface IssuedToken {
  tokenId: string;
  token: string;
  position: number;
}

/** Issues a token through the command pipeline: shared by the API and the token command line. */
export async function issueToken(
  pipeline: CommandPipeline,
  input: IssueTokenInput,
  context: CommandContext,
): Promise<IssuedToken> {
  const fresh = newToken();
  const result = await pipeline.run({
    decider: tokenDecider,
    streamId: TOKEN_STREAM,
    commandName: 'IssueToken',
    // A retry could not show the secret again, so issuing is never answered from an earlier attempt.
    context: { ...context, idempotencyKey: undefined, requestHash: undefined },
    command: () => ({
      type: 'IssueToken' as const,
      data: {
        tokenId: fresh.tokenId,
        name: input.name,
        role: input.role,
        plans: input.plans,
        hash: fresh.hash,
        now: new Date().toISOString(),
        ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
      },
    }),
  });
  return { tokenId: fresh.tokenId, token: fresh.token, position: result.position };
}

export class IssueTokenCommand {
  constructor(
    readonly input: IssueTokenInput,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(IssueTokenCommand)
export class IssueTokenHandler implements ICommandHandler<IssueTokenCommand, IssuedToken> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly registry: TokenRegistry,
  ) {}

  async execute({ input, context }: IssueTokenCommand): Promise<IssuedToken> {
    const issued = await issueToken(this.pipeline, input, context);
    await this.registry.refresh();
    return issued;
  }
}
