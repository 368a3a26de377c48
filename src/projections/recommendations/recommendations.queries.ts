import { Injectable } from '@nestjs/common';
import { PlanLookup } from '../shared/plan-lookup';
import { ReadModels } from '../engine/read-models';
import { notFoundProblem } from '../shared/not-found';
import { ReadCut } from '../shared/read-cut';
import { OpenRecommendationDto, RecommendationDto } from './recommendations.dto';
import { fromProvenanceColumn } from '../shared/provenance';
import { StreamRevisions } from '../shared/stream-revisions';
import { streamId as recommendationStreamId } from '../../recommendation/recommendation';

export interface RecommendationRow {
  plan_id: string;
  recommendation_id: string;
  text: string;
  raised_on: string;
  source: string | null;
  recorded_at: string;
  status: 'open' | 'closed' | null;
  status_on: string | null;
  status_event: string | null;
  provenance: string | null;
}

type Cut = { asOf: string; recordedBy: string };
type OpenScope = { planId?: string; visible?: (planId: string) => boolean };

/** Each recommendation with its latest status fact effective by @asOf and recorded by @recordedBy. */
const withStatusSql = (where: string) => `
  SELECT r.plan_id, r.recommendation_id, r.text, r.raised_on, r.source, r.recorded_at, r.provenance,
         s.status, s.effective_on AS status_on, s.event_type AS status_event
  FROM recommendations r
  LEFT JOIN recommendation_statuses s ON s.position = (
    SELECT f.position FROM recommendation_statuses f
    WHERE f.plan_id = r.plan_id AND f.recommendation_id = r.recommendation_id
      AND f.effective_on <= @asOf AND f.recorded_at <= @recordedBy
    ORDER BY f.effective_on DESC, f.position DESC LIMIT 1)
  WHERE ${where} AND r.recorded_at <= @recordedBy
  ORDER BY r.position`;

const DAY = 86_400_000;
const daysBetween = (from: string, to: string) => Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / DAY));

/** Raised and not yet effective by asOf counts as open: the status field knows only open and closed. */
export const statusOf = (row: RecommendationRow): 'open' | 'closed' => row.status ?? 'open';

/** When open after a reopening: the day of that reopening. "Open since" stays the day it was raised. */
const reopenedOn = (row: RecommendationRow): string | null =>
  statusOf(row) === 'open' && row.status_event === 'RecommendationReopened' ? row.status_on : null;

@Injectable()
export class RecommendationsQueries {
  private readonly ofPlan;
  private readonly ofAllPlans;
  private readonly one;
  private readonly links;
  private readonly recordedAt;

  constructor(
    readModels: ReadModels,
    private readonly plans: PlanLookup,
    private readonly revisions: StreamRevisions,
  ) {
    const db = readModels.db;
    this.ofPlan = db.prepare<[Cut & { planId: string }], RecommendationRow>(withStatusSql('r.plan_id = @planId'));
    this.ofAllPlans = db.prepare<[Cut], RecommendationRow>(withStatusSql('1 = 1'));
    this.one = db.prepare<[Cut & { planId: string; recommendationId: string }], RecommendationRow>(
      withStatusSql('r.plan_id = @planId AND r.recommendation_id = @recommendationId'),
    );
    this.recordedAt = db.prepare<[string, string], { recorded_at: string }>(
      'SELECT recorded_at FROM recommendations WHERE plan_id = ? AND recommendation_id = ?',
    );
    this.links = db.prepare<[string, string], { recommendation_id: string; milestone_id: string }>(
      'SELECT recommendation_id, milestone_id FROM recommendation_links WHERE plan_id = ? AND recorded_at <= ? ORDER BY position',
    );
  }

  list(planId: string, cut: ReadCut): RecommendationDto[] {
    this.plans.require(planId, cut);
    const linked = new Map<string, string[]>();
    for (const link of this.links.all(planId, cut.recordedBy)) {
      linked.set(link.recommendation_id, [...(linked.get(link.recommendation_id) ?? []), link.milestone_id]);
    }
    return this.ofPlan.all({ planId, asOf: cut.asOf, recordedBy: cut.recordedBy }).map((row) => {
      const status = statusOf(row);
      return {
        recommendationId: row.recommendation_id,
        text: row.text,
        status,
        raisedOn: row.raised_on,
        ...(status === 'closed' ? { closedOn: row.status_on! } : {}),
        source: row.source,
        openSince: status === 'open' ? row.raised_on : null,
        reopenedOn: reopenedOn(row),
        linkedMilestoneIds: linked.get(row.recommendation_id) ?? [],
        provenance: fromProvenanceColumn(row.provenance),
        revision: this.revisionOf(row, cut),
      };
    });
  }

  revisionOf(row: { plan_id: string; recommendation_id: string }, cut: ReadCut): number {
    return this.revisions.of(recommendationStreamId(row.plan_id, row.recommendation_id), cut.recordedBy);
  }

  /** One recommendation with its status at the cut; 404 when unknown or not yet recorded at knownAt. */
  require(planId: string, recommendationId: string, cut: ReadCut): RecommendationRow {
    this.plans.require(planId, cut);
    const row = this.one.get({ planId, recommendationId, asOf: cut.asOf, recordedBy: cut.recordedBy });
    if (row) return row;
    const recordedAt = this.recordedAt.get(planId, recommendationId)?.recorded_at;
    throw notFoundProblem({ what: 'recommendation', id: recommendationId, planId, ...(recordedAt ? { recordedAt } : {}) }, cut);
  }

  /** Open recommendations, the longest open first: of one plan, or (without planId) of every visible plan. */
  openLongest(cut: ReadCut, limit: number, scope: OpenScope = {}): OpenRecommendationDto[] {
    return this.open(cut, scope)
      .slice(0, limit)
      .map((open) => ({ ...open, revision: this.revisionOf({ plan_id: open.planId, recommendation_id: open.recommendationId }, cut) }));
  }

  /** How many recommendations each plan has open, by planId. */
  openCounts(cut: ReadCut, scope: OpenScope = {}): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { planId } of this.open(cut, scope)) counts.set(planId, (counts.get(planId) ?? 0) + 1);
    return counts;
  }

  private open(cut: ReadCut, scope: OpenScope): Omit<OpenRecommendationDto, 'revision'>[] {
    const { planId, visible = () => true } = scope;
    const authorities = new Map(
      (planId === undefined ? this.plans.list(cut) : [this.plans.require(planId, cut)]).map((p) => [p.plan_id, p.local_authority]),
    );
    const rows =
      planId === undefined
        ? this.ofAllPlans.all({ asOf: cut.asOf, recordedBy: cut.recordedBy })
        : this.ofPlan.all({ planId, asOf: cut.asOf, recordedBy: cut.recordedBy });
    return rows
      .filter((row) => statusOf(row) === 'open' && row.raised_on <= cut.asOf && authorities.has(row.plan_id) && visible(row.plan_id))
      .map((row) => {
        // Reopening a recommendation does not make it new: it has been open since it was first raised.
        const openSince = row.raised_on;
        return {
          planId: row.plan_id,
          localAuthority: authorities.get(row.plan_id)!,
          recommendationId: row.recommendation_id,
          text: row.text,
          raisedOn: row.raised_on,
          openSince,
          daysOpen: daysBetween(openSince, cut.asOf),
          reopenedOn: reopenedOn(row),
          source: row.source,
        };
      })
      .sort((a, b) => b.daysOpen - a.daysOpen || (a.raisedOn < b.raisedOn ? -1 : a.raisedOn > b.raisedOn ? 1 : 0));
  }
}
