import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Access } from '../../access/access.decorator';
import { CommandContext } from '../../domain/command';
import { packDownloadPath } from '../../projections/board-packs/board-packs.queries';
import { BoardPackFiles } from '../board-pack-files/board-pack-files';
import { PlanParams } from '../../web/params';
import { WriteContext } from '../../web/request-context';
import { PACK_FORMATS, PackFormat } from '../../board-pack/board-pack';
import { IssueBoardPackCommand } from '../../board-pack/issue-board-pack/issue-board-pack.command';
import { IssueBoardPackDto, IssuedBoardPackDto } from './issue-board-pack.dto';

/**
 * Issuing a pack: its files are made and hashed here, at the edge, then BoardPackIssued is recorded through
 * the board-pack aggregate's command, so the aggregate knows nothing of how documents are made.
 */
@ApiTags('reports')
@Controller('api/plans/:planId/board-packs')
export class IssueBoardPackController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly files: BoardPackFiles,
  ) {}

  @Post()
  @Access('write')
  @ApiOperation({
    summary: 'Mark a quarterly report as sent to the board: records BoardPackIssued',
    description:
      'Generates the report in every format for the period and moment, and records the period, asOf, knownAt, the head of the log ' +
      'it reflects (lastPosition and the hash chain’s link there, lastHash, named on every file’s cover) and each file’s SHA-256. The pack can be downloaded again, byte for byte; ratings recorded for the period afterwards ' +
      'are flagged as changed after the board saw them. Issuing the very same pack twice is refused (409).',
  })
  @ApiCreatedResponse({ type: IssuedBoardPackDto })
  @ApiBadRequestResponse({ description: 'application/problem+json naming the field: period not a quarter, asOf not a date, knownAt not an instant' })
  @ApiNotFoundResponse({ description: 'application/problem+json: no such plan' })
  @ApiConflictResponse({ description: 'application/problem+json: this exact pack was already issued' })
  @ApiServiceUnavailableResponse({ description: 'application/problem+json: the read models did not take in the writes made so far within 5 s' })
  async issue(@Param() { planId }: PlanParams, @Body() body: IssueBoardPackDto, @WriteContext() context: CommandContext): Promise<IssuedBoardPackDto> {
    const pack = await this.files.generate(planId, body);
    const result = await this.commandBus.execute(new IssueBoardPackCommand(planId, pack, context));
    return {
      ...pack,
      packId: result.packId,
      streamId: result.streamId,
      position: result.position,
      revision: result.revision,
      downloads: Object.fromEntries(PACK_FORMATS.map((f) => [f, packDownloadPath(planId, result.packId, f)])) as Record<PackFormat, string>,
    };
  }
}
