import { Body, Controller, Header, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '../../domain/command';
import { WriteContext } from '../../web/request-context';
import { Access } from '../access.decorator';
import { IssuedToken, IssueTokenCommand } from './issue-token.command';
import { IssuedTokenDto, IssueTokenDto } from './issue-token.dto';

@ApiTags('access')
@Controller('api/tokens')
export class IssueTokenController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('admin')
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Issue a bearer token for a person, a role and plans',
    description: 'The token is in this answer only; the product keeps its hash.',
  })
  @ApiCreatedResponse({ type: IssuedTokenDto })
  async issue(@Body() body: IssueTokenDto, @WriteContext() context: CommandContext): Promise<IssuedTokenDto> {
    const issued: IssuedToken = await this.commandBus.execute(new IssueTokenCommand(body, context));
    if (issued.token !== null) return { tokenId: issued.tokenId, token: issued.token };
    return {
      tokenId: issued.tokenId,
      token: null,
      note: `This answers a retry: token ${issued.tokenId} was issued by the first request with this Idempotency-Key, and its secret was shown in that answer only. If it was lost, revoke the token (DELETE /api/tokens/${issued.tokenId}) and issue another.`,
    };
  }
}
