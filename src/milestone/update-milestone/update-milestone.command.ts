import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { UpdateMilestoneDto } from './update-milestone.dto';
import { Clock } from '../../domain/clock';
import { MilestoneCommand, milestoneDecider, Rag, streamOfCommand } from '../milestone';

export class UpdateMilestoneCommand {
  constructor(
    readonly planId: string,
    readonly milestoneId: string,
    readonly body: UpdateMilestoneDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(UpdateMilestoneCommand)
export class UpdateMilestoneHandler implements ICommandHandler<UpdateMilestoneCommand, CommandResult> {
  private readonly handle: Handle<MilestoneCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
  ) {
    this.handle = executor.for(milestoneDecider, streamOfCommand);
  }

  execute({ planId, milestoneId, body, context }: UpdateMilestoneCommand): Promise<CommandResult> {
    const data = {
      planId,
      milestoneId,
      period: body.period,
      rag: body.rag as Rag,
      commentary: body.commentary,
      effectiveOn: body.effectiveOn,
      forecastRag: body.forecastRag as Rag | undefined,
      reason: body.reason,
      note: body.note,
    };
    return this.handle({ type: 'UpdateMilestone', data, now: this.clock.now().toISOString() }, context);
  }
}
