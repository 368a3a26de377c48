import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../access/access.decorator';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { ProblemException, problemType } from '../../web/problem.filter';
import { IntegrityHeadDto } from './integrity-head.dto';

@ApiTags('integrity')
@Access('audit')
@Controller('api/integrity')
export class IntegrityHeadController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({
    summary: 'The head of the log’s hash chain: the last event’s position and link',
    description:
      'For auditors (and admins and board members): note it in the minutes or a board pack, and `npm run verify -- --head <position>:<hash>` shows later whether the log up to it still holds. On KurrentDB the chain is computed from the log: the first call after a start reads it all.',
  })
  @ApiOkResponse({ type: IntegrityHeadDto })
  async head(): Promise<IntegrityHeadDto> {
    const { position, hash } = await this.store.chainHead();
    if (hash === null) {
      throw new ProblemException({
        type: problemType('broken-chain'),
        title: 'The log’s chain is broken',
        status: 500,
        detail: `The last event (position ${position}) was written without a link in the chain; run npm run verify.`,
      });
    }
    return { position: Number(position), hash };
  }
}
