import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../../access/access.decorator';
import { PlanParams } from '../../web/params';
import { ApiRead } from '../shared/api-read.decorator';
import { ReadCutQuery } from '../shared/read-cut.query';
import { ReadGate } from '../shared/read-gate';
import { BoardDto, DeclinedDto } from './rag-board.dto';
import { RagBoardQueries } from './rag-board.queries';
import { MAX_TREND_QUARTERS, RagTrendDto, RagTrendQuery } from './rag-trend.dto';
import { RagTrendQueries } from './rag-trend.queries';

@ApiTags('board')
@Access('read')
@Controller('api/plans/:planId')
export class RagBoardController {
  constructor(
    private readonly gate: ReadGate,
    private readonly queries: RagBoardQueries,
    private readonly trends: RagTrendQueries,
  ) {}

  @Get('board')
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

  @Get('board/declined')
  @ApiRead(
    'Milestones whose rating fell since the previous quarter',
    'The board’s milestones rated worse (red < amber < green < complete) than in the quarter before, or red after a quarter not rated, at the same cut.',
    DeclinedDto,
    { notFound: 'no such plan, or not yet recorded at knownAt' },
  )
  async declined(@Param() { planId }: PlanParams, @Query() query: ReadCutQuery): Promise<DeclinedDto> {
    return this.queries.declined(planId, await this.gate.open(query));
  }

  @Get('trend')
  @ApiRead(
    'RAG totals per quarter',
    'For each quarter from `from` to `to`, how many milestones were rated green, amber, red, complete or not at all, by the latest rating ' +
      'of each for that quarter effective by asOf and recorded by knownAt. Without `from`: up to two years, from the first quarter rated; ' +
      `at most ${MAX_TREND_QUARTERS} quarters at a time.`,
    RagTrendDto,
    { notFound: 'no such plan, or not yet recorded at knownAt' },
  )
  async trend(@Param() { planId }: PlanParams, @Query() query: RagTrendQuery): Promise<RagTrendDto> {
    return this.trends.trend(planId, await this.gate.open(query), {
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
    });
  }
}
