import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, ValidateBy, ValidationOptions } from 'class-validator';
import { IsIsoDate } from '../../web/fields';
import { isInstant, isPosition } from './read-cut';

export const IsInstant = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value) => isInstant(value),
        defaultMessage: (args) =>
          `${args?.property} must be an ISO 8601 instant with a time and a zone, such as 2025-10-01T09:00:00Z`,
      },
    },
    options,
  );

export const IsPosition = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isPosition',
      validator: {
        validate: (value) => isPosition(value),
        defaultMessage: (args) => `${args?.property} must be a non-negative whole number (a position a write answered)`,
      },
    },
    options,
  );

/** The query parameters every read takes. */
export class ReadCutQuery {
  @ApiPropertyOptional({
    description: 'The plan as it stood on this date, by everything known now (or at knownAt). Default: today (UTC).',
    example: '2025-09-30',
  })
  @IsOptional()
  @IsIsoDate()
  asOf?: string;

  @ApiPropertyOptional({
    description: 'Only what had been recorded by this instant (ISO 8601 with a zone). Default: now.',
    example: '2025-11-01T00:00:00Z',
  })
  @IsOptional()
  @IsInstant()
  knownAt?: string;

  @ApiPropertyOptional({
    description:
      'A position a write answered: the read waits (up to 5 s) until the read models have reached it, so a client reads its own writes. ' +
      'Beyond the store’s last position: 400. Not reached within 5 s: 503.',
    example: '42',
  })
  @IsOptional()
  @IsPosition()
  minPosition?: string;
}
