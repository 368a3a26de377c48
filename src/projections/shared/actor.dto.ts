import { ApiProperty } from '@nestjs/swagger';

/**
 * Who recorded a fact, as every read shows it. A DfE adviser sees the role and the organisation, never a
 * person's name or token id: for them `id` and `name` are null.
 */
export class ActorDto {
  @ApiProperty({ nullable: true, type: String, description: 'The token id or single-sign-on subject; null for DfE advisers' })
  id!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The person’s name; null for DfE advisers' }) name!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'board-member' }) role!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Halton Borough Council', description: 'The organisation they act for, when known' })
  organisation!: string | null;
}
