import { read } from '../projections/support/read';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The seeded Halton plan as an auditor and a board member read it over HTTP: dated by its documents, with
 * the ILACS report's paragraphs, and every fact saying where it was read and how.
 */
describe('the seeded Halton plan, read over HTTP', () => {
  let t: TestApp;
  let head: number;
  const get = <T = any>(path: string, params: Record<string, string | number> = {}) =>
    read<T>(t, `/api/plans/halton${path}`, { minPosition: head, ...params });

  beforeAll(async () => {
    t = await startTestApp({ TRACKER_SEED: 'halton' });
    head = Number(await t.store.headPosition());
  }, 60_000);
  afterAll(() => t.close());

  describe('replayed as of 2025-09-30, the end of the quarter the report covers', () => {
    const asOf = '2025-09-30';

    it('has every milestone it shows a rating for already in the plan, added no later than the rating', async () => {
      const board = await get('/board', { asOf });
      const rated = board.priorities.flatMap((p: any) => p.milestones).filter((m: any) => m.period !== null);
      expect(rated).toHaveLength(51);
      expect(board.totals).toEqual({ green: 13, amber: 19, red: 0, complete: 0, notRated: 19 });
      const trail = await get('/audit', { asOf });
      const added = new Map<string, string>(
        trail.filter((e: any) => e.type === 'MilestoneAdded').map((e: any) => [e.data.milestoneId, e.effectiveOn]),
      );
      for (const m of rated)
        expect({ milestone: m.milestoneId, addedBy: added.get(m.milestoneId)! <= m.effectiveOn }).toEqual({
          milestone: m.milestoneId,
          addedBy: true,
        });
      expect(trail.filter((e: any) => e.type === 'PriorityAdded')).toHaveLength(12);
      expect(trail.find((e: any) => e.type === 'PlanCreated')).toMatchObject({ effectiveOn: '2024-05-24' });
    });

    it("shows, in each linked recommendation's history, its linked milestones and their Q2 ratings", async () => {
      const recommendations = await get('/recommendations', { asOf });
      const linked = recommendations.filter((r: any) => r.linkedMilestoneIds.length > 0);
      expect(linked.map((r: any) => r.recommendationId)).toEqual(['R01', 'R02', 'R03', 'R05', 'R06', 'R07', 'R09', 'R11', 'R12']);
      for (const r of linked) {
        const history = await get(`/recommendations/${r.recommendationId}/history`, { asOf });
        const entries = history.segments.flatMap((s: any) => s.entries);
        const ratings = entries.filter((e: any) => e.type === 'MilestoneUpdated' && e.period === '2025-26 Q2');
        const links = entries.filter((e: any) => e.type === 'MilestoneLinked');
        expect({ r: r.recommendationId, rated: ratings.map((e: any) => e.milestoneId).sort() }).toEqual({
          r: r.recommendationId,
          rated: [...r.linkedMilestoneIds].sort(),
        });
        expect(links.map((e: any) => e.milestoneId).sort()).toEqual([...r.linkedMilestoneIds].sort());
        for (const link of links) {
          expect(link).toMatchObject({
            effectiveOn: '2025-07-01',
            provenance: { reading: 'inferred', reason: expect.stringMatching(/never names an Ofsted recommendation/) },
          });
        }
      }
    });
  });

  describe('the visits', () => {
    let visits: any[];
    beforeAll(async () => (visits = await get('/visits')));
    const visit = (id: string) => visits.find((v) => v.visitId === id);

    it('show the ILACS inspection with its 56 numbered paragraphs, verbatim and in order, after its summary', () => {
      const ilacs = visit('ilacs-2024-05');
      const numbered = ilacs.findings.filter((f: any) => f.paragraph !== null);
      expect(numbered.map((f: any) => f.paragraph)).toEqual(Array.from({ length: 56 }, (_, i) => i + 1));
      expect(ilacs.findings).toHaveLength(59);
      expect(ilacs.findings.slice(0, 3).map((f: any) => f.paragraph)).toEqual([null, null, null]);
      const p12 = numbered[11];
      expect(p12).toMatchObject({
        text: expect.stringMatching(
          /^Arrangements to support and safeguard privately fostered children are not always effective\./,
        ),
        area: 'The experiences and progress of children who need help and protection',
        recommendationIds: ['R05'],
        effectiveOn: '2024-05-24',
        provenance: {
          document: '003_9246ea2c0a89d0e3.txt',
          publisher: 'Ofsted',
          author: 'Ofsted',
          reading: 'printed',
          location: expect.stringMatching(/^paragraph 12,/),
        },
      });
      const tagged = numbered.filter((f: any) => f.recommendationIds.length > 0);
      for (const f of tagged) {
        expect(f.provenance.inferred).toContainEqual({
          fields: ['recommendationIds'],
          reason: expect.stringMatching(/does not tie its paragraphs/),
        });
      }
      expect(numbered.filter((f: any) => f.recommendationIds.length === 0).length).toBeGreaterThan(10);
    });

    it('give the ILACS judgements as printed, with the framework marked as inferred', () => {
      for (const j of visit('ilacs-2024-05').judgements) {
        expect(j).toMatchObject({
          grade: 'inadequate',
          provenance: { reading: 'printed', inferred: [{ fields: ['framework'], reason: expect.any(String) }] },
        });
      }
    });

    it("say of every other visit's findings whether they are Ofsted's words", () => {
      const others = visits
        .filter((v) => v.visitId !== 'ilacs-2024-05')
        .flatMap((v) => v.findings.map((f: any) => ({ visitId: v.visitId, ...f })));
      expect(others).toHaveLength(51);
      const wordsOf = (visitId: string) =>
        others.filter((f) => f.visitId === visitId).map((f) => [f.provenance.reading, f.provenance.author]);
      expect(new Set(wordsOf('mv-2026-04').map(String))).toEqual(new Set(['printed,Ofsted']));
      expect(wordsOf('mv-2025-11')).toEqual([
        ...Array(9).fill(['second-hand', 'Halton Borough Council']),
        ['second-hand', 'Ofsted'],
        ['second-hand', 'Ofsted'],
      ]);
      expect(wordsOf('focused-2021-10')).toEqual(Array(2).fill(['second-hand', 'local press']));
      expect(wordsOf('followup-2022-11')).toEqual([
        ...Array(4).fill(['second-hand', 'Ofsted']),
        ...Array(4).fill(['second-hand', null]),
      ]);
      for (const f of others.filter((o) => o.provenance.reading === 'second-hand'))
        expect(f.provenance.reason).toMatch(/not among the documents/);
    });

    it('carry the publication date the Ofsted letter prints', () => {
      expect(visit('mv-2026-04').provenance).toMatchObject({ publisher: 'Ofsted', publishedOn: '2026-06-02' });
      expect(visit('mv-2025-11').provenance).toMatchObject({
        publisher: 'Halton Borough Council',
        publishedOn: null,
        reading: 'second-hand',
      });
    });

    it('date a visit known only by its month to the whole month, so its findings take effect on its last day', async () => {
      expect(visit('mv-2025-11')).toMatchObject({ startDate: '2025-11-01', endDate: '2025-11-30', datePrecision: 'month' });
      const found = async (asOf: string) =>
        (await get('/visits', { asOf })).find((v: any) => v.visitId === 'mv-2025-11').findings.length;
      expect(await found('2025-11-29')).toBe(0);
      expect(await found('2025-11-30')).toBe(11);
    });
  });

  it('gives, in the audit trail, every event of the plan a source document and a provenance, with a reason for all that is not printed', async () => {
    const trail = await get('/audit');
    expect(trail.length).toBe((await t.store.readAll()).length);
    const counts: Record<string, number> = {};
    for (const e of trail) {
      const p = e.provenance;
      expect({ event: e.position, document: typeof p?.document, location: typeof p?.location }).toEqual({
        event: e.position,
        document: 'string',
        location: 'string',
      });
      counts[p.reading] = (counts[p.reading] ?? 0) + 1;
      if (p.reading !== 'printed')
        expect({ event: e.position, reason: p.reason?.length > 20 }).toEqual({ event: e.position, reason: true });
      if (p.reading === 'repaired')
        expect({ event: e.position, original: typeof p.original }).toEqual({ event: e.position, original: 'string' });
      for (const judged of p.inferred) expect(judged.reason.length).toBeGreaterThan(20);
    }
    expect(Object.keys(counts).sort()).toEqual(['inferred', 'printed', 'repaired', 'second-hand']);
  });
});
