import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access } from '../../access/access.decorator';
import { nextPageLink } from '../../web/paging';
import { PlanParams } from '../../web/params';
import { ApiRead } from '../shared/api-read.decorator';
import { ReadGate } from '../shared/read-gate';
import { CORRECTIONS_PAGE, CorrectionsDto, CorrectionsQuery } from './corrections.dto';
import { CorrectionsQueries } from './corrections.queries';

@ApiTags('audit')
@Access('read')
@Controller('api/plans/:planId/corrections')
export class CorrectionsController {
  constructor(
    private readonly gate: ReadGate,
    private readonly queries: CorrectionsQueries,
  ) {}

  @Get()
  @ApiRead(
    'Ratings changed after they were first reported',
    'Every report of a milestone’s quarter after its first, effective by asOf and recorded by knownAt, oldest first: the report it ' +
      'changed, who changed it, when, and why. Paged: limit (default 100) after the position `after`; a full page gives `next` and a Link header.',
    CorrectionsDto,
    { notFound: 'no such plan, or not yet recorded at knownAt', headers: { Link: { description: 'rel="next": the next page, when this one is full' } } },
  )
  async corrections(
    @Param() { planId }: PlanParams,
    @Query() query: CorrectionsQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CorrectionsDto> {
    const limit = query.limit === undefined ? CORRECTIONS_PAGE.default : Number(query.limit);
    const page = this.queries.ofPlan(planId, await this.gate.open(query), query.after === undefined ? -1 : Number(query.after), limit);
    if (page.next !== null) void reply.header('Link', nextPageLink(request, page.next));
    return page;
  }
}
