import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { ProblemException, problemType } from '../web/problem.filter';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({ summary: '200 when the event store answers, 503 otherwise' })
  async health(): Promise<{ status: 'ok'; store: 'ok'; position: string }> {
    try {
      await this.store.ping();
      const position = await this.store.headPosition();
      return { status: 'ok', store: 'ok', position: position.toString() };
    } catch (error) {
      throw new ProblemException({
        type: problemType('unavailable'),
        title: 'Service unavailable',
        status: 503,
        detail: `The event store does not answer: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
}
