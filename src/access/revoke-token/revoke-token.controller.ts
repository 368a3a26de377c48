import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { IdField } from '../../web/fields';
import { WriteContext } from '../../web/request-context';
import { Access } from '../access.decorator';
import { RevokeTokenCommand } from './revoke-token.command';

export class TokenParams {
  @IdField('3f9a0c1d2e4b5a69') tokenId!: string;
}

@ApiTags('access')
@Controller('api/tokens')
export class RevokeTokenController {
  constructor(private readonly commandBus: CommandBus) {}

  @Delete(':tokenId')
  @Access('admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a token: it is refused from the next request on' })
  @ApiNoContentResponse({ description: 'Revoked (or already revoked)' })
  @ApiNotFoundResponse({ description: 'No such token' })
  async revoke(@Param() { tokenId }: TokenParams, @WriteContext() context: CommandContext): Promise<void> {
    await this.commandBus.execute(new RevokeTokenCommand(tokenId, context));
  }
}
