import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { PlanReader } from '../../command-pipeline/plan-reader';
import { streamId as milestoneStreamId } from '../../milestone/milestone';
import { recommendationDecider, streamId } from '../recommendation';
import { LinkMilestoneDto } from './link-milestone.dto';

export class LinkMilestoneCommand {
  constructor(
    readonly planId: string,
    readonly recommendationId: string,
    readonly body: LinkMilestoneDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(LinkMilestoneCommand)
export class LinkMilestoneHandler implements ICommandHandler<LinkMilestoneCommand, CommandResult> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly plans: PlanReader,
  ) {}

  execute({ planId, recommendationId, body, context }: LinkMilestoneCommand): Promise<CommandResult> {
    return this.pipeline.run({
      decider: recommendationDecider,
      streamId: streamId(planId, recommendationId),
      commandName: 'LinkMilestone',
      context,
      command: async () => ({
        type: 'LinkMilestone' as const,
        data: { milestoneId: body.milestoneId, milestoneExists: await this.plans.exists(milestoneStreamId(planId, body.milestoneId)) },
      }),
    });
  }
}
