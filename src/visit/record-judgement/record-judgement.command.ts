import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext } from '../../command-pipeline/command-context';
import { CommandPipeline, CommandResult } from '../../command-pipeline/command-pipeline';
import { Framework, Grade, JudgementArea, streamId, visitDecider } from '../visit';
import { RecordJudgementDto } from './record-judgement.dto';

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
  constructor(private readonly pipeline: CommandPipeline) {}

  execute({ planId, visitId, body, context }: RecordJudgementCommand): Promise<CommandResult> {
    return this.pipeline.run({
      decider: visitDecider,
      streamId: streamId(planId, visitId),
      commandName: 'RecordJudgement',
      context,
      command: () => ({
        type: 'RecordJudgement' as const,
        data: { area: body.area as JudgementArea, grade: body.grade as Grade, framework: body.framework as Framework },
      }),
    });
  }
}
