import { ApiProperty } from '@nestjs/swagger';

/** A read's `revision` of a thing that can be written: what a write sends back to refuse a change made since. */
export const ApiRevision = (whose: string) =>
  ApiProperty({
    example: 3,
    description: `${whose} revision, as recorded by knownAt: send it back as expectedRevision (or as If-Match) and a change made since is refused with 409`,
  });
