import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BatchCommand, BatchResult } from '../../command-pipeline/command-batch';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline } from '../../command-pipeline/command-pipeline';
import { PlanReader } from '../../command-pipeline/plan-reader';
import { notFound } from '../../domain/domain-error';
import { streamId as planStreamId } from '../../plan/plan';
import { MilestoneCommand, milestoneDecider, MilestoneEvent, MilestoneState, streamId } from '../milestone';
import { updateMilestone } from '../update-milestone/update-milestone.command';
import { QuarterlyUpdateRowDto, RecordQuarterlyUpdateDto } from './record-quarterly-update.dto';

/** Every milestone's rating and commentary for one period, recorded all or none. */
export class RecordQuarterlyUpdateCommand {
  constructor(
    readonly planId: string,
    readonly body: RecordQuarterlyUpdateDto,
    readonly context: CommandContext,
  ) {}
}

const updateOf = (planId: string, period: string, row: QuarterlyUpdateRowDto): BatchCommand<MilestoneCommand, MilestoneEvent, MilestoneState> => ({
  decider: milestoneDecider,
  streamId: streamId(planId, row.milestoneId),
  commandName: 'UpdateMilestone',
  command: () => updateMilestone(period, row),
  ...(row.expectedRevision === undefined ? {} : { expectedRevision: row.expectedRevision }),
  label: `Milestone ${row.milestoneId}`,
});

@CommandHandler(RecordQuarterlyUpdateCommand)
export class RecordQuarterlyUpdateHandler implements ICommandHandler<RecordQuarterlyUpdateCommand, BatchResult> {
  constructor(
    private readonly pipeline: CommandPipeline,
    private readonly plans: PlanReader,
  ) {}

  async execute({ planId, body, context }: RecordQuarterlyUpdateCommand): Promise<BatchResult> {
    // Otherwise every row of a mistyped plan would be refused as an unknown milestone.
    if (!(await this.plans.exists(planStreamId(planId)))) throw notFound(`There is no plan "${planId}".`, 'planId');
    return this.pipeline.runMany({ commands: body.updates.map((row) => updateOf(planId, body.period, row)), context });
  }
}
