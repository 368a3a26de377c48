import { parsePeriod } from '../../src/domain/period';
import { buildQuarterlyReport } from '../../src/reports/quarterly-report/quarterly-report';
import { renderReport } from '../../src/reports/render/render-report';
import { ReportRenderer } from '../../src/reports/render/report-renderer';

const report = buildQuarterlyReport({
  plan: { planId: 'halton', localAuthority: 'Halton Borough Council', title: "Children's services improvement plan" },
  period: parsePeriod('2025-26 Q2')!,
  moment: { asOf: '2025-09-30', knownAt: '2025-11-01T00:00:00.000Z', lastPosition: 12, lastHash: 'c0ffee'.repeat(10) + 'c0ff' },
  board: {
    planId: 'halton',
    asOf: '2025-09-30',
    knownAt: '2025-11-01T00:00:00.000Z',
    totals: { green: 1, amber: 0, red: 0, complete: 0, notRated: 0 },
    priorities: [
      {
        priorityId: 'CYP P2',
        title: 'Improve the stability of care placements.',
        provenance: null,
        milestones: [
          {
            milestoneId: 'P2.1',
            title: 'Reduce the number of Children in Care who moved between placements',
            owner: 'Children in Care',
            dueOn: null,
            rag: 'green',
            forecastRag: null,
            period: '2025-26 Q2',
            commentary: 'Placement stability has improved with 10.4% of children in care experiencing 3+ placements.',
            note: null,
            effectiveOn: '2025-09-30',
            recordedAt: '2025-10-20T09:00:00.000Z',
            previousRag: null,
            previousPeriod: '2025-26 Q1',
            sameQuarterLastYearRag: null,
            direction: null,
            changedAfterPack: null,
            provenance: null,
            milestoneProvenance: null,
            revision: 0,
          },
        ],
      },
    ],
  } as any,
  trendBoards: [],
  recommendations: [],
  histories: [],
  visits: [],
  indicators: [],
  packs: [],
});

/** The documents are made on a thread of their own, byte for byte as they would be here. */
describe('the report renderer', () => {
  const renderer = new ReportRenderer();
  afterAll(() => renderer.onModuleDestroy());

  it('makes every format on its thread with the same bytes as made in place', async () => {
    for (const format of ['docx', 'xlsx', 'csv', 'html'] as const) {
      const [there, here] = [await renderer.render(report, format), await renderReport(report, format)];
      expect({ format, sha256: there.sha256, size: there.bytes.length, fileName: there.fileName }).toEqual({
        format,
        sha256: here.sha256,
        size: here.bytes.length,
        fileName: here.fileName,
      });
    }
    expect((renderer as unknown as { worker?: { threadId: number } }).worker?.threadId).toBeGreaterThan(0);
  }, 120_000);

  it('starts a new thread when its thread has died', async () => {
    const first = (renderer as unknown as { worker: { terminate(): Promise<number> } }).worker;
    await first.terminate();
    const again = await renderer.render(report, 'csv');
    expect(again.bytes.toString('utf8')).toContain('P2.1');
    expect((renderer as unknown as { worker: unknown }).worker).not.toBe(first);
  }, 120_000);
});
