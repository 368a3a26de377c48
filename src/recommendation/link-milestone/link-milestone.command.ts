import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { streamId as milestoneStreamId } from '../../milestone/milestone';
import { LinkMilestoneDto } from './link-milestone.dto';
import { Clock } from '../../domain/clock';
import { PlanReader } from '../../plan/plan-reader';
import { RecommendationCommand, recommendationDecider, streamOfCommand } from '../recommendation';

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
  private readonly handle: Handle<RecommendationCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
    private readonly plans: PlanReader,
  ) {
    this.handle = executor.for(recommendationDecider, streamOfCommand);
  }

  async execute({ planId, recommendationId, body, context }: LinkMilestoneCommand): Promise<CommandResult> {
    const milestoneExists = await this.plans.exists(milestoneStreamId(planId, body.milestoneId));
    const data = { planId, recommendationId, milestoneId: body.milestoneId, milestoneExists, effectiveOn: body.effectiveOn };
    return this.handle({ type: 'LinkMilestone', data, now: this.clock.now().toISOString() }, context);
  }
}
