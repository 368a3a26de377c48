import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { PlanReader } from '../../command-pipeline/plan-reader';
import { boardPackDecider, IssuedPack, packIdOf, streamId } from '../board-pack';

/** Records that a pack, already generated and hashed, went to the board. */
export class IssueBoardPackCommand {
  constructor(
    readonly planId: string,
    readonly pack: Omit<IssuedPack, 'packId'>,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(IssueBoardPackCommand)
export class IssueBoardPackHandler implements ICommandHandler<IssueBoardPackCommand, CommandResult & { packId: string }> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly plans: PlanReader,
  ) {}

  async execute({ planId, pack, context }: IssueBoardPackCommand): Promise<CommandResult & { packId: string }> {
    const result = await this.pipeline.run({
      decider: boardPackDecider,
      streamId: streamId(planId, pack.period),
      commandName: 'IssueBoardPack',
      context,
      command: async () => ({ type: 'IssueBoardPack' as const, data: { ...pack, planId, plan: await this.plans.planContext(planId) } }),
    });
    // Each event of the period's stream is one pack, numbered from 1.
    return { ...result, packId: packIdOf(pack.period, result.revision + 1) };
  }
}
