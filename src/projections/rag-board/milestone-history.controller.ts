import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { revisionETag } from '../../web/revision-tags';
import { ApiTags } from '@nestjs/swagger';
import { Access } from '../../access/access.decorator';
import { MilestoneParams } from '../../web/params';
import { ApiRead } from '../shared/api-read.decorator';
import { ReadCutQuery } from '../shared/read-cut.query';
import { ReadGate } from '../shared/read-gate';
import { MilestoneHistoryDto } from './milestone-history.dto';
import { MilestoneHistoryQueries } from './milestone-history.queries';

@ApiTags('board')
@Access('read')
@Controller('api/plans/:planId/milestones/:milestoneId/history')
export class MilestoneHistoryController {
  constructor(
    private readonly gate: ReadGate,
    private readonly queries: MilestoneHistoryQueries,
  ) {}

  @Get()
  @ApiRead(
    'The history of one milestone’s ratings',
    'Every rating effective by asOf and recorded by knownAt, in effective order, corrections included (a corrected one is marked ' +
      'superseded, the correction carries its reason), with who recorded it, and the due-date changes.',
    MilestoneHistoryDto,
    { notFound: 'no such plan or milestone, or not yet recorded at knownAt', headers: { ETag: { description: 'The revision as a weak entity tag (W/"3"): send it back as If-Match' } } },
  )
  async history(
    @Param() { planId, milestoneId }: MilestoneParams,
    @Query() query: ReadCutQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MilestoneHistoryDto> {
    const history = this.queries.history(planId, milestoneId, await this.gate.open(query));
    void reply.header('ETag', revisionETag(history.revision));
    return history;
  }
}
