import { Injectable } from '@nestjs/common';
import { PackFormat, PACK_FORMATS, PackHashes } from '../../board-pack/board-pack';
import { ProblemException, problemType } from '../../web/problem.filter';
import { PlanLookup } from '../shared/plan-lookup';
import { fromActorColumns } from '../shared/actor';
import { ReadModels } from '../engine/read-models';
import { ReadCut } from '../shared/read-cut';
import { BoardPackDto, BoardPacksDto } from './board-packs.dto';

interface PackRow {
  position: number;
  plan_id: string;
  pack_id: string;
  period: string;
  as_of: string;
  known_at: string;
  last_position: number;
  sha256: string;
  recorded_at: string;
  actor_id: string;
  actor_name: string | null;
  actor_role: string | null;
  actor_organisation: string | null;
  last_hash: string | null;
}

export const packDownloadPath = (planId: string, packId: string, format: PackFormat): string =>
  `/api/plans/${encodeURIComponent(planId)}/board-packs/${encodeURIComponent(packId)}?format=${format}`;

const toPack = (row: PackRow): BoardPackDto => ({
  packId: row.pack_id,
  period: row.period,
  asOf: row.as_of,
  knownAt: row.known_at,
  lastPosition: row.last_position,
  lastHash: row.last_hash,
  sha256: JSON.parse(row.sha256) as PackHashes,
  issuedAt: row.recorded_at,
  actor: fromActorColumns(row),
  position: row.position,
  downloads: Object.fromEntries(PACK_FORMATS.map((f) => [f, packDownloadPath(row.plan_id, row.pack_id, f)])) as Record<PackFormat, string>,
});

/** The packs issued to the board, as known at a time (when a pack was issued is a recorded time, not an effective date). */
@Injectable()
export class BoardPacksQueries {
  private readonly ofPlan;

  constructor(
    readModels: ReadModels,
    private readonly plans: PlanLookup,
  ) {
    this.ofPlan = readModels.db.prepare<[string, string], PackRow>(
      'SELECT * FROM board_packs WHERE plan_id = ? AND recorded_at <= ? ORDER BY position',
    );
  }

  list(planId: string, cut: ReadCut): BoardPacksDto {
    this.plans.require(planId, cut);
    return { planId, knownAt: cut.knownAt, packs: this.packs(planId, cut) };
  }

  packs(planId: string, cut: ReadCut): BoardPackDto[] {
    return this.ofPlan.all(planId, cut.recordedBy).map(toPack);
  }

  /** The last pack issued for each period: the one the board last saw for it. */
  latestByPeriod(planId: string, cut: ReadCut): Map<string, BoardPackDto> {
    return new Map(this.packs(planId, cut).map((pack) => [pack.period, pack]));
  }

  /** One pack; 404 naming it when it was not issued (or not yet, at knownAt). */
  require(planId: string, packId: string, cut: ReadCut): BoardPackDto {
    const pack = this.list(planId, cut).packs.find((p) => p.packId === packId);
    if (pack) return pack;
    const detail = `Plan "${planId}" has no board pack "${packId}"${cut.recordedBy === cut.knownAt ? ` issued by ${cut.knownAt}` : ''}.`;
    throw new ProblemException({
      type: problemType('not-found'),
      title: 'Not found',
      status: 404,
      detail,
      errors: [{ field: 'packId', message: detail }],
    });
  }
}
