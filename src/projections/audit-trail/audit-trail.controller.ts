import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { nextPageLink } from '../../web/paging';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../../access/access.decorator';
import { PlanParams } from '../../web/params';
import { ApiRead } from '../shared/api-read.decorator';
import { ReadGate } from '../shared/read-gate';
import { AuditEventDto, AuditQuery, eventTypesOf } from './audit-trail.dto';
import { AUDIT_PAGE, AuditTrailQueries } from './audit-trail.queries';

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
    'Oldest first, recorded between from and to and by knownAt; with asOf, only events effective by then; narrowed by type, actor, ' +
      'milestoneId and recommendationId (all that are given must hold). Paged: limit (default 1000) events after the position `after`; ' +
      'a full page answers Link: <…&after=N>; rel="next".',
    [AuditEventDto],
    { notFound: 'no such plan, or not yet recorded at knownAt', headers: { Link: { description: 'rel="next": the next page, when this one is full' } } },
  )
  async trail(
    @Param() { planId }: PlanParams,
    @Query() query: AuditQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuditEventDto[]> {
    const cut = await this.gate.open(query);
    const limit = query.limit === undefined ? AUDIT_PAGE.default : Number(query.limit);
    const page = this.queries.trailOf(
      planId,
      cut,
      {
        ...(query.from !== undefined ? { from: query.from } : {}),
        ...(query.to !== undefined ? { to: query.to } : {}),
        ...(query.asOf !== undefined ? { asOf: query.asOf } : {}),
        ...(query.after !== undefined ? { after: Number(query.after) } : {}),
        limit,
      },
      {
        ...(query.type !== undefined ? { types: eventTypesOf(query.type) } : {}),
        ...(query.actor !== undefined ? { actor: query.actor } : {}),
        ...(query.milestoneId !== undefined ? { milestoneId: query.milestoneId } : {}),
        ...(query.recommendationId !== undefined ? { recommendationId: query.recommendationId } : {}),
      },
    );
    if (page.length === limit) void reply.header('Link', nextPageLink(request, page[page.length - 1]!.position));
    return page;
  }
}
