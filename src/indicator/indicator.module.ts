import { Module } from '@nestjs/common';
import { PlanModule } from '../plan/plan.module';
import { DefineIndicatorController } from './define-indicator/define-indicator.controller';
import { DefineIndicatorHandler } from './define-indicator/define-indicator.command';
import { RecordIndicatorValueController } from './record-indicator-value/record-indicator-value.controller';
import { RecordIndicatorValueHandler } from './record-indicator-value/record-indicator-value.command';

@Module({
  imports: [PlanModule],
  controllers: [DefineIndicatorController, RecordIndicatorValueController],
  providers: [DefineIndicatorHandler, RecordIndicatorValueHandler],
})
export class IndicatorModule {}
