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
