import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../domain/clock';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { PlanReader } from '../../plan/plan-reader';
import { BoardPackCommand, boardPackDecider, IssuedPack, packIdOf, streamOfCommand } from '../board-pack';

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
  private readonly handle: Handle<BoardPackCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
    private readonly plans: PlanReader,
  ) {
    this.handle = executor.for(boardPackDecider, streamOfCommand);
  }

  async execute({ planId, pack, context }: IssueBoardPackCommand): Promise<CommandResult & { packId: string }> {
    const data = { ...pack, planId, plan: await this.plans.planContext(planId) };
    const result = await this.handle({ type: 'IssueBoardPack', data, now: this.clock.now().toISOString() }, context);
    // Each event of the period's stream is one pack, numbered from 1.
    return { ...result, packId: packIdOf(pack.period, result.revision + 1) };
  }
}
