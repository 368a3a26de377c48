import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../../access/access.decorator';
import { PlanParams } from '../../web/params';
import { ApiRead } from '../shared/api-read.decorator';
import { ReadCutQuery } from '../shared/read-cut.query';
import { ReadGate } from '../shared/read-gate';
import { BoardPacksDto } from './board-packs.dto';
import { BoardPacksQueries } from './board-packs.queries';

@ApiTags('reports')
@Access('read')
@Controller('api/plans/:planId/board-packs')
export class BoardPacksController {
  constructor(
    private readonly gate: ReadGate,
    private readonly queries: BoardPacksQueries,
  ) {}

  @Get()
  @ApiRead(
    'The board packs issued for the plan',
    'Every pack marked as sent to the board and recorded by knownAt, oldest first: its period, the moment it shows, ' +
      'the head of the log it reflects (lastPosition and the chain’s link there, lastHash), the SHA-256 of each file and where to download it again, byte for byte.',
    BoardPacksDto,
    { notFound: 'no such plan, or not yet recorded at knownAt' },
  )
  async list(@Param() { planId }: PlanParams, @Query() query: ReadCutQuery): Promise<BoardPacksDto> {
    return this.queries.list(planId, await this.gate.open(query));
  }
}
