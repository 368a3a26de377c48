import { DynamicModule, Module } from '@nestjs/common';
import { SEED_WRITE_MODULES, SeedLoader, WriteModules } from './seed-loader';

/** Loads seeds through the given write modules (rehearsed first on a scratch store with the same modules). */
@Module({})
export class SeedingModule {
  static through(writeModules: WriteModules): DynamicModule {
    return {
      module: SeedingModule,
      providers: [SeedLoader, { provide: SEED_WRITE_MODULES, useValue: writeModules }],
      exports: [SeedLoader],
    };
  }
}
