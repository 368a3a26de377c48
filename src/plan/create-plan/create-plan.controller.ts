import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { WriteContext } from '../../web/request-context';
import { toWriteResult, WriteResultDto } from '../../web/write-result';
import { CreatePlanCommand } from './create-plan.command';
import { CreatePlanDto } from './create-plan.dto';
import { Access } from '../../access/access.decorator';

@ApiTags('plans')
@Controller('api/plans')
export class CreatePlanController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('admin')
  @ApiOperation({ summary: 'Create an improvement plan' })
  @ApiCreatedResponse({ type: WriteResultDto })
  async create(@Body() body: CreatePlanDto, @WriteContext() context: CommandContext) {
    return toWriteResult(await this.commandBus.execute(new CreatePlanCommand(body, context)));
  }
}
