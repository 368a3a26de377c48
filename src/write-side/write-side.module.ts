import { Global, Inject, Module, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { CommandExecutor } from '../domain/command';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { SqliteEventStore } from '../event-store/sqlite-event-store';
import { READ_MODELS_FED_ELSEWHERE } from '../projections/engine/projector';
import { LocalExecutor } from './local-executor';
import { COMMAND_OBSERVER, CommandObserver, ObservedExecutor } from './observed-executor';
import { CommandPipeline } from './pipeline';
import { WriterThread } from './writer-thread';

export const WRITER_THREAD = Symbol('WRITER_THREAD');

/**
 * The write side, chosen once at start: on the embedded store's file, commands are decided and committed
 * on the writer thread (which also feeds the read models); on memory or KurrentDB, on this thread.
 * Either way use cases see one CommandExecutor.
 */
@Global()
@Module({
  providers: [
    {
      provide: WRITER_THREAD,
      inject: [EVENT_STORE, APP_CONFIG],
      useFactory: (store: EventStore, config: AppConfig): WriterThread | null => {
        if (!(store instanceof SqliteEventStore) || store.db.name === ':memory:') return null;
        const writer = new WriterThread({ path: store.db.name, logLevel: config.logLevel });
        // Started now, so that loading its code overlaps with the rest of the application's start; the
        // application waits for it before it takes requests (onApplicationBootstrap).
        void writer.start();
        return writer;
      },
    },
    {
      provide: CommandExecutor,
      inject: [WRITER_THREAD, EVENT_STORE, { token: COMMAND_OBSERVER, optional: true }],
      useFactory: (writer: WriterThread | null, store: EventStore, observer?: CommandObserver): CommandExecutor => {
        const executor = writer ?? new LocalExecutor(new CommandPipeline(store));
        return observer ? new ObservedExecutor(executor, observer) : executor;
      },
    },
    { provide: READ_MODELS_FED_ELSEWHERE, inject: [WRITER_THREAD], useFactory: (writer: WriterThread | null) => writer?.readModels ?? null },
  ],
  exports: [CommandExecutor, READ_MODELS_FED_ELSEWHERE],
})
export class WriteSideModule implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(@Inject(WRITER_THREAD) private readonly writer: WriterThread | null) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.writer?.start();
  }

  /** Before the store closes (EventStoreModule closes it on application shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.writer?.stop();
  }
}
