import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { PlanReader } from '../../command-pipeline/plan-reader';
import { DatePrecision, streamId, VisitKind, visitDecider } from '../visit';
import { RecordVisitDto } from './record-visit.dto';

export class RecordVisitCommand {
  constructor(
    readonly planId: string,
    readonly body: RecordVisitDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordVisitCommand)
export class RecordVisitHandler implements ICommandHandler<RecordVisitCommand, CommandResult> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly plans: PlanReader,
  ) {}

  execute({ planId, body, context }: RecordVisitCommand): Promise<CommandResult> {
    return this.pipeline.run({
      decider: visitDecider,
      streamId: streamId(planId, body.visitId),
      commandName: 'RecordVisit',
      context,
      command: async () => ({
        type: 'RecordVisit' as const,
        data: {
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
        },
      }),
    });
  }
}
