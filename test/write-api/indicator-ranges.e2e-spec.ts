import { recordSmallPlan } from '../support/plan-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/** Each indicator's unit decides which values it can take: a percentage 0–100, a count a whole number from 0. */
describe('indicator values within the range their unit allows', () => {
  let t: TestApp;
  const indicators: Array<[string, string]> = [
    ['PCT', '%'],
    ['PCT-WORD', 'percent'],
    ['PCT-OF', '% of children in care'],
    ['COUNT', 'count'],
    ['CHILDREN', 'children'],
    ['MONEY', 'GBP'],
  ];
  let quarter = 0;
  const periods = ['2025-26 Q1', '2025-26 Q2', '2025-26 Q3', '2025-26 Q4'];
  const ends = ['2025-06-30', '2025-09-30', '2025-12-31', '2026-03-31'];
  const record = (indicatorId: string, value: number) => {
    const i = quarter++ % 4;
    return t.request('POST', `/api/plans/halton/indicators/${indicatorId}/values`, { period: periods[i], value, effectiveOn: ends[i] });
  };

  beforeAll(async () => {
    t = await startTestApp();
    await recordSmallPlan(t);
    for (const [indicatorId, unit] of indicators) {
      const res = await t.request('POST', '/api/plans/halton/indicators', { indicatorId, title: `Indicator ${indicatorId}`, unit });
      expect(res.status).toBe(201);
    }
  });
  afterAll(() => t.close());

  const refused = async (indicatorId: string, value: number, message: RegExp) => {
    const before = await t.store.headPosition();
    const res = await record(indicatorId, value);
    expect({ indicatorId, value, status: res.status }).toEqual({ indicatorId, value, status: 422 });
    expect(res.body.errors).toEqual([{ field: 'value', message: expect.stringMatching(message) }]);
    expect(await t.store.headPosition()).toBe(before);
  };

  it.each([-1, -0.01, 100.5, 1e308])('refuses %p for a percentage, however its unit is written', async (value) => {
    for (const id of ['PCT', 'PCT-WORD', 'PCT-OF']) await refused(id, value, /is a percentage.*from 0 to 100/);
  });

  it('records a percentage from 0 to 100', async () => {
    for (const value of [0, 10.4, 100]) expect((await record('PCT', value)).status).toBe(201);
  });

  it.each([-1, 2.5, 1e308])('refuses %p for a count', async (value) => {
    for (const id of ['COUNT', 'CHILDREN']) await refused(id, value, /is a count.*whole number from 0/);
  });

  it('records a count of 0 or more, and any amount of money', async () => {
    for (const value of [0, 384]) expect((await record('CHILDREN', value)).status).toBe(201);
    expect((await record('MONEY', -125_000.5)).status).toBe(201);
  });
});
