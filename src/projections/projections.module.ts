import { Global, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown, OnModuleDestroy } from '@nestjs/common';
import { readModelsOn } from './all-projections';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { AuditTrailController } from './audit-trail/audit-trail.controller';
import { AuditTrailQueries } from './audit-trail/audit-trail.queries';
import { BoardPacksController } from './board-packs/board-packs.controller';
import { BoardPacksQueries } from './board-packs/board-packs.queries';
import { CorrectionsController } from './rag-board/corrections.controller';
import { CorrectionsQueries } from './rag-board/corrections.queries';
import { IndicatorsController } from './indicators/indicators.controller';
import { IndicatorsQueries } from './indicators/indicators.queries';
import { PlanLookup } from './shared/plan-lookup';
import { PortfolioController } from './portfolio/portfolio.controller';
import { PortfolioQueries } from './portfolio/portfolio.queries';
import { ProjectionRunner } from './engine/projection-runner';
import { Projector, READ_MODELS_FED_ELSEWHERE } from './engine/projector';
import { MilestoneHistoryController } from './rag-board/milestone-history.controller';
import { MilestoneHistoryQueries } from './rag-board/milestone-history.queries';
import { RagBoardController } from './rag-board/rag-board.controller';
import { RagBoardQueries } from './rag-board/rag-board.queries';
import { RagTrendQueries } from './rag-board/rag-trend.queries';
import { openReadModelDb, ReadModelDb } from './engine/read-model-db';
import { ReadModels } from './engine/read-models';
import { ReadGate } from './shared/read-gate';
import { CanonicalIds } from './shared/canonical-ids';
import { StreamRevisions } from './shared/stream-revisions';
import { RecommendationHistoryQueries } from './recommendations/recommendation-history.queries';
import { RecommendationsController } from './recommendations/recommendations.controller';
import { RecommendationsQueries } from './recommendations/recommendations.queries';
import { VisitsController } from './visits/visits.controller';
import { VisitsQueries } from './visits/visits.queries';

const READ_MODEL_DB = Symbol('READ_MODEL_DB');

/** What reads the read models: the API's read routes and the web pages alike. */
const QUERIES = [
  ReadGate,
  PlanLookup,
  CanonicalIds,
  StreamRevisions,
  RagBoardQueries,
  RagTrendQueries,
  CorrectionsQueries,
  MilestoneHistoryQueries,
  RecommendationsQueries,
  RecommendationHistoryQueries,
  VisitsQueries,
  IndicatorsQueries,
  AuditTrailQueries,
  PortfolioQueries,
  BoardPacksQueries,
];

/**
 * The read side: the read models, the runner that feeds them (started on bootstrap from their
 * checkpoints, stopped on shutdown) and the read routes. Global so /health can report the runner.
 */
@Global()
@Module({
  controllers: [
    PortfolioController,
    RagBoardController,
    MilestoneHistoryController,
    RecommendationsController,
    VisitsController,
    IndicatorsController,
    AuditTrailController,
    BoardPacksController,
    CorrectionsController,
  ],
  providers: [
    {
      provide: READ_MODEL_DB,
      inject: [APP_CONFIG, EVENT_STORE],
      useFactory: (config: AppConfig, store: EventStore) => openReadModelDb(config.readModelPath, store),
    },
    { provide: ReadModels, inject: [READ_MODEL_DB], useFactory: ({ db }: ReadModelDb) => readModelsOn(db) },
    {
      provide: Projector,
      inject: [ReadModels, EVENT_STORE, { token: READ_MODELS_FED_ELSEWHERE, optional: true }],
      useFactory: (readModels: ReadModels, store: EventStore, fedElsewhere?: Projector | null): Projector =>
        fedElsewhere ?? new ProjectionRunner(readModels, store),
    },
    ...QUERIES,
  ],
  exports: [Projector, ReadModels, ...QUERIES],
})
export class ProjectionsModule implements OnApplicationBootstrap, OnModuleDestroy, OnApplicationShutdown {
  constructor(
    private readonly runner: Projector,
    @Inject(READ_MODEL_DB) private readonly connection: ReadModelDb,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.runner.start();
  }

  /** Before the store closes (EventStoreModule closes it on application shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }

  onApplicationShutdown(): void {
    if (this.connection.owned && this.connection.db.open) this.connection.db.close();
  }
}
