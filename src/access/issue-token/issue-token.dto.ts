import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EnumField, ID_PATTERN, MAX, TextField } from '../../web/fields';
import { ROLES } from '../access-policy';

const PLAN_OR_ALL = new RegExp(`^\\*$|${ID_PATTERN.source}`);

export class IssueTokenDto {
  @TextField(MAX.title, 'Jane Smith (improvement board chair)') name!: string;
  @TextField(MAX.title, 'Halton Borough Council', false) organisation?: string;
  @EnumField(
    ROLES,
    true,
    'admin: everything; board-member: reads and writes; auditor: reads and the audit trail; dfe-adviser: reads of the projections',
  )
  role!: string;
  @ApiProperty({
    example: ['halton'],
    type: [String],
    description: 'planIds the token may see, or ["*"] for every plan (an admin always has ["*"])',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(MAX.id, { each: true })
  @Matches(PLAN_OR_ALL, { each: true, message: 'each of $property must be a planId or "*"' })
  plans!: string[];
  @ApiPropertyOptional({ example: '2026-03-31T23:59:59Z', description: 'When the token stops working; none: until revoked' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  expiresAt?: string;
}

export class IssuedTokenDto {
  @ApiProperty({ example: '3f9a0c1d2e4b5a69' }) tokenId!: string;
  @ApiProperty({
    description:
      'The bearer token. Shown this once: only its hash is kept. Null in the answer to a retry (the same Idempotency-Key): ' +
      'the token was issued by the first attempt and shown in its answer only.',
    example: 'trk_3f9a0c1d2e4b5a69_…',
    nullable: true,
    type: String,
  })
  token!: string | null;
  @ApiPropertyOptional({ description: 'Present when token is null: what to do if the first answer was lost' })
  note?: string;
}
