import { Injectable } from '@nestjs/common';
import { PlanLookup } from '../shared/plan-lookup';
import { ReadModels } from '../engine/read-models';
import { ActorColumns } from '../shared/actor';
import { ReadCut } from '../shared/read-cut';
import { FindingDto, JudgementDto, VisitDto } from './visits.dto';
import { fromProvenanceColumn } from '../shared/provenance';
import { StreamRevisions } from '../shared/stream-revisions';
import { streamId as visitStreamId } from '../../visit/visit';

interface VisitRow {
  visit_id: string;
  kind: string;
  start_date: string;
  end_date: string;
  inspectors: string;
  areas: string;
  date_precision: string | null;
  date_note: string | null;
  provenance: string | null;
}
interface FindingRow {
  visit_id: string;
  finding_id: string;
  text: string;
  assessment: string;
  recommendation_ids: string;
  area: string | null;
  paragraph: number | null;
  effective_on: string;
  recorded_at: string;
  provenance: string | null;
}
interface JudgementRow {
  visit_id: string;
  area: string;
  grade: string;
  framework: string;
  effective_on: string;
  recorded_at: string;
  provenance: string | null;
}
type Cut = { planId: string; asOf: string; recordedBy: string };

/** A finding that names a recommendation, with who recorded it and both times. */
export interface NamingFinding extends ActorColumns {
  position: number;
  visit_id: string;
  finding_id: string;
  text: string;
  assessment: string;
  effective_on: string;
  recorded_at: string;
  provenance: string | null;
}

/** Groups facts by visit, keeping the latest fact for each key (rows come in effective, then position, order). */
function latestByVisit<R extends { visit_id: string }, T>(
  rows: R[],
  key: (row: R) => string,
  map: (row: R) => T,
): Map<string, T[]> {
  const latest = new Map<string, Map<string, T>>();
  for (const row of rows) {
    const ofVisit = latest.get(row.visit_id) ?? new Map<string, T>();
    ofVisit.delete(key(row));
    ofVisit.set(key(row), map(row));
    latest.set(row.visit_id, ofVisit);
  }
  return new Map([...latest].map(([visitId, facts]) => [visitId, [...facts.values()]]));
}

/** A visit named by its kind and last day. */
export interface VisitRef {
  visitId: string;
  kind: string;
  endDate: string;
}

/** Visits by start date, with the judgements and findings effective by asOf and recorded by knownAt. */
@Injectable()
export class VisitsQueries {
  private readonly visits;
  private readonly findings;
  private readonly judgements;
  private readonly lastOfEachPlan;
  private readonly ends;
  private readonly naming;

  constructor(
    readModels: ReadModels,
    private readonly plans: PlanLookup,
    private readonly revisions: StreamRevisions,
  ) {
    const db = readModels.db;
    const cut = 'plan_id = @planId AND effective_on <= @asOf AND recorded_at <= @recordedBy ORDER BY effective_on, position';
    this.visits = db.prepare<[Cut], VisitRow>(
      'SELECT * FROM visits WHERE plan_id = @planId AND recorded_at <= @recordedBy ORDER BY start_date, end_date, position',
    );
    this.findings = db.prepare<[Cut], FindingRow>(`SELECT * FROM visit_findings WHERE ${cut}`);
    this.lastOfEachPlan = db.prepare<
      [{ asOf: string; recordedBy: string }],
      { plan_id: string; visit_id: string; kind: string; end_date: string }
    >(
      `SELECT plan_id, visit_id, kind, MAX(end_date) AS end_date FROM visits
       WHERE end_date <= @asOf AND recorded_at <= @recordedBy GROUP BY plan_id`,
    );
    this.judgements = db.prepare<[Cut], JudgementRow>(`SELECT * FROM visit_judgements WHERE ${cut}`);
    this.ends = db.prepare<[Cut], { visit_id: string; kind: string; end_date: string }>(
      'SELECT visit_id, kind, end_date FROM visits WHERE plan_id = @planId AND recorded_at <= @recordedBy ORDER BY end_date, start_date, position',
    );
    this.naming = db.prepare<[Cut & { recommendationId: string }], NamingFinding>(
      `SELECT x.* FROM finding_recommendations n JOIN visit_findings x ON x.position = n.finding_position
       WHERE n.plan_id = @planId AND n.recommendation_id = @recommendationId
         AND x.effective_on <= @asOf AND x.recorded_at <= @recordedBy ORDER BY x.effective_on, x.position`,
    );
  }

  /** Every visit of the plan recorded by the cut, by its last day. */
  visitsByEnd(planId: string, cut: ReadCut): Array<{ visitId: string; kind: string; endDate: string }> {
    return this.ends
      .all({ planId, asOf: cut.asOf, recordedBy: cut.recordedBy })
      .map((v) => ({ visitId: v.visit_id, kind: v.kind, endDate: v.end_date }));
  }

  /** The findings that name a recommendation, effective by asOf and recorded by knownAt. */
  findingsNaming(planId: string, recommendationId: string, cut: ReadCut): NamingFinding[] {
    return this.naming.all({ planId, recommendationId, asOf: cut.asOf, recordedBy: cut.recordedBy });
  }

  list(planId: string, cut: ReadCut): VisitDto[] {
    this.plans.require(planId, cut);
    const params = { planId, asOf: cut.asOf, recordedBy: cut.recordedBy };
    const findings = latestByVisit(
      this.findings.all(params),
      (row) => row.finding_id,
      (row): FindingDto => ({
        findingId: row.finding_id,
        text: row.text,
        assessment: row.assessment,
        recommendationIds: JSON.parse(row.recommendation_ids) as string[],
        area: row.area,
        paragraph: row.paragraph,
        effectiveOn: row.effective_on,
        recordedAt: row.recorded_at,
        provenance: fromProvenanceColumn(row.provenance),
      }),
    );
    const judgements = this.judgementsByVisit(params);
    return this.visits.all(params).map((row) => ({
      visitId: row.visit_id,
      kind: row.kind,
      startDate: row.start_date,
      endDate: row.end_date,
      inspectors: JSON.parse(row.inspectors) as string[],
      areas: JSON.parse(row.areas) as string[],
      datePrecision: row.date_precision,
      dateNote: row.date_note,
      judgements: judgements.get(row.visit_id) ?? [],
      findings: findings.get(row.visit_id) ?? [],
      provenance: fromProvenanceColumn(row.provenance),
      revision: this.revisions.of(visitStreamId(planId, row.visit_id), cut.recordedBy),
    }));
  }

  /** The judgements of the latest visit that gave any (by its last day), as of asOf and known at knownAt: a plan's headline. */
  latestJudgements(planId: string, cut: ReadCut): { visit: VisitRef; judgements: JudgementDto[] } | null {
    this.plans.require(planId, cut);
    const params = { planId, asOf: cut.asOf, recordedBy: cut.recordedBy };
    const judgements = this.judgementsByVisit(params);
    const visit = this.visits
      .all(params)
      .filter((v) => judgements.has(v.visit_id))
      .sort((a, b) => (a.end_date < b.end_date ? -1 : a.end_date > b.end_date ? 1 : 0))
      .at(-1);
    return visit
      ? {
          visit: { visitId: visit.visit_id, kind: visit.kind, endDate: visit.end_date },
          judgements: judgements.get(visit.visit_id)!,
        }
      : null;
  }

  /** Each plan's latest visit ended by asOf, as known at knownAt: the portfolio's "latest visit". */
  lastVisits(cut: ReadCut): Map<string, VisitRef> {
    return new Map(
      this.lastOfEachPlan
        .all({ asOf: cut.asOf, recordedBy: cut.recordedBy })
        .map((v): [string, VisitRef] => [v.plan_id, { visitId: v.visit_id, kind: v.kind, endDate: v.end_date }]),
    );
  }

  private judgementsByVisit(params: Cut): Map<string, JudgementDto[]> {
    return latestByVisit(
      this.judgements.all(params),
      (row) => row.area,
      (row): JudgementDto => ({
        area: row.area,
        grade: row.grade,
        framework: row.framework,
        effectiveOn: row.effective_on,
        recordedAt: row.recorded_at,
        provenance: fromProvenanceColumn(row.provenance),
      }),
    );
  }
}
