import { startTestApp, TestApp } from '../support/test-app';
import { recordSmallPlan } from '../support/plan-fixture';

describe('write API: every route records its fact', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await recordSmallPlan(t);
  });
  afterAll(() => t.close());

  const post = (path: string, body: unknown, headers?: Record<string, string>) => t.request('POST', path, body, headers);
  const lastEvent = async (streamId: string) => (await t.store.readStream(streamId)).at(-1)!;

  it('records a plan, a priority and a milestone in their own streams, effective from the day they were recorded', async () => {
    const plan = await t.store.readStream('plan-halton');
    expect(plan.map((e) => e.type)).toEqual(['PlanCreated', 'PriorityAdded']);
    expect(plan[1]!.data).toEqual({ priorityId: 'CYP P2', title: 'Placement sufficiency and stability', effectiveOn: plan[1]!.recordedAt.slice(0, 10) });
    const milestone = await lastEvent('milestone-halton/P2.1');
    expect(milestone.type).toBe('MilestoneAdded');
    expect(milestone.data).toMatchObject({ priorityId: 'CYP P2', owner: 'Children in Care' });
  });

  it('records a milestone update with its effective date, and actor, correlation and command in its metadata', async () => {
    const res = await post(
      '/api/plans/halton/milestones/P2.1/updates',
      { period: '2025-26 Q2', rag: 'amber', commentary: '10.4% of children in care had 3+ placements.', effectiveOn: '2025-09-30', forecastRag: 'green' },
      { 'X-Request-Id': 'board-2025-10-14' },
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ revision: 1, streamId: 'milestone-halton/P2.1' });
    expect(typeof res.body.position).toBe('number');
    const event = await lastEvent('milestone-halton/P2.1');
    expect(event).toMatchObject({ type: 'MilestoneUpdated', revision: 1, position: BigInt(res.body.position) });
    expect(event.data).toMatchObject({ period: '2025-26 Q2', rag: 'amber', forecastRag: 'green', effectiveOn: '2025-09-30' });
    expect(event.metadata).toMatchObject({
      actor: { id: 'bootstrap-admin', name: 'Bootstrap administrator', role: 'admin' },
      correlationId: 'board-2025-10-14',
      command: 'UpdateMilestone',
    });
    expect(typeof event.metadata.causationId).toBe('string');
  });

  it('records a due-date extension as its own fact, effective from the day it was decided', async () => {
    t.setClock('2025-10-14T16:30:00Z');
    try {
      expect((await post('/api/plans/halton/milestones/P2.1/due-date', { dueOn: '2026-06-30', reason: 'Recruitment slipped' })).status).toBe(201);
    } finally {
      t.setClock(undefined);
    }
    const event = await lastEvent('milestone-halton/P2.1');
    expect(event.data).toEqual({ dueOn: '2026-06-30', reason: 'Recruitment slipped', effectiveOn: '2025-10-14' });
    expect(event.recordedAt).toBe('2025-10-14T16:30:00.000Z');
  });

  it('links a milestone, closes the recommendation on evidence and reopens it', async () => {
    expect((await post('/api/plans/halton/recommendations/R07/links', { milestoneId: 'P2.1' })).status).toBe(201);
    const closed = await post('/api/plans/halton/recommendations/R07/closure', {
      reason: 'Stability improved for two quarters',
      evidence: ['Quarterly report 2025-26 Q2'],
      effectiveOn: '2025-10-31',
    });
    expect(closed.status).toBe(201);
    const reopened = await post('/api/plans/halton/recommendations/R07/reopening', { reason: 'Visit found moves again', effectiveOn: '2026-04-30' });
    expect(reopened.status).toBe(201);
    const types = (await t.store.readStream('recommendation-halton/R07')).map((e) => e.type);
    expect(types).toEqual(['RecommendationRaised', 'MilestoneLinked', 'RecommendationClosed', 'RecommendationReopened']);
  });

  it('records a visit finding effective on the visit end date, and a judgement', async () => {
    const finding = await post('/api/plans/halton/visits/ilacs-2024-05/findings', {
      text: 'Too many children move placement.',
      assessment: 'area-for-improvement',
      recommendationIds: ['R07'],
    });
    expect(finding.status).toBe(201);
    expect(typeof finding.body.findingId).toBe('string');
    const event = await lastEvent('visit-halton/ilacs-2024-05');
    expect(event.data).toMatchObject({ findingId: finding.body.findingId, effectiveOn: '2024-05-24', recommendationIds: ['R07'] });

    const judgement = await post('/api/plans/halton/visits/ilacs-2024-05/judgements', { area: 'care-leavers', grade: 'inadequate', framework: 'ilacs-2023' });
    expect(judgement.status).toBe(201);
  });

  it('defines an indicator and records its value', async () => {
    expect((await post('/api/plans/halton/indicators', { indicatorId: 'children-in-care', title: 'Children in care', unit: 'children' })).status).toBe(201);
    const value = await post('/api/plans/halton/indicators/children-in-care/values', { period: '2025-26 Q2', value: 384, effectiveOn: '2025-09-30' });
    expect(value.status).toBe(201);
    expect((await lastEvent('indicator-halton/children-in-care')).data).toEqual({ period: '2025-26 Q2', value: 384, effectiveOn: '2025-09-30' });
  });

  it('documents every write route in the OpenAPI docs', async () => {
    const docs = await t.request('GET', '/api/docs-json');
    const paths = Object.keys(docs.body.paths);
    for (const path of [
      '/api/plans',
      '/api/plans/{planId}/priorities',
      '/api/plans/{planId}/milestones',
      '/api/plans/{planId}/milestones/{milestoneId}/updates',
      '/api/plans/{planId}/recommendations',
      '/api/plans/{planId}/recommendations/{recommendationId}/links',
      '/api/plans/{planId}/recommendations/{recommendationId}/closure',
      '/api/plans/{planId}/recommendations/{recommendationId}/reopening',
      '/api/plans/{planId}/visits',
      '/api/plans/{planId}/visits/{visitId}/findings',
      '/api/plans/{planId}/visits/{visitId}/judgements',
      '/api/plans/{planId}/indicators',
      '/api/plans/{planId}/indicators/{indicatorId}/values',
    ]) {
      expect(paths).toContain(path);
    }
    const update = docs.body.components.schemas.UpdateMilestoneDto;
    expect(update.properties.rag.enum).toEqual(['green', 'amber', 'red', 'complete', 'not-rated']);
  });
});
