import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { PlanReader } from '../../command-pipeline/plan-reader';
import { milestoneDecider, streamId } from '../milestone';
import { AddMilestoneDto } from './add-milestone.dto';

export class AddMilestoneCommand {
  constructor(
    readonly planId: string,
    readonly body: AddMilestoneDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(AddMilestoneCommand)
export class AddMilestoneHandler implements ICommandHandler<AddMilestoneCommand, CommandResult> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly plans: PlanReader,
  ) {}

  execute({ planId, body, context }: AddMilestoneCommand): Promise<CommandResult> {
    return this.pipeline.run({
      decider: milestoneDecider,
      streamId: streamId(planId, body.milestoneId),
      commandName: 'AddMilestone',
      context,
      command: async () => ({
        type: 'AddMilestone' as const,
        data: {
          planId,
          milestoneId: body.milestoneId,
          priorityId: body.priorityId,
          title: body.title,
          owner: body.owner,
          dueOn: body.dueOn,
          plan: await this.plans.planContext(planId),
        },
      }),
    });
  }
}
