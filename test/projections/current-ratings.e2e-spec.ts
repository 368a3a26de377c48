import { recordSmallPlan } from '../support/plan-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { read } from './support/read';

/**
 * The day a rating applies to, as a board member meets it: a rating made during its own quarter shows on
 * today's board, a date ahead is refused with the reason, and a late report still counts for its quarter.
 */
describe('a rating for the current quarter', () => {
  let t: TestApp;
  const TODAY = '2026-12-07';
  const milestone = (board: any, id = 'P2.1') => board.priorities.flatMap((p: any) => p.milestones).find((m: any) => m.milestoneId === id);

  beforeAll(async () => {
    t = await startTestApp();
    t.setClock(`${TODAY}T10:00:00.000Z`);
    await recordSmallPlan(t);
  });
  afterAll(() => t.close());

  it('recorded in December for 2026-27 Q3 with no date, shows on today’s board and in the portfolio from today', async () => {
    const res = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', {
      period: '2026-27 Q3',
      rag: 'amber',
      commentary: 'Two placements ended early this month',
    });
    expect(res.status).toBe(201);
    const board = await read(t, '/api/plans/halton/board', { minPosition: res.body.position });
    expect(board.asOf).toBe(TODAY);
    expect(milestone(board)).toMatchObject({ rag: 'amber', period: '2026-27 Q3', effectiveOn: TODAY });
    const portfolio = await read(t, '/api/plans');
    expect(portfolio.find((p: any) => p.planId === 'halton').totals).toMatchObject({ amber: 1, notRated: 0 });
  });

  it('dated at the quarter’s end, which is still ahead, is refused, saying why and what to do', async () => {
    const res = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', {
      period: '2026-27 Q3',
      rag: 'red',
      commentary: 'Dated ahead',
      effectiveOn: '2026-12-31',
      reason: 'Worse than we thought',
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      {
        field: 'effectiveOn',
        message: expect.stringMatching(
          /^The date the rating applies to \(2026-12-31\) is after today \(2026-12-07\).*Leave effectiveOn out and the rating counts from today/,
        ),
      },
    ]);
  });

  it('for a quarter that has not begun is refused with 422, and so is a quarterly update for it', async () => {
    const single = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', {
      period: '2030-31 Q1',
      rag: 'green',
      commentary: 'Too early',
    });
    expect(single.status).toBe(422);
    expect(single.body.errors).toEqual([
      { field: 'period', message: expect.stringMatching(/^2030-31 Q1 has not begun: it starts on 2030-04-01, and today is 2026-12-07/) },
    ]);
    const batch = await t.request('POST', '/api/plans/halton/quarterly-updates', {
      period: '2027-28 Q1',
      updates: [{ milestoneId: 'P2.1', rag: 'green', commentary: 'Too early' }],
    });
    expect(batch.status).toBe(422);
    expect(batch.body.errors[0]).toMatchObject({ field: 'updates[0].period', message: expect.stringMatching(/has not begun/) });
  });

  it('recorded late for a past quarter, still shows as of that quarter, and today’s board keeps the current one', async () => {
    const res = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', {
      period: '2025-26 Q2',
      rag: 'green',
      commentary: 'Reported late: on course at the end of September 2025',
    });
    expect(res.status).toBe(201);
    const then = await read(t, '/api/plans/halton/board', { asOf: '2025-09-30', minPosition: res.body.position });
    expect(milestone(then)).toMatchObject({ rag: 'green', period: '2025-26 Q2', effectiveOn: '2025-09-30' });
    const now = await read(t, '/api/plans/halton/board');
    expect(milestone(now)).toMatchObject({ rag: 'amber', period: '2026-27 Q3' });
  });

  it('takes a quarterly update made during its quarter from today, row by row', async () => {
    await t.request('POST', '/api/plans/halton/milestones', { milestoneId: 'P2.2', priorityId: 'CYP P2', title: 'Sufficiency strategy' });
    const res = await t.request('POST', '/api/plans/halton/quarterly-updates', {
      period: '2026-27 Q3',
      updates: [{ milestoneId: 'P2.2', rag: 'green', commentary: 'Strategy agreed by the board' }],
    });
    expect(res.status).toBe(201);
    const board = await read(t, '/api/plans/halton/board', { minPosition: res.body.position });
    expect(milestone(board, 'P2.2')).toMatchObject({ rag: 'green', effectiveOn: TODAY });
  });

  it('refuses the findings of a visit that has not started, though the visit itself may be booked ahead', async () => {
    const visit = await t.request('POST', '/api/plans/halton/visits', {
      visitId: 'mv-2031-03',
      kind: 'monitoring',
      startDate: '2031-03-04',
      endDate: '2031-03-05',
    });
    expect(visit.status).toBe(201);
    const finding = await t.request('POST', '/api/plans/halton/visits/mv-2031-03/findings', {
      text: 'Written before the visit',
      assessment: 'progress',
    });
    expect(finding.status).toBe(422);
    expect(finding.body.errors).toEqual([
      { field: 'visitId', message: expect.stringMatching(/^Visit mv-2031-03 starts on 2031-03-04, and today is 2026-12-07/) },
    ]);
  });
});
