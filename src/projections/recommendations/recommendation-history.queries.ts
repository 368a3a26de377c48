import { Injectable } from '@nestjs/common';
import { streamId } from '../../recommendation/recommendation';
import { streamRevisions, StreamRevisions } from '../audit-trail/stream-revisions';
import { fromActorColumns } from '../projection';
import { fromProvenanceColumn } from '../provenance';
import { ReadModels } from '../read-models';
import { ReadCut } from '../read-cut/read-cut';
import { HistoryEntryDto, RecommendationHistoryDto } from './recommendation-history.dto';
import { RecommendationsQueries, statusOf } from './recommendations.queries';
import { cutIntoSegments, VisitRef } from './segments';

interface FactColumns {
  actor_id: string;
  actor_name: string | null;
  actor_role: string | null;
  provenance: string | null;
}
type StatusType = 'RecommendationRaised' | 'RecommendationClosed' | 'RecommendationReopened';
type StatusRow = FactColumns & {
  position: number;
  event_type: StatusType;
  reason: string | null;
  evidence: string | null;
  effective_on: string;
  recorded_at: string;
};
type LinkRow = FactColumns & { position: number; milestone_id: string; effective_on: string; recorded_at: string };
type FindingRow = FactColumns & {
  position: number;
  visit_id: string;
  finding_id: string;
  text: string;
  assessment: string;
  effective_on: string;
  recorded_at: string;
};
type RatingRow = FactColumns & {
  position: number;
  milestone_id: string;
  period: string;
  rag: string;
  commentary: string;
  reason: string | null;
  effective_on: string;
  recorded_at: string;
};
type VisitRow = { visit_id: string; kind: string; end_date: string };
type Key = { planId: string; recommendationId: string; asOf: string; recordedBy: string; raisedOn: string };

const CUT = 'AND x.effective_on <= @asOf AND x.recorded_at <= @recordedBy ORDER BY x.effective_on, x.position';
const entry = (row: FactColumns & { position: number; effective_on: string; recorded_at: string }) => ({
  effectiveOn: row.effective_on,
  recordedAt: row.recorded_at,
  position: row.position,
  actor: fromActorColumns(row),
  provenance: fromProvenanceColumn(row.provenance),
});

/**
 * A recommendation's life cut at visits: its own events, the findings that name it and the updates
 * of the milestones linked to it, each read through the index of the read model that owns it.
 */
@Injectable()
export class RecommendationHistoryQueries {
  private readonly statuses;
  private readonly links;
  private readonly findings;
  private readonly ratings;
  private readonly visits;
  private readonly revisions: StreamRevisions;

  constructor(
    readModels: ReadModels,
    private readonly recommendations: RecommendationsQueries,
  ) {
    const db = readModels.db;
    this.revisions = streamRevisions(db, readModels.projections);
    const own = 'x.plan_id = @planId AND x.recommendation_id = @recommendationId';
    this.statuses = db.prepare<[Key], StatusRow>(`SELECT * FROM recommendation_statuses x WHERE ${own} ${CUT}`);
    this.links = db.prepare<[Key], LinkRow>(`SELECT * FROM recommendation_links x WHERE ${own} ${CUT}`);
    this.findings = db.prepare<[Key], FindingRow>(
      `SELECT x.* FROM finding_recommendations n JOIN visit_findings x ON x.position = n.finding_position
       WHERE n.plan_id = @planId AND n.recommendation_id = @recommendationId ${CUT}`,
    );
    this.ratings = db.prepare<[Key], RatingRow>(
      // CROSS JOIN keeps the links as the outer loop: a few links, each one seek into the ratings.
      `SELECT x.* FROM recommendation_links l
       CROSS JOIN milestone_ratings x ON x.plan_id = l.plan_id AND x.milestone_id = l.milestone_id AND x.effective_on >= @raisedOn
       WHERE l.plan_id = @planId AND l.recommendation_id = @recommendationId AND l.recorded_at <= @recordedBy ${CUT}`,
    );
    this.visits = db.prepare<[string, string], VisitRow>(
      'SELECT visit_id, kind, end_date FROM visits WHERE plan_id = ? AND recorded_at <= ? ORDER BY end_date, start_date, position',
    );
  }

  history(planId: string, recommendationId: string, cut: ReadCut): RecommendationHistoryDto {
    const rec = this.recommendations.require(planId, recommendationId, cut);
    const key: Key = { planId, recommendationId, asOf: cut.asOf, recordedBy: cut.recordedBy, raisedOn: rec.raised_on };
    const entries: HistoryEntryDto[] = [
      ...this.statuses.all(key).map((row) => statusEntry(row, rec.text, rec.source)),
      ...this.links.all(key).map((row) => ({
        type: 'MilestoneLinked' as const,
        ...entry(row),
        summary: `Milestone ${row.milestone_id} linked: it works towards this recommendation`,
        milestoneId: row.milestone_id,
      })),
      ...this.findings.all(key).map((row) => ({
        type: 'VisitFindingRecorded' as const,
        ...entry(row),
        summary: `Visit ${row.visit_id} found (${row.assessment}): ${row.text}`,
        visitId: row.visit_id,
        findingId: row.finding_id,
        assessment: row.assessment,
      })),
      ...this.ratings.all(key).map((row) => ({
        type: 'MilestoneUpdated' as const,
        ...entry(row),
        summary: `Milestone ${row.milestone_id} rated ${row.rag} for ${row.period}${row.reason ? ` (corrected: ${row.reason})` : ''}: ${row.commentary}`,
        milestoneId: row.milestone_id,
        period: row.period,
        rag: row.rag,
        ...(row.reason ? { reason: row.reason } : {}),
      })),
    ];
    const known = this.visits
      .all(planId, cut.recordedBy)
      .map((v): VisitRef => ({ visitId: v.visit_id, kind: v.kind, endDate: v.end_date }));
    const origin = known.find((v) => v.visitId === rec.source) ?? null;
    const visits = known.filter((v) => v.endDate <= cut.asOf);
    return {
      planId,
      recommendationId,
      text: rec.text,
      status: statusOf(rec),
      raisedOn: rec.raised_on,
      revision: this.revisions(streamId(planId, recommendationId), cut.recordedBy) ?? 0,
      asOf: cut.asOf,
      knownAt: cut.knownAt,
      segments: cutIntoSegments(origin, rec.raised_on, visits, entries),
    };
  }
}

function statusEntry(row: StatusRow, text: string, source: string | null): HistoryEntryDto {
  const base = entry(row);
  const reason = row.reason ?? undefined;
  switch (row.event_type) {
    case 'RecommendationClosed': {
      const evidence = row.evidence ? (JSON.parse(row.evidence) as string[]) : [];
      return {
        type: 'RecommendationClosed',
        ...base,
        summary: `Closed: ${reason} (evidence: ${evidence.join('; ')})`,
        reason,
        evidence,
      };
    }
    case 'RecommendationReopened':
      return { type: 'RecommendationReopened', ...base, summary: `Reopened: ${reason}`, reason };
    case 'RecommendationRaised':
      return { type: 'RecommendationRaised', ...base, summary: `Raised${source ? ` by ${source}` : ''}: ${text}` };
    default: {
      const _exhaustive: never = row.event_type;
      throw new Error(`Unknown status fact ${String(_exhaustive)}`);
    }
  }
}
