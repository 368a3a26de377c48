import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { milestoneDecider, Rag, streamId } from '../milestone';
import { UpdateMilestoneDto } from './update-milestone.dto';

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
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ planId, milestoneId, body, context }: UpdateMilestoneCommand): Promise<CommandResult> {
    return this.pipeline.run({
      decider: milestoneDecider,
      streamId: streamId(planId, milestoneId),
      commandName: 'UpdateMilestone',
      context,
      command: () => ({
        type: 'UpdateMilestone' as const,
        data: {
          period: body.period,
          rag: body.rag as Rag,
          commentary: body.commentary,
          effectiveOn: body.effectiveOn,
          forecastRag: body.forecastRag as Rag | undefined,
          reason: body.reason,
          note: body.note,
        },
      }),
    });
  }
}
