import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../../access/access.decorator';
import { PlanParams } from '../../web/params';
import { ApiRead } from '../shared/api-read.decorator';
import { ReadCutQuery } from '../shared/read-cut.query';
import { ReadGate } from '../shared/read-gate';
import { BoardDto, DeclinedDto } from './rag-board.dto';
import { RagBoardQueries } from './rag-board.queries';

@ApiTags('board')
@Access('read')
@Controller('api/plans/:planId/board')
export class RagBoardController {
  constructor(
    private readonly gate: ReadGate,
    private readonly queries: RagBoardQueries,
  ) {}

  @Get()
  @ApiRead(
    'The RAG board',
    'Every priority and milestone with its latest rating effective by asOf and recorded by knownAt ("not-rated" when none), ' +
      'the previous quarter’s rating at the same cut (direction of travel), the same quarter last year, the forecast, and totals.',
    BoardDto,
    { notFound: 'no such plan, or not yet recorded at knownAt' },
  )
  async board(@Param() { planId }: PlanParams, @Query() query: ReadCutQuery): Promise<BoardDto> {
    return this.queries.board(planId, await this.gate.open(query));
  }

  @Get('declined')
  @ApiRead(
    'Milestones whose rating fell since the previous quarter',
    'The board’s milestones rated worse (red < amber < green < complete) than in the quarter before, at the same cut.',
    DeclinedDto,
    { notFound: 'no such plan, or not yet recorded at knownAt' },
  )
  async declined(@Param() { planId }: PlanParams, @Query() query: ReadCutQuery): Promise<DeclinedDto> {
    return this.queries.declined(planId, await this.gate.open(query));
  }
}
