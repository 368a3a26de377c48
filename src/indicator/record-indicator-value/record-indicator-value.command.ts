import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { RecordIndicatorValueDto } from './record-indicator-value.dto';
import { Clock } from '../../domain/clock';
import { IndicatorCommand, indicatorDecider, streamOfCommand } from '../indicator';

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
  private readonly handle: Handle<IndicatorCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
  ) {
    this.handle = executor.for(indicatorDecider, streamOfCommand);
  }

  execute({ planId, indicatorId, body, context }: RecordIndicatorValueCommand): Promise<CommandResult> {
    const data = { planId, indicatorId, period: body.period, value: body.value, effectiveOn: body.effectiveOn, note: body.note };
    return this.handle({ type: 'RecordIndicatorValue', data, now: this.clock.now().toISOString() }, context);
  }
}
