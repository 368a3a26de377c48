import { recordSmallPlan } from '../support/plan-fixture';
import { bearer, noAuth, startTestApp, TestApp } from '../support/test-app';

const METRICS_TOKEN = 'prometheus-scrape-token-0123456789';
const UPDATES = '/api/plans/halton/milestones/P2.1/updates';
const rating = (rag: string, extra: Record<string, unknown> = {}) => ({
  period: '2025-26 Q2',
  rag,
  commentary: `Rated ${rag}`,
  effectiveOn: '2025-09-30',
  ...extra,
});

/** The value of one sample of the Prometheus text, e.g. `tracker_commands_total{command="AddMilestone"}`. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe('GET /metrics, scraped as Prometheus does', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN });
    await recordSmallPlan(t);
  });
  afterAll(() => t.close());

  const scrape = async () => {
    const res = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    return res.text();
  };

  it('counts commands by name, refusals by status and request latency by route', async () => {
    const before = await scrape();
    const first = await t.request('POST', UPDATES, rating('amber'));
    expect(first.status).toBe(201);
    expect((await t.request('POST', UPDATES, rating('red', { reason: 'Late figures' }))).status).toBe(201);
    expect((await t.request('POST', UPDATES, rating('purple'))).status).toBe(400);
    expect((await t.request('POST', '/api/plans/halton/milestones/P9.9/updates', rating('red'))).status).toBe(404);
    expect((await t.request('POST', UPDATES, rating('green', { reason: 'Stale', expectedRevision: first.body.revision }))).status).toBe(409);
    expect((await t.request('POST', UPDATES, rating('green'))).status).toBe(422);
    const text = await scrape();

    const updates = 'tracker_commands_total{command="UpdateMilestone"}';
    expect((sample(text, updates) ?? 0) - (sample(before, updates) ?? 0)).toBe(2);
    expect(sample(text, 'tracker_commands_total{command="AddMilestone"}')).toBe(1);
    for (const status of ['400', '404', '409', '422']) {
      const series = `tracker_rejections_total{status="${status}"}`;
      expect({ status, count: (sample(text, series) ?? 0) - (sample(before, series) ?? 0) }).toEqual({ status, count: 1 });
    }
    const route = 'method="POST",route="/api/plans/:planId/milestones/:milestoneId/updates"';
    expect(sample(text, `tracker_http_request_duration_seconds_count{${route},status="201"}`)).toBe(2);
    expect(sample(text, `tracker_http_request_duration_seconds_bucket{le="+Inf",${route},status="201"}`)).toBe(2);
    expect(sample(text, `tracker_http_request_duration_seconds_count{${route},status="422"}`)).toBe(1);
    // Routes by their pattern, never by a plan's or a milestone's id.
    expect(text).not.toContain('halton');
    expect(text).not.toContain('P9.9');
    expect(sample(text, 'tracker_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('shows how far the read models are behind the log', async () => {
    const write = await t.request('POST', UPDATES, rating('complete', { reason: 'Delivered' }));
    await t.request('GET', `/api/plans/halton/board?minPosition=${write.body.position}`);
    const text = await scrape();
    expect(sample(text, 'tracker_log_head_position')).toBe(write.body.position);
    expect(sample(text, 'tracker_projection_position')).toBe(write.body.position);
    expect(sample(text, 'tracker_projection_lag')).toBe(0);
    expect(sample(text, 'tracker_projection_failed')).toBe(0);
  });

  it('answers the metrics token and admins only', async () => {
    const auditor = (await t.request('POST', '/api/tokens', { name: 'Audit', role: 'auditor', plans: ['*'] })).body.token;
    expect((await t.request('GET', '/metrics')).status).toBe(200);
    expect((await t.request('GET', '/metrics', undefined, noAuth)).status).toBe(401);
    expect((await t.request('GET', '/metrics', undefined, bearer(auditor))).status).toBe(403);
    expect((await t.request('GET', '/metrics', undefined, bearer(`${METRICS_TOKEN}x`))).status).toBe(401);
    // The scrape token opens nothing else.
    expect((await t.request('GET', '/api/plans', undefined, bearer(METRICS_TOKEN))).status).toBe(401);
    expect((await t.request('GET', '/api/integrity', undefined, bearer(METRICS_TOKEN))).status).toBe(401);
  });
});
