import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../access/access.decorator';
import { BatchResult, CommandContext } from '../../domain/command';
import { batchProblem } from '../../web/batch-problem';
import { PlanParams } from '../../web/params';
import { ProblemException, validationProblem } from '../../web/problem.filter';
import { WriteContext } from '../../web/request-context';
import { streamId } from '../milestone';
import { RecordQuarterlyUpdateCommand } from './record-quarterly-update.command';
import { QuarterlyUpdateResultDto, RecordQuarterlyUpdateDto, repeatedMilestones } from './record-quarterly-update.dto';

@ApiTags('milestones')
@Controller('api/plans/:planId/quarterly-updates')
export class RecordQuarterlyUpdateController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('write')
  @ApiOperation({
    summary: "Record many milestones' ratings and commentary for a period, all or none",
    description:
      'Each row follows the rules of a single milestone update. If any row is refused nothing is recorded, and the 422 names every ' +
      'refused row (`updates[3].reason`). A row with expectedRevision that someone changed since is a 409 naming it. ' +
      'An Idempotency-Key makes a retry of the whole submission harmless.',
  })
  @ApiCreatedResponse({ type: QuarterlyUpdateResultDto })
  async record(
    @Param() { planId }: PlanParams,
    @Body() body: RecordQuarterlyUpdateDto,
    @WriteContext() context: CommandContext,
  ): Promise<QuarterlyUpdateResultDto> {
    // One revision cannot stand for many milestones: each row names its own expectedRevision.
    if (context.expectedRevision !== undefined) {
      throw new ProblemException(
        validationProblem([{ field: 'If-Match', message: 'a quarterly update changes many milestones: give each row its expectedRevision instead' }]),
      );
    }
    const repeated = repeatedMilestones(body.updates);
    if (repeated.length > 0) throw new ProblemException(validationProblem(repeated));
    let result: BatchResult;
    try {
      result = await this.commandBus.execute(new RecordQuarterlyUpdateCommand(planId, body, context));
    } catch (error) {
      const items = body.updates.map((row) => ({ streamId: streamId(planId, row.milestoneId), label: `Milestone ${row.milestoneId}` }));
      throw batchProblem(error, 'updates', items);
    }
    return {
      position: result.position,
      updates: result.results.map((r, i) => ({ milestoneId: body.updates[i]!.milestoneId, revision: r.revision })),
    };
  }
}
