import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../../access/access.decorator';
import { PlanParams } from '../../web/params';
import { ApiRead } from '../shared/api-read.decorator';
import { ReadCutQuery } from '../shared/read-cut.query';
import { ReadGate } from '../shared/read-gate';
import { IndicatorDto } from './indicators.dto';
import { IndicatorsQueries } from './indicators.queries';

@ApiTags('indicators')
@Access('read')
@Controller('api/plans/:planId/indicators')
export class IndicatorsController {
  constructor(
    private readonly gate: ReadGate,
    private readonly queries: IndicatorsQueries,
  ) {}

  @Get()
  @ApiRead(
    'Performance indicators and their values',
    'Each indicator recorded by knownAt with one value per period: of the values effective by asOf and recorded by knownAt, ' +
      'the latest effective wins, and of two with the same effective date the later recorded.',
    [IndicatorDto],
    { notFound: 'no such plan, or not yet recorded at knownAt' },
  )
  async list(@Param() { planId }: PlanParams, @Query() query: ReadCutQuery): Promise<IndicatorDto[]> {
    return this.queries.list(planId, await this.gate.open(query));
  }
}
