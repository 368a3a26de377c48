import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { MilestoneCommand, milestoneDecider, Rag, streamId } from '../milestone';
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
export const updateMilestone = (period: string, body: Omit<UpdateMilestoneDto, 'period'>): MilestoneCommand => ({
  type: 'UpdateMilestone',
  data: {
    period,
    rag: body.rag as Rag,
    commentary: body.commentary,
    effectiveOn: body.effectiveOn,
    forecastRag: body.forecastRag as Rag | undefined,
    reason: body.reason,
    note: body.note,
  },
});

@CommandHandler(UpdateMilestoneCommand)
export class UpdateMilestoneHandler implements ICommandHandler<UpdateMilestoneCommand, CommandResult> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ planId, milestoneId, body, context }: UpdateMilestoneCommand): Promise<CommandResult> {
    return this.pipeline.run({
      decider: milestoneDecider,
      streamId: streamId(planId, milestoneId),
      commandName: 'UpdateMilestone',
      context,
      command: () => updateMilestone(body.period, body),
    });
  }
}
