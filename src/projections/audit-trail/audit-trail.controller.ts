import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../../access/access.decorator';
import { PlanParams } from '../../web/params';
import { ApiRead } from '../shared/api-read.decorator';
import { ReadGate } from '../shared/read-gate';
import { AuditEventDto, AuditQuery } from './audit-trail.dto';
import { AuditTrailQueries } from './audit-trail.queries';

@ApiTags('audit')
@Access('audit')
@Controller('api/plans/:planId/audit')
export class AuditTrailController {
  constructor(
    private readonly gate: ReadGate,
    private readonly queries: AuditTrailQueries,
  ) {}

  @Get()
  @ApiRead(
    'The audit trail: every recorded event of the plan',
    'Oldest first, recorded between from and to and by knownAt; with asOf, only events effective by then. ' +
      'Page with after (the last position seen) and limit.',
    [AuditEventDto],
    { notFound: 'no such plan, or not yet recorded at knownAt' },
  )
  async trail(@Param() { planId }: PlanParams, @Query() query: AuditQuery): Promise<AuditEventDto[]> {
    const cut = await this.gate.open(query);
    return this.queries.trailOf(planId, cut, {
      ...(query.from !== undefined ? { from: query.from } : {}),
      ...(query.to !== undefined ? { to: query.to } : {}),
      ...(query.asOf !== undefined ? { asOf: query.asOf } : {}),
      ...(query.after !== undefined ? { after: Number(query.after) } : {}),
      ...(query.limit !== undefined ? { limit: Number(query.limit) } : {}),
    });
  }
}
