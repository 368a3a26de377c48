import { CommandContext } from '../domain/command';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { fingerprint } from '../platform/ids';
import { metadataFor } from './event-metadata';
import { eventIdFor, findRetried } from './idempotency';

const STREAM = 'milestone-h/P1';
const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  actor: { id: 'jane', name: 'Jane', role: 'board-member' },
  correlationId: 'c1',
  commandId: 'cmd-1',
  idempotencyKey: 'board-pack-7',
  requestHash: fingerprint({ path: '/p', body: { rag: 'amber', period: '2025-26 Q2' } }),
  ...overrides,
});

describe('a request retried with the same Idempotency-Key', () => {
  let store: SqliteEventStore;
  /** Appends one command's events as the pipeline does: ids from the key, metadata from the context. */
  const record = async (ctx: CommandContext, count = 1) => {
    const metadata = metadataFor({ type: 'UpdateMilestone', data: {}, now: '2025-10-20T09:00:00.000Z' }, ctx);
    const events = Array.from({ length: count }, (_, i) => ({ eventId: eventIdFor(ctx, STREAM, i), type: 'MilestoneUpdated', data: { i }, metadata }));
    await store.append(STREAM, events, { expectedRevision: 'any' });
  };
  beforeEach(() => (store = new SqliteEventStore({ path: ':memory:' })));
  afterEach(() => store.close());

  it('gives the events of a keyed command the same ids every time, and new ones without a key', () => {
    expect(eventIdFor(context(), STREAM, 0)).toBe(eventIdFor(context({ commandId: 'cmd-2' }), STREAM, 0));
    expect(eventIdFor(context(), STREAM, 0)).not.toBe(eventIdFor(context(), STREAM, 1));
    expect(eventIdFor(context(), STREAM, 0)).not.toBe(eventIdFor(context({ actor: { id: 'sam', name: 'Sam', role: 'admin' } }), STREAM, 0));
    const unkeyed = context({ idempotencyKey: undefined });
    expect(eventIdFor(unkeyed, STREAM, 0)).not.toBe(eventIdFor(unkeyed, STREAM, 0));
  });

  it('is answered as the first attempt was: its events, its revision and position, marked as replayed', async () => {
    await record(context({ idempotencyKey: undefined, commandId: 'earlier' }));
    await record(context(), 2);
    await record(context({ idempotencyKey: 'later', commandId: 'later' }));
    expect(await findRetried(store, STREAM, context({ commandId: 'cmd-2' }))).toEqual({
      streamId: STREAM,
      revision: 2,
      position: 3,
      events: [0, 1].map((i) => ({ eventId: eventIdFor(context(), STREAM, i), type: 'MilestoneUpdated' })),
      replayed: true,
    });
  });

  it('finds nothing when the first attempt recorded nothing, or no key was sent', async () => {
    await record(context({ idempotencyKey: 'another' }));
    expect(await findRetried(store, STREAM, context())).toBeUndefined();
    await record(context());
    expect(await findRetried(store, STREAM, context({ idempotencyKey: undefined }))).toBeUndefined();
  });

  it('takes the same fields in another order for the same request', async () => {
    await record(context());
    const reordered = context({ requestHash: fingerprint({ body: { period: '2025-26 Q2', rag: 'amber' }, path: '/p' }) });
    expect(await findRetried(store, STREAM, reordered)).toMatchObject({ revision: 0, replayed: true });
  });

  it('refuses a key used before for a different request, naming the header', async () => {
    await record(context());
    const other = context({ requestHash: fingerprint({ path: '/p', body: { rag: 'red', period: '2025-26 Q2' } }) });
    await expect(findRetried(store, STREAM, other)).rejects.toMatchObject({
      kind: 'rule',
      field: 'Idempotency-Key',
      message: expect.stringMatching(/already used for a different request/),
    });
  });

  it('takes a first attempt fingerprinted before fingerprints were canonical for the request it says it is', async () => {
    await record(context({ requestHash: '3f1e0c9a7b2d4e6f8a0b1c2d3e4f5a6b' }));
    expect(await findRetried(store, STREAM, context())).toMatchObject({ revision: 0, replayed: true });
  });
});
