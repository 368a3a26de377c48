import { ApiProperty } from '@nestjs/swagger';

/** Who recorded a fact, as every read shows it. */
export class ActorDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) name!: string | null;
  @ApiProperty({ nullable: true, type: String }) role!: string | null;
}
