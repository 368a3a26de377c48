import { ApiProperty } from '@nestjs/swagger';
import { CommandResult } from '../domain/command';

export class WriteResultDto {
  @ApiProperty({ description: 'Revision of the changed stream; send it back as expectedRevision to update safely' })
  revision!: number;
  @ApiProperty({ description: 'Global position of the write; pass it as minPosition to read your own write' })
  position!: number;
  @ApiProperty({ example: 'milestone-halton/P2.1' })
  streamId!: string;
  @ApiProperty({ type: [String] })
  eventIds!: string[];
}

export const toWriteResult = (result: CommandResult, extra: Record<string, unknown> = {}): WriteResultDto & Record<string, unknown> => ({
  revision: result.revision,
  position: result.position,
  streamId: result.streamId,
  eventIds: result.events.map((e) => e.eventId),
  ...extra,
});
