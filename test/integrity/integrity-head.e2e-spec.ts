import { GENESIS, nextLink } from '../../src/event-store/chain';
import { recordSmallPlan } from '../support/plan-fixture';
import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('GET /api/integrity', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('answers the start of the chain for an empty log', async () => {
    const res = await t.request('GET', '/api/integrity');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ position: -1, hash: '0'.repeat(64) });
  });

  it('answers the last event’s position and the link the whole log gives, to an auditor', async () => {
    await recordSmallPlan(t);
    const write = await t.request('POST', '/api/plans/halton/milestones/P2.1/updates', {
      period: '2025-26 Q2',
      rag: 'amber',
      commentary: 'Placement moves rose in September',
      effectiveOn: '2025-09-30',
    });
    const auditor = (await t.request('POST', '/api/tokens', { name: 'Internal audit', role: 'auditor', plans: ['halton'] })).body.token;
    const res = await t.request('GET', '/api/integrity', undefined, bearer(auditor));
    expect(res.status).toBe(200);
    const link = (await t.store.readAll()).reduce((previous, event) => nextLink(previous, event), GENESIS);
    // The token issued after the write is the last event.
    expect(res.body).toEqual({ position: write.body.position + 1, hash: link });
  });

  it('is described in the API docs with both fields', async () => {
    const docs = await t.request('GET', '/api/docs-json');
    const operation = docs.body.paths['/api/integrity'].get;
    const schema = docs.body.components.schemas.IntegrityHeadDto;
    expect(operation.summary).toContain('hash chain');
    expect(Object.keys(schema.properties)).toEqual(['position', 'hash']);
  });
});
