import { Global, Module } from '@nestjs/common';
import { CommandPipeline } from './command-pipeline';
import { PlanReader } from './plan-reader';

@Global()
@Module({ providers: [CommandPipeline, PlanReader], exports: [CommandPipeline, PlanReader] })
export class CommandPipelineModule {}
