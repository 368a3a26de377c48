import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../domain/clock';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { MilestoneCommand, milestoneDecider, Rag, streamOfCommand } from '../milestone';
import { UpdateMilestoneDto } from './update-milestone.dto';

export class UpdateMilestoneCommand {
  constructor(
    readonly planId: string,
    readonly milestoneId: string,
    readonly body: UpdateMilestoneDto,
    readonly context: CommandContext,
  ) {}
}

/** The domain command for a rating as the API takes it (a single update, or a row of a quarterly update). */
export const updateMilestone = (
  planId: string,
  milestoneId: string,
  period: string,
  body: Omit<UpdateMilestoneDto, 'period'>,
  now: Date,
): MilestoneCommand => ({
  type: 'UpdateMilestone',
  data: {
    planId,
    milestoneId,
    period,
    rag: body.rag as Rag,
    commentary: body.commentary,
    effectiveOn: body.effectiveOn,
    forecastRag: body.forecastRag as Rag | undefined,
    reason: body.reason,
    note: body.note,
  },
  now: now.toISOString(),
});

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
    return this.handle(updateMilestone(planId, milestoneId, body.period, body, this.clock.now()), context);
  }
}
