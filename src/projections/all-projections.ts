import type Database from 'better-sqlite3';
import { auditTrailProjection } from './audit-trail/audit-trail.projection';
import { boardPacksProjection } from './board-packs/board-packs.projection';
import { Projection } from './engine/projection';
import { isStoreConnection } from './engine/read-model-db';
import { ReadModels } from './engine/read-models';
import { indicatorsProjection } from './indicators/indicators.projection';
import { ragBoardProjection } from './rag-board/rag-board.projection';
import { recommendationsProjection } from './recommendations/recommendations.projection';
import { plansProjection } from './shared/plans.projection';
import { visitsProjection } from './visits/visits.projection';

/** Every read model, the audit trail's copy of the events included. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  plansProjection,
  ragBoardProjection,
  recommendationsProjection,
  visitsProjection,
  indicatorsProjection,
  boardPacksProjection,
  auditTrailProjection,
];

/**
 * The read models a database needs: in the embedded store's own database the audit trail reads the
 * events in place (through the store's stream index), so a rebuild does not copy every event again.
 */
export const projectionsFor = (db: Database.Database): readonly Projection[] =>
  isStoreConnection(db) ? ALL_PROJECTIONS.filter((p) => p !== auditTrailProjection) : ALL_PROJECTIONS;

/** The read models on a connection: every one it needs (see projectionsFor). */
export const readModelsOn = (db: Database.Database): ReadModels => new ReadModels(db, projectionsFor(db));
