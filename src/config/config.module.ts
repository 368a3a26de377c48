import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from '../domain/clock';
import { systemClock } from './clock';
import { AppConfig } from './config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The configuration, validated, and the one clock, for every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, clock: Clock = systemClock): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
      ],
      exports: [APP_CONFIG, Clock],
    };
  }
}
