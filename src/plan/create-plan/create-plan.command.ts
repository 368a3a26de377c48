import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { planDecider, streamId } from '../plan';
import { CreatePlanDto } from './create-plan.dto';

export class CreatePlanCommand {
  constructor(
    readonly body: CreatePlanDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(CreatePlanCommand)
export class CreatePlanHandler implements ICommandHandler<CreatePlanCommand, CommandResult> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ body, context }: CreatePlanCommand): Promise<CommandResult> {
    return this.pipeline.run({
      decider: planDecider,
      streamId: streamId(body.planId),
      commandName: 'CreatePlan',
      context,
      command: () => ({ type: 'CreatePlan' as const, data: { planId: body.planId, localAuthority: body.localAuthority, title: body.title } }),
    });
  }
}
