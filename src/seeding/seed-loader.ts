import { DynamicModule, Inject, Injectable, Logger, LogLevel, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { plainToInstance } from 'class-transformer';
import { randomUUID } from 'node:crypto';
import { CommandContext, CommandResult } from '../domain/command';
import { Actor } from '../domain/actor';
import { deterministicUuid, fingerprint } from '../platform/ids';
import { DomainError } from '../domain/domain-error';
import { Clock } from '../domain/clock';
import { AppConfig } from '../config/config';
import { APP_CONFIG, ConfigModule } from '../config/config.module';
import { EventStoreModule } from '../event-store/event-store.module';
import { EVENT_STORE, EventStore, StoredEvent } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { copyRehearsal } from './seed-copy';
import { ENTRY_KINDS } from './seed-entries';
import { describeEntry, readSeed, SeedEntry, SeedError, SeedFile } from './seed-file';
import { eventIdFor } from '../write-side/idempotency';

const LOG_LEVELS: LogLevel[] = ['verbose', 'debug', 'log', 'warn', 'error', 'fatal'];
const QUIET: LogLevel[] = ['error', 'warn', 'fatal'];

export const SEED_ACTOR: Actor = { id: 'seed-loader', name: 'Seed loader (published source documents)', role: 'admin' };

export interface SeedProgress {
  file: string;
  done: number;
  total: number;
}

export interface SeedReport {
  entries: number;
  /** Events this load appended; 0 when everything was already there. */
  appended: number;
}

/** The modules of every write use case, which a seed's entries are sent through. */
export type WriteModules = ReadonlyArray<Type<unknown> | DynamicModule>;
export const SEED_WRITE_MODULES = Symbol('SEED_WRITE_MODULES');

@Module({})
class ScratchModule {
  static forStore(store: EventStore, config: AppConfig, clock: Clock, writeModules: WriteModules): DynamicModule {
    return {
      module: ScratchModule,
      imports: [ConfigModule.forRoot(config, clock), EventStoreModule.forStore(store), CqrsModule.forRoot(), ...writeModules],
    };
  }
}

/**
 * Loads a seed as a user would record it: every entry is a command through the command bus, so every rule
 * holds. The whole seed is first rehearsed on a scratch in-memory store, so a mistake in a file stops the
 * load before anything is stored. The rehearsal's events are then copied as they are, those the store
 * lacks, in a few commits rather than one per entry; if the copy is refused (the store's streams moved on
 * since), the commands run again on the store. Idempotency keys derive from the file and the entry, so
 * loading twice adds nothing.
 */
@Injectable()
export class SeedLoader {
  private readonly logger = new Logger('Seeds');

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    @Inject(SEED_WRITE_MODULES) private readonly writeModules: WriteModules,
  ) {}

  /**
   * Loads the seed on a server's start unless it is all there already: into an empty store, or to finish
   * a load that an earlier start began and did not end (the process stopped, or was killed, midway). Its
   * last entry's first event, found by id through the store's index, tells: entries are stored in order.
   */
  async loadOnStart(seed: string): Promise<SeedReport | undefined> {
    const files = readSeed(seed);
    const empty = (await this.store.headPosition()) === -1n;
    if (!empty && (await this.isLoaded(seed, files))) return undefined;
    this.logger.log(
      empty
        ? `The store is empty: loading the "${seed}" seed`
        : `The "${seed}" seed is not all in the store (loading it was interrupted, or the seed has grown): loading the rest`,
    );
    const report = await this.loadFiles(seed, files);
    this.logger.log(`Loaded ${report.entries} entries of "${seed}" (${report.appended} events)`);
    return report;
  }

  async load(seed: string, options: { onProgress?: (progress: SeedProgress) => void; dir?: string } = {}): Promise<SeedReport> {
    return this.loadFiles(seed, readSeed(seed, options.dir), options.onProgress);
  }

  private async loadFiles(seed: string, files: SeedFile[], onProgress?: (progress: SeedProgress) => void): Promise<SeedReport> {
    const rehearsed = await this.rehearse(seed, files, onProgress);
    try {
      return { entries: rehearsed.entries, appended: await copyRehearsal(this.store, rehearsed.events) };
    } catch (error) {
      // A refused copy changed nothing (each of its commits is kept whole or not at all); the commands
      // then run again on the store, answered from the store for what it has.
      this.logger.warn(`The rehearsed seed could not be stored at once (${(error as Error).message}); recording it entry by entry`);
    }
    return run(this.commandBus, this.store, seed, files, onProgress);
  }

  private async isLoaded(seed: string, files: SeedFile[]): Promise<boolean> {
    const file = files[files.length - 1];
    const entry = file?.entries[file.entries.length - 1];
    if (!file || !entry) return true;
    const streamId = ENTRY_KINDS[entry.kind]!.stream(file.planId, { ...entry.path, ...entry.body });
    const firstEvent = eventIdFor(seedContext(seed, file, entry), streamId, 0);
    return (await this.store.findKeyedEvent(streamId, firstEvent)) !== undefined;
  }

  /**
   * Sends the whole seed to a scratch in-memory store first, through the same write modules and clock: a
   * mistake in a file then stores nothing, and the store can take the rehearsal's events as they are.
   */
  private async rehearse(
    seed: string,
    files: SeedFile[],
    onProgress?: (progress: SeedProgress) => void,
  ): Promise<{ entries: number; events: StoredEvent[] }> {
    const scratch = new SqliteEventStore({ path: ':memory:', clock: () => this.clock.now() });
    // Nest's log levels are process-wide: the scratch context quiets its start-up lines, and the server's
    // own levels come back after it (turning logging off here would silence the server from then on).
    const levels = LOG_LEVELS.filter((level) => Logger.isLevelEnabled(level));
    Logger.overrideLogger(QUIET);
    const module = ScratchModule.forStore(scratch, this.config, this.clock, this.writeModules);
    const app = await NestFactory.createApplicationContext(module, { logger: QUIET });
    try {
      const { entries } = await run(app.get(CommandBus), scratch, seed, files, onProgress);
      return { entries, events: await scratch.readAll() };
    } finally {
      await app.close();
      Logger.overrideLogger(levels);
    }
  }
}

/** A seed entry's command context: the seed's actor, and an idempotency key from the file and the entry. */
function seedContext(seed: string, file: SeedFile, entry: SeedEntry): CommandContext {
  return {
    actor: SEED_ACTOR,
    correlationId: deterministicUuid('seed', seed, file.name),
    commandId: randomUUID(),
    idempotencyKey: `seed/${seed}/${entry.key}`,
    requestHash: fingerprint({ path: entry.path, body: entry.body }),
    extra: { source: { seedFile: `seeds/${seed}/${file.name}`, entry: entry.index + 1 }, provenance: entry.provenance },
  };
}

async function run(
  bus: CommandBus,
  store: EventStore,
  seed: string,
  files: SeedFile[],
  onProgress?: (progress: SeedProgress) => void,
): Promise<SeedReport> {
  const total = files.reduce((n, f) => n + f.entries.length, 0);
  let done = 0;
  let appended = 0;
  for (const file of files) {
    for (const entry of file.entries) {
      const kind = ENTRY_KINDS[entry.kind]!;
      const context = seedContext(seed, file, entry);
      try {
        const dated = kind.datedByDocument && file.effectiveOn !== undefined && entry.body.effectiveOn === undefined;
        const body = plainToInstance(kind.dto, dated ? { ...entry.body, effectiveOn: file.effectiveOn } : entry.body);
        const result: CommandResult = await bus.execute(kind.command(file.planId, entry.path, body, context));
        if (!result.replayed) appended += result.events.length;
      } catch (error) {
        const where = describeEntry(entry.index, { kind: entry.kind, ...entry.path, ...entry.body });
        const message = error instanceof DomainError || error instanceof Error ? error.message : String(error);
        throw new SeedError(file.name, where, message);
      }
      done += 1;
      onProgress?.({ file: file.name, done, total });
    }
  }
  return { entries: total, appended };
}
