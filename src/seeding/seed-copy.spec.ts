import { StoredEvent } from '../event-store/event-store.port';
import { appendsInOrder } from './seed-copy';

let position = 0n;
const event = (streamId: string, revision: number): StoredEvent => ({
  eventId: `${streamId}#${revision}`,
  type: 'Something',
  data: { n: Number(position) },
  metadata: { actor: { id: 'seed-loader' } },
  streamId,
  revision,
  position: position++,
  recordedAt: '2026-01-01T00:00:00.000Z',
});

describe('copying a rehearsed seed', () => {
  it('keeps the rehearsal’s order: a stream met again after others starts the next append', () => {
    const events = [
      event('plan-h', 0),
      event('visit-h/v', 0),
      event('visit-h/v', 1),
      event('plan-h', 1),
      event('milestone-h/m', 0),
    ];
    const appends = appendsInOrder(events);
    expect(appends.map((a) => a.map((r) => [r.streamId, r.expectedRevision, r.events.map((e) => e.eventId)]))).toEqual([
      [
        ['plan-h', 'no-stream', ['plan-h#0']],
        ['visit-h/v', 'no-stream', ['visit-h/v#0', 'visit-h/v#1']],
      ],
      [
        ['plan-h', 0, ['plan-h#1']],
        ['milestone-h/m', 'no-stream', ['milestone-h/m#0']],
      ],
    ]);
    expect(appends.flat().flatMap((r) => r.events.map((e) => e.eventId))).toEqual(events.map((e) => e.eventId));
  });

  it('keeps each event’s id, data and metadata', () => {
    const request = appendsInOrder([event('plan-h', 0)])[0]![0]!;
    expect(request.events).toEqual([
      { eventId: 'plan-h#0', type: 'Something', data: expect.any(Object), metadata: { actor: { id: 'seed-loader' } } },
    ]);
  });

  it('has nothing to append for no events', () => expect(appendsInOrder([])).toEqual([]));
});
