import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, CommandExecutor, CommandResult, Handle } from '../../domain/command';
import { RecordVisitDto } from './record-visit.dto';
import { Clock } from '../../domain/clock';
import { PlanReader } from '../../plan/plan-reader';
import { DatePrecision, streamOfCommand, VisitCommand, visitDecider, VisitKind } from '../visit';

export class RecordVisitCommand {
  constructor(
    readonly planId: string,
    readonly body: RecordVisitDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordVisitCommand)
export class RecordVisitHandler implements ICommandHandler<RecordVisitCommand, CommandResult> {
  private readonly handle: Handle<VisitCommand>;

  constructor(
    executor: CommandExecutor,
    private readonly clock: Clock,
    private readonly plans: PlanReader,
  ) {
    this.handle = executor.for(visitDecider, streamOfCommand);
  }

  async execute({ planId, body, context }: RecordVisitCommand): Promise<CommandResult> {
    const data = {
      planId,
      visitId: body.visitId,
      kind: body.kind as VisitKind,
      startDate: body.startDate,
      endDate: body.endDate,
      inspectors: body.inspectors,
      areas: body.areas,
      datePrecision: body.datePrecision as DatePrecision | undefined,
      dateNote: body.dateNote,
      plan: await this.plans.planContext(planId),
    };
    return this.handle({ type: 'RecordVisit', data, now: this.clock.now().toISOString() }, context);
  }
}
