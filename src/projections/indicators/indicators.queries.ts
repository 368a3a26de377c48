import { Injectable } from '@nestjs/common';
import { PlanLookup } from '../shared/plan-lookup';
import { ReadModels } from '../engine/read-models';
import { ReadCut } from '../shared/read-cut';
import { IndicatorDto, IndicatorValueDto } from './indicators.dto';
import { fromProvenanceColumn } from '../shared/provenance';
import { StreamRevisions } from '../shared/stream-revisions';
import { streamId as indicatorStreamId } from '../../indicator/indicator';

interface ValueRow {
  indicator_id: string;
  period: string;
  value: number;
  note: string | null;
  effective_on: string;
  recorded_at: string;
  provenance: string | null;
}
type Cut = { planId: string; asOf: string; recordedBy: string };

/** Each indicator with one value per period, as of a date and as known at a time. */
@Injectable()
export class IndicatorsQueries {
  private readonly indicators;
  private readonly values;

  constructor(
    readModels: ReadModels,
    private readonly plans: PlanLookup,
    private readonly revisions: StreamRevisions,
  ) {
    const db = readModels.db;
    this.indicators = db.prepare<[Cut], { indicator_id: string; title: string; unit: string; provenance: string | null }>(
      'SELECT indicator_id, title, unit, provenance FROM indicators WHERE plan_id = @planId AND recorded_at <= @recordedBy ORDER BY position',
    );
    // Periods sort by end, then the longer last; within a period the last row is the one that counts.
    this.values = db.prepare<[Cut], ValueRow>(
      `SELECT indicator_id, period, value, note, effective_on, recorded_at, provenance FROM indicator_values
       WHERE plan_id = @planId AND effective_on <= @asOf AND recorded_at <= @recordedBy
       ORDER BY indicator_id, period_end, period_start DESC, period, effective_on, position`,
    );
  }

  list(planId: string, cut: ReadCut): IndicatorDto[] {
    this.plans.require(planId, cut);
    const params = { planId, asOf: cut.asOf, recordedBy: cut.recordedBy };
    const byIndicator = new Map<string, Map<string, IndicatorValueDto>>();
    for (const row of this.values.all(params)) {
      const periods = byIndicator.get(row.indicator_id) ?? new Map<string, IndicatorValueDto>();
      periods.set(row.period, {
        period: row.period,
        value: row.value,
        effectiveOn: row.effective_on,
        note: row.note,
        recordedAt: row.recorded_at,
        provenance: fromProvenanceColumn(row.provenance),
      });
      byIndicator.set(row.indicator_id, periods);
    }
    return this.indicators.all(params).map((i) => ({
      indicatorId: i.indicator_id,
      title: i.title,
      unit: i.unit,
      values: [...(byIndicator.get(i.indicator_id)?.values() ?? [])],
      provenance: fromProvenanceColumn(i.provenance),
      revision: this.revisions.of(indicatorStreamId(planId, i.indicator_id), cut.recordedBy),
    }));
  }
}
