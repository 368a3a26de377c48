import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../../access/access.decorator';
import { PlanParams } from '../../web/params';
import { ApiRead } from '../shared/api-read.decorator';
import { ReadCutQuery } from '../shared/read-cut.query';
import { ReadGate } from '../shared/read-gate';
import { VisitDto } from './visits.dto';
import { VisitsQueries } from './visits.queries';

@ApiTags('visits')
@Access('read')
@Controller('api/plans/:planId/visits')
export class VisitsController {
  constructor(
    private readonly gate: ReadGate,
    private readonly queries: VisitsQueries,
  ) {}

  @Get()
  @ApiRead(
    'Ofsted visits with their judgements and findings',
    'Every visit recorded by knownAt, by start date, with the judgements and findings effective by asOf (the visit’s last day) and recorded by knownAt.',
    [VisitDto],
    { notFound: 'no such plan, or not yet recorded at knownAt' },
  )
  async list(@Param() { planId }: PlanParams, @Query() query: ReadCutQuery): Promise<VisitDto[]> {
    return this.queries.list(planId, await this.gate.open(query));
  }
}
