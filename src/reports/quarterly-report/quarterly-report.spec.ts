import { parsePeriod } from '../../domain/period';
import { BoardDto, BoardMilestoneDto } from '../../projections/rag-board/rag-board.dto';
import { VisitDto } from '../../projections/visits/visits.dto';
import { buildQuarterlyReport, ReportSources } from './quarterly-report';

const milestone = (milestoneId: string, over: Partial<BoardMilestoneDto>): BoardMilestoneDto => ({
  milestoneId,
  title: `Milestone ${milestoneId}`,
  owner: 'Children in Care',
  dueOn: null,
  rag: 'not-rated',
  forecastRag: null,
  period: null,
  commentary: null,
  note: null,
  effectiveOn: null,
  recordedAt: null,
  previousRag: null,
  previousPeriod: null,
  sameQuarterLastYearRag: null,
  direction: null,
  changedAfterPack: null,
  provenance: null,
  milestoneProvenance: null,
  revision: 0,
  ...over,
});

const board = (milestones: BoardMilestoneDto[]): BoardDto => ({
  planId: 'halton',
  revision: 12,
  asOf: '2025-09-30',
  knownAt: '2025-11-01T00:00:00.000Z',
  totals: { green: 0, amber: 0, red: 0, complete: 0, notRated: 0 },
  priorities: [{ priorityId: 'CYP P2', title: 'Improve the stability of care placements.', milestones, provenance: null }],
});

const visit = (visitId: string, endDate: string): VisitDto => ({
  visitId,
  kind: 'monitoring',
  startDate: endDate,
  endDate,
  inspectors: [],
  areas: [],
  datePrecision: 'day',
  dateNote: null,
  judgements: [],
  findings: [],
  provenance: null,
  revision: 0,
});

const sources = (milestones: BoardMilestoneDto[], over: Partial<ReportSources> = {}): ReportSources => ({
  plan: { planId: 'halton', localAuthority: 'Halton Borough Council', title: "Children's services improvement plan" },
  period: parsePeriod('2025-26 Q2')!,
  moment: { asOf: '2025-09-30', knownAt: '2025-11-01T00:00:00.000Z', lastPosition: 412, lastHash: '7'.repeat(64) },
  board: board(milestones),
  trendBoards: [{ period: '2025-26 Q2', board: board(milestones) }],
  recommendations: [],
  histories: [],
  visits: [],
  indicators: [],
  packs: [],
  ...over,
});

describe('the quarterly report, from the query answers', () => {
  it('shows each milestone’s rating for the period and its change since the quarter before', () => {
    const report = buildQuarterlyReport(
      sources([
        milestone('P2.1', { rag: 'red', period: '2025-26 Q2', previousRag: 'amber', commentary: 'Worse' }),
        milestone('P2.2', { rag: 'green', period: '2025-26 Q2', previousRag: 'amber' }),
        milestone('P2.3', { rag: 'amber', period: '2025-26 Q2' }),
        milestone('P2.4', { rag: 'green', period: '2025-26 Q1' }),
        milestone('P2.5', {}),
      ]),
    );
    const rows = report.priorities[0]!.milestones.map((m) => [m.milestoneId, m.rag, m.change, m.previousRag, m.lastRated]);
    expect(rows).toEqual([
      ['P2.1', 'red', 'declined', 'amber', null],
      ['P2.2', 'green', 'improved', 'amber', null],
      ['P2.3', 'amber', 'first-rating', null, null],
      // Not rated for Q2: the board shows Q1's, which is the quarter before, and is said to be so.
      ['P2.4', 'not-rated', 'not-rated', 'green', { period: '2025-26 Q1', rag: 'green' }],
      ['P2.5', 'not-rated', 'not-rated', null, null],
    ]);
    expect(report.declined.map((m) => m.milestoneId)).toEqual(['P2.1']);
    expect(report.totals).toEqual({ green: 1, amber: 1, red: 1, complete: 0, notRated: 2 });
    expect(report.trend).toEqual([{ period: '2025-26 Q2', totals: { green: 1, amber: 1, red: 1, complete: 0, notRated: 2 } }]);
  });

  it('counts as visits since the last report those after the last pack of an earlier period, else from the period’s start', () => {
    const visits = [visit('mv-2025-04', '2025-04-30'), visit('mv-2025-07', '2025-07-10'), visit('mv-2025-08', '2025-08-20')];
    const fromStart = buildQuarterlyReport(sources([], { visits }));
    expect(fromStart.visits.since).toBe('2025-07-01');
    expect(fromStart.visits.items.map((v) => v.visitId)).toEqual(['mv-2025-07', 'mv-2025-08']);
    const pack = {
      packId: '2025-26-Q1-1',
      period: '2025-26 Q1',
      asOf: '2025-07-31',
      knownAt: '2025-08-01T00:00:00.000Z',
      lastPosition: 300,
      lastHash: '3'.repeat(64),
      sha256: { docx: '', xlsx: '', csv: '', html: '' },
      issuedAt: '2025-08-01T00:00:00.000Z',
      actor: { id: 'a', name: null, role: null, organisation: null },
      position: 301,
      downloads: { docx: '', xlsx: '', csv: '', html: '' },
    };
    const afterPack = buildQuarterlyReport(sources([], { visits, packs: [pack] }));
    expect(afterPack.visits.since).toBe('2025-08-01');
    expect(afterPack.visits.items.map((v) => v.visitId)).toEqual(['mv-2025-08']);
    expect(afterPack.visits.lastBefore?.visitId).toBe('mv-2025-07');
  });

  it('gives each indicator’s latest value for a period begun by the period’s end, and the one before', () => {
    const value = (period: string, v: number) => ({ period, value: v, effectiveOn: parsePeriod(period)!.end, note: null, recordedAt: '2025-10-20T09:00:00.000Z', provenance: null });
    const report = buildQuarterlyReport(
      sources([], {
        indicators: [
          { indicatorId: 'children-in-care', title: 'Children in care', unit: 'children', values: [value('2025-26 Q1', 380), value('2025-26 Q2', 384), value('2025-26 Q3', 390)], provenance: null, revision: 0 },
          { indicatorId: 'budget', title: 'Residential budget', unit: 'GBP', values: [value('2025-26', 1000)], provenance: null, revision: 0 },
        ],
      }),
    );
    expect(report.indicators.map((i) => [i.indicatorId, i.latest?.value, i.before?.value])).toEqual([
      ['children-in-care', 384, 380],
      ['budget', 1000, undefined],
    ]);
  });
});
