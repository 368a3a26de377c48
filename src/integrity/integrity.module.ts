import { Module } from '@nestjs/common';
import { IntegrityHeadController } from './integrity-head/integrity-head.controller';

/** The log's integrity as the API shows it; verify, export, import and backup are command lines beside it. */
@Module({ controllers: [IntegrityHeadController] })
export class IntegrityModule {}
