import { Injectable } from '@nestjs/common';
import { ReadModels } from '../engine/read-models';
import { notFoundProblem } from './not-found';
import { ReadCut } from './read-cut';

export interface PlanRow {
  plan_id: string;
  local_authority: string;
  title: string;
  position: number;
  recorded_at: string;
}

/** Every read of a plan starts here: a plan unknown, or not yet recorded at knownAt, is a 404. */
@Injectable()
export class PlanLookup {
  private readonly one;
  private readonly all;

  constructor(readModels: ReadModels) {
    this.one = readModels.db.prepare<[string], PlanRow>('SELECT * FROM plans WHERE plan_id = ?');
    this.all = readModels.db.prepare<[string], PlanRow>('SELECT * FROM plans WHERE recorded_at <= ? ORDER BY position');
  }

  require(planId: string, cut: ReadCut): PlanRow {
    const plan = this.one.get(planId);
    if (!plan || plan.recorded_at > cut.recordedBy)
      throw notFoundProblem({ what: 'plan', id: planId, ...(plan ? { recordedAt: plan.recorded_at } : {}) }, cut);
    return plan;
  }

  list(cut: ReadCut): PlanRow[] {
    return this.all.all(cut.recordedBy);
  }
}
