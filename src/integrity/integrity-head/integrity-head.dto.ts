import { ApiProperty } from '@nestjs/swagger';

export class IntegrityHeadDto {
  @ApiProperty({
    description: 'The position of the last event recorded (-1 for an empty log): pass it to `npm run verify -- --head <position>:<hash>` later',
    example: 4211,
  })
  position!: number;

  @ApiProperty({
    description:
      'Its link in the log’s hash chain (SHA-256, hex): each event’s link covers the link before it and the event, so this one stands for the whole log up to here. Kept somewhere else, it shows later whether anything before it was changed, deleted or inserted.',
    example: '3f5c0b8f0f4b5d1a8c8e2b7e6d3a1f9c0e4d2b6a8c1e3f5a7b9d0c2e4f6a8b0c',
  })
  hash!: string;
}
