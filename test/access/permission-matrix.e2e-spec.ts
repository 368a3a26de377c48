import { registeredRoutes } from '../support/routes';
import { recordSmallPlan } from '../support/plan-fixture';
import { bearer, noAuth, startTestApp, TestApp, TestHeaders } from '../support/test-app';

/**
 * Every route, for every role, on its own plan and on another plan: the status code the contract
 * promises. The expectations are written here from the contract (API.md, Access), not derived from
 * the guard's own rules, and the route list is checked against the routes the app registers.
 */
type Level = 'public' | 'read' | 'audit' | 'write' | 'admin';
type Caller = 'admin' | 'board-member' | 'auditor' | 'dfe-adviser' | 'no token' | 'bad token';

const ALLOWED: Record<Exclude<Caller, 'no token' | 'bad token'>, Level[]> = {
  admin: ['public', 'read', 'audit', 'write', 'admin'],
  'board-member': ['public', 'read', 'audit', 'write'],
  auditor: ['public', 'read', 'audit'],
  'dfe-adviser': ['public', 'read'],
};

const OWN = 'halton';
const OTHER = 'knowsley';

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  route: string;
  level: Level;
  success: number;
  /** The concrete path for a plan; `n` makes every call's ids fresh so a repeated write is valid again. */
  path: (plan: string, n: number) => string;
  body?: (n: number) => unknown;
  /** Done as the bootstrap admin before the call, so the call can succeed when allowed. */
  setup?: (t: TestApp, plan: string, n: number) => Promise<unknown>;
}

const ok = async (t: TestApp, method: string, path: string, body?: unknown) => {
  const res = await t.request(method, path, body);
  if (res.status >= 300) throw new Error(`setup ${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
};

const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n)).toISOString().slice(0, 10);

const ROUTES: Route[] = [
  { method: 'GET', route: '/health', level: 'public', success: 200, path: () => '/health' },
  { method: 'GET', route: '/health/live', level: 'public', success: 200, path: () => '/health/live' },
  { method: 'GET', route: '/health/ready', level: 'public', success: 200, path: () => '/health/ready' },
  // Prometheus: admins among the roles (the metrics token is tested with the metrics)
  { method: 'GET', route: '/metrics', level: 'admin', success: 200, path: () => '/metrics' },
  // tokens
  { method: 'GET', route: '/api/tokens', level: 'admin', success: 200, path: () => '/api/tokens' },
  {
    method: 'POST',
    route: '/api/tokens',
    level: 'admin',
    success: 201,
    path: () => '/api/tokens',
    body: (n) => ({ name: `Matrix ${n}`, role: 'auditor', plans: [OWN] }),
  },
  {
    method: 'DELETE',
    route: '/api/tokens/:tokenId',
    level: 'admin',
    success: 204,
    path: (_, n) => `/api/tokens/${issuedForRevoking.get(n)}`,
    setup: async (t, _, n) =>
      issuedForRevoking.set(
        n,
        (await ok(t, 'POST', '/api/tokens', { name: `Revoke me ${n}`, role: 'auditor', plans: [OWN] })).tokenId,
      ),
  },
  // writes
  {
    method: 'POST',
    route: '/api/plans',
    level: 'admin',
    success: 201,
    path: () => '/api/plans',
    body: (n) => ({ planId: `new-plan-${n}`, localAuthority: 'A council', title: 'Plan' }),
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/priorities',
    level: 'write',
    success: 201,
    path: (p) => `/api/plans/${p}/priorities`,
    body: (n) => ({ priorityId: `CYP M${n}`, title: 'A priority' }),
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/milestones',
    level: 'write',
    success: 201,
    path: (p) => `/api/plans/${p}/milestones`,
    body: (n) => ({ milestoneId: `M${n}`, priorityId: 'CYP P2', title: 'A milestone' }),
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/milestones/:milestoneId/updates',
    level: 'write',
    success: 201,
    path: (p) => `/api/plans/${p}/milestones/P2.1/updates`,
    body: (n) => ({
      period: '2025-26 Q2',
      rag: 'amber',
      commentary: `Rating ${n}`,
      effectiveOn: '2025-09-30',
      reason: `Review ${n}`,
    }),
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/quarterly-updates',
    level: 'write',
    success: 201,
    path: (p) => `/api/plans/${p}/quarterly-updates`,
    body: (n) => ({
      period: '2025-26 Q2',
      updates: [{ milestoneId: 'P2.1', rag: 'red', commentary: `Quarterly rating ${n}`, effectiveOn: '2025-09-30', reason: `Review ${n}` }],
    }),
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/milestones/:milestoneId/due-date',
    level: 'write',
    success: 201,
    path: (p) => `/api/plans/${p}/milestones/P2.1/due-date`,
    body: (n) => ({ dueOn: day(n), reason: 'Recruitment slipped' }),
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/recommendations',
    level: 'write',
    success: 201,
    path: (p) => `/api/plans/${p}/recommendations`,
    body: (n) => ({ recommendationId: `R${n}`, text: 'A recommendation', raisedOn: '2024-05-24' }),
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/recommendations/:recommendationId/links',
    level: 'write',
    success: 201,
    path: (p) => `/api/plans/${p}/recommendations/R07/links`,
    body: (n) => ({ milestoneId: `L${n}` }),
    setup: (t, p, n) =>
      ok(t, 'POST', `/api/plans/${p}/milestones`, { milestoneId: `L${n}`, priorityId: 'CYP P2', title: 'Linked' }),
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/recommendations/:recommendationId/closure',
    level: 'write',
    success: 201,
    path: (p, n) => `/api/plans/${p}/recommendations/C${n}/closure`,
    body: () => ({ reason: 'Met on evidence', evidence: ['Board minutes'], effectiveOn: '2025-10-31' }),
    setup: (t, p, n) =>
      ok(t, 'POST', `/api/plans/${p}/recommendations`, { recommendationId: `C${n}`, text: 'To close', raisedOn: '2024-05-24' }),
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/recommendations/:recommendationId/reopening',
    level: 'write',
    success: 201,
    path: (p, n) => `/api/plans/${p}/recommendations/O${n}/reopening`,
    body: () => ({ reason: 'Found again', effectiveOn: '2026-01-31' }),
    setup: async (t, p, n) => {
      await ok(t, 'POST', `/api/plans/${p}/recommendations`, {
        recommendationId: `O${n}`,
        text: 'To reopen',
        raisedOn: '2024-05-24',
      });
      await ok(t, 'POST', `/api/plans/${p}/recommendations/O${n}/closure`, {
        reason: 'Met',
        evidence: ['x'],
        effectiveOn: '2025-10-31',
      });
    },
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/visits',
    level: 'write',
    success: 201,
    path: (p) => `/api/plans/${p}/visits`,
    body: (n) => ({ visitId: `mv-${n}`, kind: 'monitoring', startDate: '2025-01-14', endDate: '2025-01-15' }),
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/visits/:visitId/findings',
    level: 'write',
    success: 201,
    path: (p) => `/api/plans/${p}/visits/ilacs-2024-05/findings`,
    body: (n) => ({ text: `Finding ${n}`, assessment: 'progress' }),
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/visits/:visitId/judgements',
    level: 'write',
    success: 201,
    path: (p, n) => `/api/plans/${p}/visits/j-${n}/judgements`,
    body: () => ({ area: 'care-leavers', grade: 'inadequate', framework: 'ilacs-2023' }),
    setup: (t, p, n) =>
      ok(t, 'POST', `/api/plans/${p}/visits`, {
        visitId: `j-${n}`,
        kind: 'ilacs',
        startDate: '2024-05-13',
        endDate: '2024-05-24',
      }),
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/indicators',
    level: 'write',
    success: 201,
    path: (p) => `/api/plans/${p}/indicators`,
    body: (n) => ({ indicatorId: `i-${n}`, title: 'Children in care', unit: 'children' }),
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/indicators/:indicatorId/values',
    level: 'write',
    success: 201,
    path: (p, n) => `/api/plans/${p}/indicators/iv-${n}/values`,
    body: () => ({ period: '2025-26 Q2', value: 384, effectiveOn: '2025-09-30' }),
    setup: (t, p, n) =>
      ok(t, 'POST', `/api/plans/${p}/indicators`, { indicatorId: `iv-${n}`, title: 'Children in care', unit: 'children' }),
  },
  // reads
  { method: 'GET', route: '/api/plans', level: 'read', success: 200, path: () => '/api/plans' },
  { method: 'GET', route: '/api/portfolio/milestones', level: 'read', success: 200, path: () => '/api/portfolio/milestones' },
  {
    method: 'GET',
    route: '/api/portfolio/recommendations/open-longest',
    level: 'read',
    success: 200,
    path: () => '/api/portfolio/recommendations/open-longest',
  },
  { method: 'GET', route: '/api/plans/:planId/board', level: 'read', success: 200, path: (p) => `/api/plans/${p}/board` },
  { method: 'GET', route: '/api/plans/:planId/trend', level: 'read', success: 200, path: (p) => `/api/plans/${p}/trend` },
  {
    method: 'GET',
    route: '/api/plans/:planId/board/declined',
    level: 'read',
    success: 200,
    path: (p) => `/api/plans/${p}/board/declined`,
  },
  { method: 'GET', route: '/api/plans/:planId/corrections', level: 'read', success: 200, path: (p) => `/api/plans/${p}/corrections` },
  {
    method: 'GET',
    route: '/api/plans/:planId/milestones/:milestoneId/history',
    level: 'read',
    success: 200,
    path: (p) => `/api/plans/${p}/milestones/P2.1/history`,
  },
  {
    method: 'GET',
    route: '/api/plans/:planId/recommendations',
    level: 'read',
    success: 200,
    path: (p) => `/api/plans/${p}/recommendations`,
  },
  {
    method: 'GET',
    route: '/api/plans/:planId/recommendations/open-longest',
    level: 'read',
    success: 200,
    path: (p) => `/api/plans/${p}/recommendations/open-longest`,
  },
  {
    method: 'GET',
    route: '/api/plans/:planId/recommendations/:recommendationId/history',
    level: 'read',
    success: 200,
    path: (p) => `/api/plans/${p}/recommendations/R07/history`,
  },
  { method: 'GET', route: '/api/plans/:planId/visits', level: 'read', success: 200, path: (p) => `/api/plans/${p}/visits` },
  {
    method: 'GET',
    route: '/api/plans/:planId/indicators',
    level: 'read',
    success: 200,
    path: (p) => `/api/plans/${p}/indicators`,
  },
  { method: 'GET', route: '/api/plans/:planId/audit', level: 'audit', success: 200, path: (p) => `/api/plans/${p}/audit` },
  // reports, board packs and returns
  {
    method: 'GET',
    route: '/api/plans/:planId/reports/quarterly',
    level: 'read',
    success: 200,
    path: (p) => `/api/plans/${p}/reports/quarterly?period=2025-26%20Q2&format=csv`,
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/board-packs',
    level: 'write',
    success: 201,
    path: (p) => `/api/plans/${p}/board-packs`,
    // The record changes before each call: the very same pack issued twice is refused.
    body: () => ({ period: '2025-26 Q2', asOf: '2025-09-30' }),
    setup: (t, p, n) => rateForPack(t, p, n),
  },
  { method: 'GET', route: '/api/plans/:planId/board-packs', level: 'read', success: 200, path: (p) => `/api/plans/${p}/board-packs` },
  {
    method: 'GET',
    route: '/api/plans/:planId/board-packs/:packId',
    level: 'read',
    success: 200,
    path: (p, n) => `/api/plans/${p}/board-packs/${issuedPacks.get(n)}?format=csv`,
    setup: async (t, p, n) => {
      await rateForPack(t, p, n);
      issuedPacks.set(n, (await ok(t, 'POST', `/api/plans/${p}/board-packs`, { period: '2025-26 Q2', asOf: '2025-09-30' })).packId);
    },
  },
  {
    method: 'GET',
    route: '/api/plans/:planId/returns/:period/template.xlsx',
    level: 'write',
    success: 200,
    path: (p) => `/api/plans/${p}/returns/2025-26-Q3/template.xlsx`,
  },
  {
    method: 'POST',
    route: '/api/plans/:planId/returns/:period',
    level: 'write',
    success: 201,
    path: (p) => `/api/plans/${p}/returns/2025-26-Q3`,
    body: (n) => {
      const form = new FormData();
      const csv = `Milestone,Rating,Commentary,Reason for a correction\r\nP2.1,Amber,Return ${n},Review ${n}\r\n`;
      form.append('file', new Blob([csv], { type: 'text/csv' }), `return-${n}.csv`);
      return form;
    },
  },
  // the log's integrity: every plan's events, so no plan in the path
  { method: 'GET', route: '/api/integrity', level: 'audit', success: 200, path: () => '/api/integrity' },
];

const issuedPacks = new Map<number, string>();
const rateForPack = (t: TestApp, p: string, n: number) =>
  ok(t, 'POST', `/api/plans/${p}/milestones/P2.1/updates`, {
    period: '2025-26 Q2',
    rag: 'green',
    commentary: `Before pack ${n}`,
    effectiveOn: '2025-09-30',
    reason: `Pack ${n}`,
  });

const issuedForRevoking = new Map<number, string>();

function expected(route: Route, caller: Caller, plan: string | undefined): number {
  if (route.level === 'public') return route.success;
  if (caller === 'no token' || caller === 'bad token') return 401;
  if (!ALLOWED[caller].includes(route.level)) return 403;
  if (plan === OTHER && caller !== 'admin') return 403;
  return route.success;
}

describe('permission matrix: every route, every role, own plan and another plan', () => {
  let t: TestApp;
  const headers: Partial<Record<Caller, TestHeaders>> = {
    'no token': noAuth,
    'bad token': bearer(`trk_${'f'.repeat(16)}_${'x'.repeat(43)}`),
  };

  beforeAll(async () => {
    // Every 'bad token' call is a failed authentication: lift the limit so the matrix is not rate-limited.
    t = await startTestApp({ AUTH_FAILURE_LIMIT: '100000' });
    await recordSmallPlan(t, OWN);
    await recordSmallPlan(t, OTHER);
    for (const role of ['admin', 'board-member', 'auditor', 'dfe-adviser'] as const) {
      const plans = role === 'admin' ? ['*'] : [OWN];
      headers[role] = bearer((await ok(t, 'POST', '/api/tokens', { name: `Matrix ${role}`, role, plans })).token);
    }
    // Reads answer from the read models: let them catch up with the fixture first.
    for (let i = 0; i < 50 && (await t.request('GET', '/health')).status !== 200; i++)
      await new Promise((r) => setTimeout(r, 100));
  });
  afterAll(() => t.close());

  it('covers every route the app registers', () => {
    // The web pages take their caller from a session, not a bearer token: test/pages covers them.
    const registered = registeredRoutes(t.app)
      .filter((r) => !r.page)
      .map((r) => `${r.method} ${r.path}`);
    expect(ROUTES.map((r) => `${r.method} ${r.route}`).sort()).toEqual([...registered].sort());
  });

  it('answers every call with the status the contract promises', async () => {
    const callers: Caller[] = ['admin', 'board-member', 'auditor', 'dfe-adviser', 'no token', 'bad token'];
    const mismatches: string[] = [];
    let n = 0;
    let calls = 0;
    for (const route of ROUTES) {
      const plans = route.route.includes(':planId') ? [OWN, OTHER] : [undefined];
      for (const caller of callers) {
        for (const plan of plans) {
          n++;
          await route.setup?.(t, plan ?? OWN, n);
          const path = route.path(plan ?? OWN, n);
          const res = await t.request(route.method, path, route.body?.(n), headers[caller]);
          calls++;
          const want = expected(route, caller, plan);
          if (res.status !== want)
            mismatches.push(`${caller} ${route.method} ${path}: ${res.status}, expected ${want} ${JSON.stringify(res.body)}`);
          if (want === 401) expect(res.headers.get('www-authenticate')).toMatch(/^Bearer /);
          if (want >= 400) expect(res.headers.get('content-type')).toContain('application/problem+json');
          if (want === 200 && route.route === '/metrics') expect(res.headers.get('content-type')).toContain('text/plain');
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(calls).toBeGreaterThan(250);
  });
});
