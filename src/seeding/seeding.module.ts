import { Module } from '@nestjs/common';
import { SeedLoader } from './seed-loader';

@Module({ providers: [SeedLoader], exports: [SeedLoader] })
export class SeedingModule {}
