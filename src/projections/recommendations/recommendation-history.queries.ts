import { Injectable } from '@nestjs/common';
import { ActorColumns, fromActorColumns } from '../shared/actor';
import { ReadModels } from '../engine/read-models';
import { ReadCut } from '../shared/read-cut';
import { fromProvenanceColumn } from '../shared/provenance';
import { HistoryEntryDto, RecommendationHistoryDto } from './recommendation-history.dto';
import { RecommendationsQueries, statusOf } from './recommendations.queries';
import { cutIntoSegments, VisitRef } from './segments';
import { MilestoneHistoryQueries } from '../rag-board/milestone-history.queries';
import { VisitsQueries } from '../visits/visits.queries';

type StatusType = 'RecommendationRaised' | 'RecommendationClosed' | 'RecommendationReopened';
type Dated = ActorColumns & { position: number; effective_on: string; recorded_at: string; provenance: string | null };
type StatusRow = Dated & { event_type: StatusType; reason: string | null; evidence: string | null };
type LinkRow = Dated & { milestone_id: string };
type Key = { planId: string; recommendationId: string; asOf: string; recordedBy: string };

const CUT = 'AND x.effective_on <= @asOf AND x.recorded_at <= @recordedBy ORDER BY x.effective_on, x.position';
const entry = (row: Dated) => ({
  effectiveOn: row.effective_on,
  recordedAt: row.recorded_at,
  position: row.position,
  actor: fromActorColumns(row),
  provenance: fromProvenanceColumn(row.provenance),
});

/**
 * A recommendation's life cut at visits: its own events, the findings that name it (asked of the visits)
 * and the updates of the milestones linked to it (asked of the board).
 */
@Injectable()
export class RecommendationHistoryQueries {
  private readonly statuses;
  private readonly links;
  private readonly linked;

  constructor(
    readModels: ReadModels,
    private readonly recommendations: RecommendationsQueries,
    private readonly visits: VisitsQueries,
    private readonly milestones: MilestoneHistoryQueries,
  ) {
    const db = readModels.db;
    const own = 'x.plan_id = @planId AND x.recommendation_id = @recommendationId';
    this.statuses = db.prepare<[Key], StatusRow>(`SELECT * FROM recommendation_statuses x WHERE ${own} ${CUT}`);
    this.links = db.prepare<[Key], LinkRow>(`SELECT * FROM recommendation_links x WHERE ${own} ${CUT}`);
    // Ratings count from the day the recommendation was raised, for every link known by knownAt.
    this.linked = db.prepare<[Omit<Key, 'asOf'>], { milestone_id: string }>(
      `SELECT milestone_id FROM recommendation_links x WHERE ${own} AND x.recorded_at <= @recordedBy`,
    );
  }

  history(planId: string, recommendationId: string, cut: ReadCut): RecommendationHistoryDto {
    const rec = this.recommendations.require(planId, recommendationId, cut);
    const key: Key = { planId, recommendationId, asOf: cut.asOf, recordedBy: cut.recordedBy };
    const ratings = this.linked
      .all({ planId, recommendationId, recordedBy: cut.recordedBy })
      .flatMap(({ milestone_id }) => this.milestones.ratingsSince(planId, milestone_id, rec.raised_on, cut));
    const entries: HistoryEntryDto[] = [
      ...this.statuses.all(key).map((row) => statusEntry(row, rec.text, rec.source)),
      ...this.links.all(key).map((row) => ({
        type: 'MilestoneLinked' as const,
        ...entry(row),
        summary: `Milestone ${row.milestone_id} linked: it works towards this recommendation`,
        milestoneId: row.milestone_id,
      })),
      ...this.visits.findingsNaming(planId, recommendationId, cut).map((row) => ({
        type: 'VisitFindingRecorded' as const,
        ...entry(row),
        summary: `Visit ${row.visit_id} found (${row.assessment}): ${row.text}`,
        visitId: row.visit_id,
        findingId: row.finding_id,
        assessment: row.assessment,
      })),
      ...ratings.map((row) => ({
        type: 'MilestoneUpdated' as const,
        ...entry(row),
        summary: `Milestone ${row.milestone_id} rated ${row.rag} for ${row.period}${row.reason ? ` (corrected: ${row.reason})` : ''}: ${row.commentary}`,
        milestoneId: row.milestone_id,
        period: row.period,
        rag: row.rag,
        ...(row.reason ? { reason: row.reason } : {}),
      })),
    ];
    const known: VisitRef[] = this.visits.visitsByEnd(planId, cut);
    const origin = known.find((v) => v.visitId === rec.source) ?? null;
    const visits = known.filter((v) => v.endDate <= cut.asOf);
    return {
      planId,
      recommendationId,
      text: rec.text,
      status: statusOf(rec),
      raisedOn: rec.raised_on,
      revision: this.recommendations.revisionOf(rec, cut),
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
