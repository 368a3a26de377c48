import { Projector } from '../../src/projections/engine/projector';
import { startTestApp, TestApp } from '../support/test-app';
import { httpWriter } from './support/http-writer';
import { readRaw } from './support/read';

/** minPosition and /health while the read models are behind: stopped by hand, so no test ever waits on time. */
describe('reading your own writes while the read models catch up', () => {
  let t: TestApp;
  let runner: Projector;
  const planId = 'catch-up';

  beforeAll(async () => {
    t = await startTestApp();
    runner = t.app.get(Projector);
  });
  afterAll(() => t.close());

  it('reports the read models caught up, with their position and lag', async () => {
    const position = await httpWriter(t).createPlan({ planId, localAuthority: 'Catchup Council', title: 'Plan' });
    const res = await t.request('GET', '/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      store: 'ok',
      position: String(position),
      projections: { status: 'caught-up', position, lag: 0 },
    });
  });

  it('answers 503 problem+json when the read models cannot reach minPosition, and /health says they are behind', async () => {
    await runner.stop();
    const position = await httpWriter(t).addPriority(planId, { priorityId: 'CYP P1', title: 'Early help' });
    const res = await readRaw(t, `/api/plans/${planId}/board`, { minPosition: position });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 503, minPosition: position, position: position - 1 });
    expect(res.body.detail).toMatch(/reached position \d+, not \d+, within 5 s/);
    const health = await t.request('GET', '/health');
    expect(health.status).toBe(503);
    expect(health.body.projections).toEqual({ status: 'behind', position: position - 1, lag: 1 });
  });

  it('holds a read until the read models reach its minPosition, then answers it', async () => {
    const position = await httpWriter(t).addPriority(planId, { priorityId: 'CYP P2', title: 'Placements' });
    const pending = readRaw(t, `/api/plans/${planId}/board`, { minPosition: position });
    runner.start();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.body.priorities.map((p: any) => p.priorityId)).toEqual(['CYP P1', 'CYP P2']);
    expect((await t.request('GET', '/health')).status).toBe(200);
  });
});
