import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '../../domain/clock';
import { BatchResult, CommandContext, CommandExecutor, Handle } from '../../domain/command';
import { notFound } from '../../domain/domain-error';
import { streamId as planStreamId } from '../../plan/plan';
import { PlanReader } from '../../plan/plan-reader';
import { MilestoneCommand, milestoneDecider, streamOfCommand } from '../milestone';
import { updateMilestone } from '../update-milestone/update-milestone.command';
import { RecordQuarterlyUpdateDto } from './record-quarterly-update.dto';

/** Every milestone's rating and commentary for one period, recorded all or none. */
export class RecordQuarterlyUpdateCommand {
  constructor(
    readonly planId: string,
    readonly body: RecordQuarterlyUpdateDto,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(RecordQuarterlyUpdateCommand)
export class RecordQuarterlyUpdateHandler implements ICommandHandler<RecordQuarterlyUpdateCommand, BatchResult> {
  private readonly milestones: Handle<MilestoneCommand>;

  constructor(
    private readonly executor: CommandExecutor,
    private readonly clock: Clock,
    private readonly plans: PlanReader,
  ) {
    this.milestones = executor.for(milestoneDecider, streamOfCommand);
  }

  async execute({ planId, body, context }: RecordQuarterlyUpdateCommand): Promise<BatchResult> {
    // Otherwise every row of a mistyped plan would be refused as an unknown milestone.
    if (!(await this.plans.exists(planStreamId(planId)))) throw notFound(`There is no plan "${planId}".`, 'planId');
    const now = this.clock.now();
    const items = body.updates.map((row) =>
      this.milestones.item(updateMilestone(planId, row.milestoneId, body.period, row, now), {
        ...(row.expectedRevision === undefined ? {} : { expectedRevision: row.expectedRevision }),
        label: `Milestone ${row.milestoneId}`,
      }),
    );
    return this.executor.all(items, context);
  }
}
