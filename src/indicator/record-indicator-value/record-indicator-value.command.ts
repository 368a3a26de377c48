import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { indicatorDecider, streamId } from '../indicator';
import { RecordIndicatorValueDto } from './record-indicator-value.dto';

export class RecordIndicatorValueCommand {
  constructor(
    readonly planId: string,
    readonly indicatorId: string,
    readonly body: RecordIndicatorValueDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordIndicatorValueCommand)
export class RecordIndicatorValueHandler implements ICommandHandler<RecordIndicatorValueCommand, CommandResult> {
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ planId, indicatorId, body, context }: RecordIndicatorValueCommand): Promise<CommandResult> {
    return this.pipeline.run({
      decider: indicatorDecider,
      streamId: streamId(planId, indicatorId),
      commandName: 'RecordIndicatorValue',
      context,
      command: () => ({
        type: 'RecordIndicatorValue' as const,
        data: { period: body.period, value: body.value, effectiveOn: body.effectiveOn, note: body.note },
      }),
    });
  }
}
