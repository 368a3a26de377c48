import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { PlanReader } from '../../command-pipeline/plan-reader';
import { indicatorDecider, streamId } from '../indicator';
import { DefineIndicatorDto } from './define-indicator.dto';

export class DefineIndicatorCommand {
  constructor(
    readonly planId: string,
    readonly body: DefineIndicatorDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(DefineIndicatorCommand)
export class DefineIndicatorHandler implements ICommandHandler<DefineIndicatorCommand, CommandResult> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly plans: PlanReader,
  ) {}

  execute({ planId, body, context }: DefineIndicatorCommand): Promise<CommandResult> {
    return this.pipeline.run({
      decider: indicatorDecider,
      streamId: streamId(planId, body.indicatorId),
      commandName: 'DefineIndicator',
      context,
      command: async () => ({
        type: 'DefineIndicator' as const,
        data: { planId, indicatorId: body.indicatorId, title: body.title, unit: body.unit, plan: await this.plans.planContext(planId) },
      }),
    });
  }
}
