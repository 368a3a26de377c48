import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { RecordJudgementDto } from './record-judgement.dto';
import { Clock } from '../../domain/clock';
import { Framework, Grade, JudgementArea, streamOfCommand, VisitCommand, visitDecider } from '../visit';

export class RecordJudgementCommand {
  constructor(
    readonly planId: string,
    readonly visitId: string,
    readonly body: RecordJudgementDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordJudgementCommand)
export class RecordJudgementHandler implements ICommandHandler<RecordJudgementCommand, CommandResult> {
  private readonly handle: Handle<VisitCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
  ) {
    this.handle = executor.for(visitDecider, streamOfCommand);
  }

  execute({ planId, visitId, body, context }: RecordJudgementCommand): Promise<CommandResult> {
    const data = { planId, visitId, area: body.area as JudgementArea, grade: body.grade as Grade, framework: body.framework as Framework };
    return this.handle({ type: 'RecordJudgement', data, now: this.clock.now().toISOString() }, context);
  }
}
