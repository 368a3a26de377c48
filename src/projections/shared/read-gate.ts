import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../../domain/clock';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { ProblemException, problemType, validationProblem } from '../../web/problem.filter';
import { Projector } from '../engine/projector';
import { readCut, ReadCut } from './read-cut';
import { ReadCutQuery } from './read-cut.query';

export const MIN_POSITION_WAIT_MS = 5000;

/** Turns a read's query into its cut, once the read models have reached the client's minPosition. */
@Injectable()
export class ReadGate {
  constructor(
    private readonly runner: Projector,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async open(query: ReadCutQuery): Promise<ReadCut> {
    if (query.minPosition !== undefined) await this.reach(Number(query.minPosition));
    return readCut(query, this.clock.now());
  }

  private async reach(minPosition: number): Promise<void> {
    if (this.runner.position >= minPosition) return;
    const head = Number(await this.store.headPosition());
    if (minPosition > head) {
      throw new ProblemException(
        validationProblem([
          {
            field: 'minPosition',
            message: `no write has answered position ${minPosition}: the event store's last position is ${head}`,
          },
        ]),
      );
    }
    if (await this.runner.waitFor(minPosition, MIN_POSITION_WAIT_MS)) return;
    const reached = this.runner.position;
    throw new ProblemException({
      type: problemType('read-models-behind'),
      title: 'The read models have not caught up yet',
      status: 503,
      detail: `The read models reached position ${reached}, not ${minPosition}, within ${MIN_POSITION_WAIT_MS / 1000} s. Your write is recorded; retry the read shortly.`,
      minPosition,
      position: reached,
    });
  }
}
