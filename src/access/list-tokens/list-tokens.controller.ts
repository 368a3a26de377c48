import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ROLES } from '../access-policy';
import { Access } from '../access.decorator';
import { TokenRegistry, TokenSummary } from '../token-registry';

class TokenSummaryDto implements TokenSummary {
  @ApiProperty() tokenId!: string;
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ example: 'Halton Borough Council' }) organisation?: string;
  @ApiProperty({ enum: ROLES }) role!: TokenSummary['role'];
  @ApiProperty({ type: [String] }) plans!: string[];
  @ApiProperty({ enum: ['active', 'revoked', 'expired'] }) status!: TokenSummary['status'];
  @ApiPropertyOptional() expiresAt?: string;
}

@ApiTags('access')
@Controller('api/tokens')
export class ListTokensController {
  constructor(private readonly registry: TokenRegistry) {}

  @Get()
  @Access('admin')
  @ApiOperation({ summary: 'Every token issued: whom for, role, plans and status (never the token or its hash)' })
  @ApiOkResponse({ type: [TokenSummaryDto] })
  list(): Promise<TokenSummary[]> {
    return this.registry.list();
  }
}
