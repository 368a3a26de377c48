import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * The quarterly update: a board member rates every milestone of the plan and submits once. It is recorded
 * all or none, every refused row is named, and a retry or a colleague's change in between never leaves half a quarter.
 */
const ROUTE = '/api/plans/halton/quarterly-updates';
const MILESTONES = ['P1.1', 'P1.2', 'P1.3', 'P1.4', 'P2.1', 'P2.2', 'P2.3', 'P2.4', 'P3.1', 'P3.2', 'P3.3', 'P3.4'];
const RAGS = ['green', 'amber', 'red', 'complete'] as const;

const row = (milestoneId: string, i: number, extra: Record<string, unknown> = {}) => ({
  milestoneId,
  rag: RAGS[i % RAGS.length],
  commentary: `Q2 view of ${milestoneId}: ${i % 2 ? 'recruitment slipped' : 'audits improving'}`,
  effectiveOn: '2025-09-30',
  ...extra,
});
const q2 = () => ({ period: '2025-26 Q2', updates: MILESTONES.map((m, i) => row(m, i)) });

async function recordTwelveMilestones(t: TestApp): Promise<void> {
  const steps: Array<[string, unknown]> = [['/api/plans', { planId: 'halton', localAuthority: 'Halton Borough Council', title: 'Improvement plan' }]];
  for (const p of [1, 2, 3]) steps.push(['/api/plans/halton/priorities', { priorityId: `CYP P${p}`, title: `Priority ${p}` }]);
  for (const m of MILESTONES) {
    steps.push(['/api/plans/halton/milestones', { milestoneId: m, priorityId: `CYP P${m[1]}`, title: `Milestone ${m}` }]);
  }
  for (const [path, body] of steps) {
    const res = await t.request('POST', path, body);
    if (res.status !== 201) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  }
}

describe('write API: a quarterly update of many milestones in one request', () => {
  let t: TestApp;
  const eventCount = async () => (await t.store.readAll()).length;
  beforeEach(async () => {
    t = await startTestApp();
    await recordTwelveMilestones(t);
  });
  afterEach(() => t.close());

  it("records 12 milestones' ratings in one request, all shown on the board", async () => {
    const before = await eventCount();
    const res = await t.request('POST', ROUTE, q2());
    expect(res.status).toBe(201);
    expect(res.body.updates).toEqual(MILESTONES.map((milestoneId) => ({ milestoneId, revision: 1 })));
    expect(await eventCount()).toBe(before + 12);

    const board = await t.request('GET', `/api/plans/halton/board?asOf=2025-09-30&minPosition=${res.body.position}`);
    expect(board.status).toBe(200);
    const shown = board.body.priorities.flatMap((p: any) => p.milestones.map((m: any) => [m.milestoneId, m.rag, m.period, m.commentary]));
    expect(shown).toEqual(MILESTONES.map((m, i) => [m, RAGS[i % RAGS.length], '2025-26 Q2', row(m, i).commentary]));
    expect(board.body.totals).toEqual({ green: 3, amber: 3, red: 3, complete: 3, notRated: 0 });

    // Every event names who submitted it, and the one request it came from.
    const updates = (await t.store.readAll()).filter((e) => e.type === 'MilestoneUpdated');
    expect(new Set(updates.map((e) => e.metadata.correlationId)).size).toBe(1);
    expect(updates.every((e) => e.metadata.actor?.id === 'bootstrap-admin')).toBe(true);
  });

  it('refuses the whole submission when rows 3 and 7 are refused, naming both, and records nothing', async () => {
    await t.request('POST', ROUTE, q2());
    const before = await eventCount();
    const body = q2();
    body.period = '2025-26 Q3';
    body.updates = body.updates.map((u, i) => ({ ...u, effectiveOn: '2025-12-31', commentary: `Q3 ${i}` }));
    body.updates[3] = { ...body.updates[3]!, effectiveOn: '2025-09-30' }; // outside Q3
    body.updates[7] = { ...body.updates[7]!, milestoneId: 'P9.9' }; // not in the plan
    const res = await t.request('POST', ROUTE, body);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors).toEqual([
      { field: 'updates[3].effectiveOn', message: expect.stringContaining('2025-26 Q3') },
      { field: 'updates[7].milestoneId', message: expect.stringContaining('P9.9') },
    ]);
    expect(res.body.detail).toContain('nothing was recorded');
    expect(await eventCount()).toBe(before);
  });

  it('names the field of a malformed row as updates[i].field, and refuses a milestone given twice', async () => {
    const body = q2();
    body.updates[3] = { ...body.updates[3]!, rag: 'purple' as 'green' };
    delete (body.updates[5] as Partial<ReturnType<typeof row>>).commentary;
    const invalid = await t.request('POST', ROUTE, body);
    expect(invalid.status).toBe(400);
    expect([...new Set(invalid.body.errors.map((e: { field: string }) => e.field))]).toEqual(['updates[3].rag', 'updates[5].commentary']);
    expect(invalid.body.errors[0].message).toContain('must be one of: green, amber, red, complete, not-rated');

    const twice = q2();
    twice.updates[9] = { ...twice.updates[9]!, milestoneId: 'P1.2' };
    const repeated = await t.request('POST', ROUTE, twice);
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors).toEqual([{ field: 'updates[9].milestoneId', message: expect.stringContaining('updates[1]') }]);

    const tooMany = await t.request('POST', ROUTE, { period: '2025-26 Q2', updates: Array.from({ length: 501 }, (_, i) => row(`M${i}`, i)) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors).toEqual([{ field: 'updates', message: expect.stringContaining('at most 500') }]);
    const empty = await t.request('POST', ROUTE, { period: '2025-26 Q2', updates: [] });
    expect(empty.status).toBe(400);
    expect(await t.request('POST', '/api/plans/nowhere/quarterly-updates', q2())).toMatchObject({ status: 404 });
    expect(await eventCount()).toBe(16);
  });

  it("refuses with 409 a submission overtaken by a colleague's update, naming the milestone, and records none of it", async () => {
    const loaded = await t.request('POST', ROUTE, q2());
    const revisions = new Map<string, number>(loaded.body.updates.map((u: { milestoneId: string; revision: number }) => [u.milestoneId, u.revision]));
    // A colleague corrects P2.3 after the page was loaded and before it is submitted.
    const colleague = await t.request('POST', '/api/plans/halton/milestones/P2.3/updates', {
      ...row('P2.3', 1, { reason: 'Late figures' }),
      milestoneId: undefined,
      period: '2025-26 Q2',
    });
    expect(colleague.status).toBe(201);
    const before = await eventCount();
    const stale = {
      period: '2025-26 Q3',
      updates: MILESTONES.map((m, i) => row(m, i + 1, { effectiveOn: '2025-12-31', expectedRevision: revisions.get(m) })),
    };
    const res = await t.request('POST', ROUTE, stale);
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([{ field: 'updates[6].expectedRevision', message: 'Milestone P2.3 is now at revision 2' }]);
    expect(res.body.detail).toContain('P2.3');
    expect(await eventCount()).toBe(before);
  });

  it('answers a retry with the same Idempotency-Key as the first time, appending nothing; refuses the key for another submission', async () => {
    const headers = { 'Idempotency-Key': 'halton-2025-26-Q2-board' };
    const first = await t.request('POST', ROUTE, q2(), headers);
    expect(first.status).toBe(201);
    const after = await eventCount();
    const again = await t.request('POST', ROUTE, q2(), headers);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await eventCount()).toBe(after);

    const other = q2();
    other.updates[0] = { ...other.updates[0]!, commentary: 'A different submission', reason: 'Changed' } as ReturnType<typeof row>;
    const reused = await t.request('POST', ROUTE, other, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.stringContaining('different request') }]);
    expect(await eventCount()).toBe(after);
  });

  it('keeps every update when single updates and a submission race on the same milestones', async () => {
    await t.request('POST', ROUTE, q2());
    const corrections = MILESTONES.slice(0, 4).map((m, i) =>
      t.request('POST', `/api/plans/halton/milestones/${m}/updates`, { ...row(m, i + 2, { reason: 'Single correction' }), milestoneId: undefined, period: '2025-26 Q2' }),
    );
    const submission = t.request('POST', ROUTE, {
      period: '2025-26 Q2',
      updates: MILESTONES.map((m, i) => row(m, i + 1, { reason: 'Board correction' })),
    });
    const answers = await Promise.all([...corrections, submission]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    for (const m of MILESTONES.slice(0, 4)) {
      const reasons = (await t.store.readStream(`milestone-halton/${m}`)).map((e) => (e.data as { reason?: string }).reason).filter(Boolean);
      expect(reasons.sort()).toEqual(['Board correction', 'Single correction']);
    }
  });

  it('lets a board member of the plan submit, and refuses an auditor and a board member of another plan', async () => {
    const token = async (role: string, plans: string[]) =>
      bearer((await t.request('POST', '/api/tokens', { name: `${role} ${plans}`, role, plans })).body.token);
    const member = await token('board-member', ['halton']);
    const auditor = await token('auditor', ['halton']);
    const elsewhere = await token('board-member', ['knowsley']);
    expect((await t.request('POST', ROUTE, q2(), auditor)).status).toBe(403);
    expect((await t.request('POST', ROUTE, q2(), elsewhere)).status).toBe(403);
    const res = await t.request('POST', ROUTE, q2(), member);
    expect(res.status).toBe(201);
    const [event] = await t.store.readStream('milestone-halton/P1.1', { fromRevision: 1 });
    expect(event!.metadata.actor).toMatchObject({ name: 'board-member halton', role: 'board-member' });
  });
});
