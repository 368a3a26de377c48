import { Inject, Injectable } from '@nestjs/common';
import { fold } from '../domain/decider';
import { PlanContext } from '../domain/plan-context';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { PlanEvent, planContextOf, planDecider, streamId as planStreamId } from './plan';

/** Cross-aggregate facts a command needs of its plan, read from the streams as the command is built. */
@Injectable()
export class PlanReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async planContext(planId: string): Promise<PlanContext> {
    const events = await this.store.readStream(planStreamId(planId));
    return planContextOf(fold(planDecider, events.map((e) => ({ type: e.type, data: e.data }) as PlanEvent)));
  }

  async exists(streamId: string): Promise<boolean> {
    return (await this.store.readStream(streamId, { maxCount: 1 })).length > 0;
  }
}
