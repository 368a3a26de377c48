import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../access/access.decorator';
import { EVENT_STORE, EventStore, StoreUnavailableError } from '../event-store/event-store.port';
import { Projector } from '../projections/engine/projector';
import { CATCH_UP_WAIT_MS, describeTrouble, ProjectionsHealth, projectionsHealth } from '../projections/engine/projections-health';
import { ProblemException, problemType } from '../web/problem.filter';

type Readiness = { status: 'ok'; store: 'ok'; position: string; projections?: ProjectionsHealth };

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() private readonly projections?: Projector,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: '200 when the event store answers and the read models are caught up, 503 otherwise',
    description: `Reports the store's head position and the read models' position and lag. The read models count as caught up when they reach the head within ${CATCH_UP_WAIT_MS / 1000} s; failed or behind is 503. The same as /health/ready.`,
  })
  health(): Promise<Readiness> {
    return this.ready();
  }

  @Get('live')
  @Public()
  @ApiOperation({
    summary: 'Liveness: 200 while the process answers requests',
    description:
      'Checks nothing beyond the process itself, so an orchestrator restarts the tracker only when it is stuck, never because the event store is down (that is readiness).',
  })
  live(): { status: 'ok'; uptimeSeconds: number } {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  @Public()
  @ApiOperation({
    summary: 'Readiness: 200 when the event store answers and the read models are caught up, 503 otherwise',
    description: `Send traffic only while this answers 200. Reports the store's head position and the read models' position and lag; the read models count as caught up when they reach the head within ${CATCH_UP_WAIT_MS / 1000} s.`,
  })
  async ready(): Promise<Readiness> {
    let head: bigint;
    try {
      await this.store.ping();
      head = await this.store.headPosition();
    } catch (error) {
      // Trouble the store names itself (a lock held elsewhere, a read-only file, a server out of reach).
      if (error instanceof StoreUnavailableError) throw unavailable(`The event store is unavailable: ${error.message}`);
      throw unavailable(`The event store does not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
    const body = { status: 'ok' as const, store: 'ok' as const, position: head.toString() };
    if (!this.projections) return body;
    const projections = await projectionsHealth(this.projections, Number(head));
    const trouble = describeTrouble(projections, Number(head));
    if (trouble) throw unavailable(trouble, { projections });
    return { ...body, projections };
  }
}

const unavailable = (detail: string, extra: Record<string, unknown> = {}) =>
  new ProblemException({ type: problemType('unavailable'), title: 'Service unavailable', status: 503, detail, ...extra });
