import { Module } from '@nestjs/common';
import { DefineIndicatorController } from './define-indicator/define-indicator.controller';
import { DefineIndicatorHandler } from './define-indicator/define-indicator.command';
import { RecordIndicatorValueController } from './record-indicator-value/record-indicator-value.controller';
import { RecordIndicatorValueHandler } from './record-indicator-value/record-indicator-value.command';

@Module({
  controllers: [DefineIndicatorController, RecordIndicatorValueController],
  providers: [DefineIndicatorHandler, RecordIndicatorValueHandler],
})
export class IndicatorModule {}
