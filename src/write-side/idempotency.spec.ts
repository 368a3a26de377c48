import { CommandContext } from '../domain/command';
import { StoredEvent } from '../event-store/event-store.port';
import { eventIdFor, findRetried } from './idempotency';

const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  actor: { id: 'jane', name: 'Jane', role: 'board-member' },
  correlationId: 'c1',
  commandId: 'cmd-1',
  idempotencyKey: 'board-pack-7',
  requestHash: 'h1',
  ...overrides,
});
const stored = (eventId: string, revision: number, causationId: string, requestHash = 'h1'): StoredEvent => ({
  eventId,
  type: 'MilestoneUpdated',
  data: {},
  metadata: { causationId, requestHash },
  streamId: 'milestone-h/P1',
  revision,
  position: BigInt(100 + revision),
  recordedAt: '2025-10-20T09:00:00.000Z',
});

describe('a request retried with the same Idempotency-Key', () => {
  it('gives the events of a keyed command the same ids every time, and new ones without a key', () => {
    expect(eventIdFor(context(), 'milestone-h/P1', 0)).toBe(eventIdFor(context({ commandId: 'cmd-2' }), 'milestone-h/P1', 0));
    expect(eventIdFor(context(), 'milestone-h/P1', 0)).not.toBe(eventIdFor(context(), 'milestone-h/P1', 1));
    expect(eventIdFor(context(), 'milestone-h/P1', 0)).not.toBe(eventIdFor(context({ actor: { id: 'sam', name: 'Sam', role: 'admin' } }), 'milestone-h/P1', 0));
    const unkeyed = context({ idempotencyKey: undefined });
    expect(eventIdFor(unkeyed, 'milestone-h/P1', 0)).not.toBe(eventIdFor(unkeyed, 'milestone-h/P1', 0));
  });

  it('is answered as the first attempt was: its events, its revision and position', () => {
    const first = [eventIdFor(context(), 'milestone-h/P1', 0), eventIdFor(context(), 'milestone-h/P1', 1)];
    const stream = [stored('e0', 0, 'earlier'), stored(first[0]!, 1, 'cmd-1'), stored(first[1]!, 2, 'cmd-1'), stored('e3', 3, 'later')];
    expect(findRetried(stream, 'milestone-h/P1', context({ commandId: 'cmd-2' }))).toEqual({
      streamId: 'milestone-h/P1',
      revision: 2,
      position: 102,
      events: first.map((eventId) => ({ eventId, type: 'MilestoneUpdated' })),
    });
  });

  it('finds nothing when the first attempt recorded nothing, or no key was sent', () => {
    expect(findRetried([stored('e0', 0, 'earlier')], 'milestone-h/P1', context())).toBeUndefined();
    expect(findRetried([stored(eventIdFor(context(), 'milestone-h/P1', 0), 0, 'cmd-1')], 'milestone-h/P1', context({ idempotencyKey: undefined }))).toBeUndefined();
  });

  it('refuses a key used before for a different request, naming the header', () => {
    const stream = [stored(eventIdFor(context(), 'milestone-h/P1', 0), 0, 'cmd-1', 'another request')];
    expect(() => findRetried(stream, 'milestone-h/P1', context())).toThrow(
      expect.objectContaining({ kind: 'rule', field: 'Idempotency-Key', message: expect.stringMatching(/already used for a different request/) }),
    );
  });
});
