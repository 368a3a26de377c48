import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandPipeline } from '../../src/write-side/pipeline';
import { newContext } from '../../src/write-side/command-context';
import { SqliteEventStore } from '../../src/event-store/sqlite-event-store';
import { milestoneDecider } from '../../src/milestone/milestone';
import { startTestApp, TestApp } from '../support/test-app';
import { recordSmallPlan } from '../support/plan-fixture';

const UPDATE = '/api/plans/halton/milestones/P2.1/updates';
const rating = (i: number) => ({ period: '2025-26 Q2', rag: i % 2 ? 'amber' : 'green', commentary: `Board member ${i}'s view`, effectiveOn: '2025-09-30' });

describe('write API: concurrent writers', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp();
    await recordSmallPlan(t);
  });
  afterEach(() => t.close());

  it('20 updates with the same expectedRevision: exactly one 201, nineteen 409, nothing lost', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.request('POST', UPDATE, { ...rating(i), expectedRevision: 0 })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const conflict = answers.find((a) => a.status === 409)!;
    expect(conflict.headers.get('content-type')).toContain('application/problem+json');
    expect(conflict.body).toMatchObject({ currentRevision: 1, errors: [{ field: 'expectedRevision' }] });

    const winner = answers.find((a) => a.status === 201)!;
    const updates = (await t.store.readStream('milestone-halton/P2.1')).filter((e) => e.type === 'MilestoneUpdated');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.eventId).toBe(winner.body.eventIds[0]);
  });

  it('20 corrections without expectedRevision are all kept, each re-decided on the latest state', async () => {
    await t.request('POST', UPDATE, rating(100));
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.request('POST', UPDATE, { ...rating(i), reason: `correction ${i}` })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(20).fill(201));
    const revisions = answers.map((a) => a.body.revision).sort((a, b) => a - b);
    expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
    const reasons = (await t.store.readStream('milestone-halton/P2.1')).map((e) => (e.data as { reason?: string }).reason).filter(Boolean);
    expect(reasons.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `correction ${i}`).sort());
  });
});

describe('write API: another process writing the same store', () => {
  let dir: string;
  let t: TestApp;
  let other: SqliteEventStore;
  // What another server or a command-line tool on the same file does: its own connection, its own pipeline.
  const otherWrites = (rating: object) =>
    new CommandPipeline(other).run(
      milestoneDecider,
      'milestone-halton/P2.1',
      {
        type: 'UpdateMilestone',
        data: { planId: 'halton', milestoneId: 'P2.1', period: '2025-26 Q2', effectiveOn: '2025-09-30', ...rating } as never,
        now: new Date().toISOString(),
      },
      newContext({ actor: { id: 'other', name: 'Other process', role: 'admin' } }),
    );

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tracker-two-writers-'));
    t = await startTestApp({ EVENT_STORE_URL: `sqlite:${join(dir, 'tracker.db')}` });
    other = new SqliteEventStore({ path: join(dir, 'tracker.db') });
    await recordSmallPlan(t);
    expect((await t.request('POST', UPDATE, { ...rating(0), rag: 'green' })).status).toBe(201);
  });
  afterEach(async () => {
    await other.close();
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the other write and puts the next one after it', async () => {
    await otherWrites({ rag: 'red', commentary: 'Corrected by the performance team', reason: 'Figures revised' });
    const next = await t.request('POST', UPDATE, { ...rating(1), period: '2025-26 Q3', effectiveOn: '2025-12-31' });
    expect(next.status).toBe(201);
    expect(next.body.revision).toBe(3);
    const stream = await t.store.readStream('milestone-halton/P2.1');
    expect(stream.map((e) => (e.data as { rag?: string }).rag)).toEqual([undefined, 'green', 'red', 'amber']);
  });

  it('judges a request by what the other process wrote, not by what this one saw last', async () => {
    await otherWrites({ rag: 'red', commentary: 'Corrected by the performance team', reason: 'Figures revised' });
    // Without a reason, a second rating for the period is refused; the refusal names the rating now stored.
    const refused = await t.request('POST', UPDATE, { ...rating(0), rag: 'green' });
    expect(refused.status).toBe(422);
    expect(refused.body.detail).toContain('red, effective 2025-09-30');
    // The client's expectedRevision is checked against the stream as stored, other writes included.
    const stale = await t.request('POST', UPDATE, { ...rating(2), reason: 'Board view', expectedRevision: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.currentRevision).toBe(2);
    const current = await t.request('POST', UPDATE, { ...rating(2), reason: 'Board view', expectedRevision: 2 });
    expect(current.status).toBe(201);
    expect(current.body.revision).toBe(3);
  });
});
