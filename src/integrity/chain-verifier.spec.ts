import { GENESIS, nextLink } from '../event-store/chain';
import { Anchor, ChainVerifier, CheckedEvent, Verdict } from './chain-verifier';

/** A log of `n` ratings at positions 1…n, each with the link the embedded store keeps. */
function log(n: number): CheckedEvent[] {
  let link = GENESIS;
  return Array.from({ length: n }, (_, i) => {
    const event = {
      position: BigInt(i + 1),
      eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      streamId: `milestone-halton/P${i % 3}`,
      revision: Math.floor(i / 3),
      type: 'MilestoneUpdated',
      data: { rag: i % 2 ? 'red' : 'green' },
      metadata: {},
      recordedAt: '2025-10-14T09:30:00.000Z',
    };
    link = nextLink(link, event);
    return { ...event, link };
  });
}

const verify = (events: CheckedEvent[], anchors: Anchor[] = []): Verdict => {
  const verifier = new ChainVerifier(anchors);
  for (const event of events) if (!verifier.add(event)) break;
  return verifier.finish();
};

describe('verifying the log against its chain', () => {
  it('passes an untouched log and names its head', () => {
    const events = log(6);
    expect(verify(events)).toEqual({ ok: true, events: 6, head: { position: 6n, hash: events[5]!.link } });
    expect(verify([])).toEqual({ ok: true, events: 0, head: { position: -1n, hash: '0'.repeat(64) } });
  });

  it('names an edited event’s position, whatever field was edited', () => {
    for (const edit of [{ data: { rag: 'amber' } }, { recordedAt: '2025-10-15T09:30:00.000Z' }, { streamId: 'milestone-halton/P9' }, { metadata: { actor: { id: 'x' } } }]) {
      const events = log(6);
      events[3] = { ...events[3]!, ...edit };
      const verdict = verify(events);
      expect(verdict).toMatchObject({ ok: false, position: 4n, events: 3 });
      expect(verdict.ok || verdict.message).toMatch(/position 4: the event there does not match its link. It was changed/);
    }
  });

  it('names the event after a deleted one, and the gap it left', () => {
    const events = log(6);
    events.splice(2, 1);
    const verdict = verify(events);
    expect(verdict).toMatchObject({ ok: false, position: 4n });
    expect(verdict.ok || verdict.message).toContain('an event recorded between position 2 and it was deleted');
  });

  it('names an inserted event, with a link or without', () => {
    const events = log(6);
    const forged = { ...events[2]!, position: 3n, eventId: '00000000-0000-4000-8000-999999999999', data: { rag: 'green' } };
    const inserted = [...events.slice(0, 2), { ...forged, link: nextLink(events[1]!.link!, forged) }, ...events.slice(2).map((e) => ({ ...e, position: e.position + 1n }))];
    // Its own link is right, so the next event gives it away: that one follows on from position 2.
    const withLink = verify(inserted);
    expect(withLink).toMatchObject({ ok: false, position: 3n, events: 2 });
    expect(withLink.ok || withLink.message).toContain('the next one, at position 4, follows on from position 2. It was inserted');
    const unlinked = [...events.slice(0, 3), { ...forged, position: 4n, link: null }, ...events.slice(3).map((e) => ({ ...e, position: e.position + 1n }))];
    const verdict = verify(unlinked);
    expect(verdict).toMatchObject({ ok: false, position: 4n });
    expect(verdict.ok || verdict.message).toContain('no link in the chain');
  });

  it('names an event inserted with a made-up link as not belonging there', () => {
    const events = log(6);
    const forged = { ...events[2]!, position: 25n, eventId: '00000000-0000-4000-8000-999999999999', link: 'f'.repeat(64) };
    const verdict = verify([...events.slice(0, 3), forged, ...events.slice(3).map((e) => ({ ...e, position: e.position + 100n }))]);
    expect(verdict).toMatchObject({ ok: false, position: 25n });
    expect(verdict.ok || verdict.message).toContain('the next one, at position 104, follows on from position 3. It was inserted, or moved here');
  });

  it('names the first of two events swapped', () => {
    const events = log(6);
    const swapped = [...events];
    swapped[2] = { ...events[3]!, position: 3n };
    swapped[3] = { ...events[2]!, position: 4n };
    expect(verify(swapped)).toMatchObject({ ok: false, position: 3n });
  });

  it('holds a log rewritten whole, links and all, to the heads recorded before', () => {
    const events = log(6);
    let link = GENESIS;
    const rewritten = events.map((e, i) => {
      const changed = i === 1 ? { ...e, data: { rag: 'green' } } : e;
      link = nextLink(link, changed);
      return { ...changed, link };
    });
    expect(verify(rewritten)).toMatchObject({ ok: true });
    const verdict = verify(rewritten, [{ position: 4n, hash: events[3]!.link! }]);
    expect(verdict).toMatchObject({ ok: false, position: 4n });
    expect(verdict.ok || verdict.message).toContain('rewritten since that head was recorded');
    expect(verify(events, [{ position: 4n, hash: events[3]!.link! }])).toMatchObject({ ok: true });
  });

  it('notices a recorded head past the end of the log: events deleted from its end', () => {
    const events = log(6);
    const verdict = verify(events.slice(0, 4), [{ position: 6n, hash: events[5]!.link! }]);
    expect(verdict).toMatchObject({ ok: false, position: 6n });
    expect(verdict.ok || verdict.message).toContain('the log now ends at position 4');
  });

  it('computes the chain of a store that keeps no links, and checks recorded heads there', () => {
    const events = log(6);
    const unkept = events.map(({ link: _link, ...event }) => event);
    expect(verify(unkept)).toEqual({ ok: true, events: 6, head: { position: 6n, hash: events[5]!.link } });
    const edited = unkept.map((e, i) => (i === 1 ? { ...e, data: { rag: 'amber' } } : e));
    expect(verify(edited, [{ position: 6n, hash: events[5]!.link! }])).toMatchObject({ ok: false, position: 6n });
  });
});
