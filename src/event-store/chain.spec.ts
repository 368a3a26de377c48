import { createHash } from 'node:crypto';
import { canonicalOf, canonicalText, GENESIS, nextLink } from './chain';

const event = {
  eventId: '0b0c6f1e-5a55-4c57-9d27-6e7f6b1c2a01',
  streamId: 'milestone-halton/P2.1',
  revision: 3,
  type: 'MilestoneUpdated',
  data: { period: '2025-26 Q2', rag: 'amber', commentary: 'Audit “due” — 5 cases', effectiveOn: '2025-09-30' },
  metadata: { actor: { id: 'u1', name: 'Jane', role: 'board-member' }, effectiveOn: '2025-09-30' },
  recordedAt: '2025-10-14T09:30:00.123Z',
};

describe('the hash chain', () => {
  it('covers the event as the JSON array of its ids, revision, type, data, metadata and recorded time, and not its position', () => {
    expect(canonicalOf(event)).toBe(
      JSON.stringify([event.eventId, event.streamId, 3, event.type, event.data, event.metadata, event.recordedAt]),
    );
    expect(canonicalOf({ ...event, position: 99n } as typeof event)).toBe(canonicalOf(event));
  });

  it('gives the same text from data already written as JSON, as an append writes it', () => {
    expect(canonicalText(event.eventId, event.streamId, 3, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), event.recordedAt)).toBe(
      canonicalOf(event),
    );
  });

  it('is SHA-256 of the previous link, as 64 hex digits, followed by the canonical bytes, from 64 zeros', () => {
    const expected = createHash('sha256').update(Buffer.from('0'.repeat(64) + canonicalOf(event), 'utf8')).digest('hex');
    expect(nextLink(GENESIS, event)).toBe(expected);
    expect(nextLink(expected, event)).toBe(createHash('sha256').update(`${expected}${canonicalOf(event)}`).digest('hex'));
  });

  it('changes with any change to what it covers: a rating, an actor, a recorded time, a key order', () => {
    const link = nextLink(GENESIS, event);
    const changed = [
      { ...event, data: { ...event.data, rag: 'green' } },
      { ...event, metadata: { ...event.metadata, actor: { ...event.metadata.actor, id: 'u2' } } },
      { ...event, recordedAt: '2025-10-14T09:30:00.124Z' },
      { ...event, revision: 4 },
      { ...event, data: { rag: 'amber', period: '2025-26 Q2', commentary: event.data.commentary, effectiveOn: '2025-09-30' } },
    ];
    for (const other of changed) expect(nextLink(GENESIS, other)).not.toBe(link);
    expect(nextLink(nextLink(GENESIS, event), event)).not.toBe(link);
  });

  it('reads back the same after JSON.parse: the text a store keeps gives the same link as the values it returns', () => {
    const awkward = { ...event, data: { '10': 'ten', b: -0, '2': [1.5e-7, '\u2028', '\ud800'], a: null } };
    const stored = { ...awkward, data: JSON.parse(JSON.stringify(awkward.data)) };
    expect(canonicalOf(stored)).toBe(canonicalOf(awkward));
  });
});
