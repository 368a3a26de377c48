import { DynamicModule, Inject, Injectable, Logger, LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { plainToInstance } from 'class-transformer';
import { randomUUID } from 'node:crypto';
import { Actor, CommandContext, deterministicUuid, fingerprint } from '../command-pipeline/command-context';
import { CommandResult } from '../command-pipeline/command-pipeline';
import { DomainError } from '../domain/domain-error';
import { EventStoreModule } from '../event-store/event-store.module';
import { EVENT_STORE, EventStore, StoredEvent } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { WRITE_MODULES } from '../write.module';
import { copyRehearsal } from './seed-copy';
import { ENTRY_KINDS } from './seed-entries';
import { SeedError, SeedFile, describeEntry, readSeed } from './seed-file';

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

@Module({})
class ScratchModule {
  static forStore(store: EventStore): DynamicModule {
    return { module: ScratchModule, imports: [EventStoreModule.forStore(store), CqrsModule.forRoot(), ...WRITE_MODULES] };
  }
}

/**
 * Loads a seed as a user would record it: every entry is a command through the command bus, so every rule
 * holds. The whole seed is first rehearsed on a scratch in-memory store, so a mistake in a file stops the
 * load before anything is stored. Into an empty store (a new deployment's first start) the rehearsal's
 * events are then copied as they are, in a few commits rather than one per entry; otherwise, or if the
 * copy is refused, the commands run again on the store. Idempotency keys derive from the file and the
 * entry, so loading twice adds nothing.
 */
@Injectable()
export class SeedLoader {
  private readonly logger = new Logger('Seeds');

  constructor(
    private readonly commandBus: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async loadIfEmpty(seed: string): Promise<SeedReport | undefined> {
    if ((await this.store.headPosition()) !== -1n) return undefined;
    this.logger.log(`The store is empty: loading the "${seed}" seed`);
    const report = await this.load(seed);
    this.logger.log(`Loaded ${report.entries} entries of "${seed}" (${report.appended} events)`);
    return report;
  }

  async load(seed: string, options: { onProgress?: (progress: SeedProgress) => void; dir?: string } = {}): Promise<SeedReport> {
    const files = readSeed(seed, options.dir);
    const rehearsed = await rehearse(seed, files, options.onProgress);
    if ((await this.store.headPosition()) === -1n) {
      try {
        return { entries: rehearsed.entries, appended: await copyRehearsal(this.store, rehearsed.events) };
      } catch (error) {
        this.logger.warn(
          `The rehearsed seed could not be stored at once (${(error as Error).message}); recording it entry by entry`,
        );
      }
    }
    return run(this.commandBus, this.store, seed, files, options.onProgress);
  }
}

async function rehearse(
  seed: string,
  files: SeedFile[],
  onProgress?: (progress: SeedProgress) => void,
): Promise<{ entries: number; events: StoredEvent[] }> {
  const scratch = new SqliteEventStore({ path: ':memory:' });
  // Nest's log levels are process-wide: the scratch context quiets its start-up lines, and the server's
  // own levels come back after it (turning logging off here would silence the server from then on).
  const levels = LOG_LEVELS.filter((level) => Logger.isLevelEnabled(level));
  Logger.overrideLogger(QUIET);
  const app = await NestFactory.createApplicationContext(ScratchModule.forStore(scratch), { logger: QUIET });
  try {
    const { entries } = await run(app.get(CommandBus), scratch, seed, files, onProgress);
    return { entries, events: await scratch.readAll() };
  } finally {
    await app.close();
    Logger.overrideLogger(levels);
  }
}

async function run(
  bus: CommandBus,
  store: EventStore,
  seed: string,
  files: SeedFile[],
  onProgress?: (progress: SeedProgress) => void,
): Promise<SeedReport> {
  const before = await store.headPosition();
  const total = files.reduce((n, f) => n + f.entries.length, 0);
  let done = 0;
  let appended = 0;
  for (const file of files) {
    for (const entry of file.entries) {
      const kind = ENTRY_KINDS[entry.kind]!;
      const context: CommandContext = {
        actor: SEED_ACTOR,
        correlationId: deterministicUuid('seed', seed, file.name),
        commandId: randomUUID(),
        idempotencyKey: `seed/${seed}/${entry.key}`,
        requestHash: fingerprint({ path: entry.path, body: entry.body }),
        ...(file.effectiveOn ? { effectiveOn: file.effectiveOn } : {}),
        extra: { source: { seedFile: `seeds/${seed}/${file.name}`, entry: entry.index + 1 }, provenance: entry.provenance },
      };
      try {
        const body = plainToInstance(kind.dto, entry.body);
        const result: CommandResult = await bus.execute(kind.command(file.planId, entry.path, body, context));
        if (BigInt(result.position) > before) appended += result.events.length;
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
