import { ApiProperty } from '@nestjs/swagger';
import { ActorDto } from '../shared/actor.dto';

export class PackHashesDto {
  @ApiProperty({ example: '9f2c…', description: 'SHA-256 of the DOCX, hex' }) docx!: string;
  @ApiProperty() xlsx!: string;
  @ApiProperty() csv!: string;
  @ApiProperty() html!: string;
}

export class PackDownloadsDto {
  @ApiProperty({ example: '/api/plans/halton/board-packs/2025-26-Q2-1?format=docx' }) docx!: string;
  @ApiProperty() xlsx!: string;
  @ApiProperty() csv!: string;
  @ApiProperty() html!: string;
}

export class BoardPackDto {
  @ApiProperty({ example: '2025-26-Q2-1', description: 'The period, then the pack’s number within it' }) packId!: string;
  @ApiProperty({ example: '2025-26 Q2' }) period!: string;
  @ApiProperty({ example: '2025-09-30', description: 'The date the pack shows the plan as of' }) asOf!: string;
  @ApiProperty({ example: '2025-10-20T09:00:00.000Z', description: 'The moment the pack shows the plan as known at' })
  knownAt!: string;
  @ApiProperty({ description: 'The last log position of the plan the pack reflects: with lastHash, the head of the log it reflects' })
  lastPosition!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '3f5c0b8f0f4b5d1a8c8e2b7e6d3a1f9c0e4d2b6a8c1e3f5a7b9d0c2e4f6a8b0c',
    description:
      'The log’s hash chain at lastPosition (SHA-256, hex), as named on the pack’s cover: `npm run verify -- --head <lastPosition>:<lastHash>` shows whether anything recorded up to there has changed since',
  })
  lastHash!: string | null;
  @ApiProperty({ type: PackHashesDto, description: 'What each file hashed to when it was issued; a download gives the same bytes' })
  sha256!: PackHashesDto;
  @ApiProperty({ description: 'When the pack was recorded as issued to the board' }) issuedAt!: string;
  @ApiProperty({ type: ActorDto, description: 'Who issued it (a DfE adviser sees the role and organisation only)' }) actor!: ActorDto;
  @ApiProperty({ description: 'Global position of the BoardPackIssued event' }) position!: number;
  @ApiProperty({ type: PackDownloadsDto }) downloads!: PackDownloadsDto;
}

export class BoardPacksDto {
  @ApiProperty() planId!: string;
  @ApiProperty() knownAt!: string;
  @ApiProperty({ type: [BoardPackDto], description: 'In the order they were issued' }) packs!: BoardPackDto[];
}
