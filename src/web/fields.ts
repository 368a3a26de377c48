import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { isIsoDate } from '../domain/dates';

/**
 * Field decorators for request DTOs: each validates and documents one kind of input, so every DTO
 * says the same thing about ids, texts and dates.
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 ._:()-]*$/;
const ID_MESSAGE = 'must start with a letter or digit and contain only letters, digits, spaces and . _ : ( ) -';

export const MAX = { id: 64, title: 500, text: 5000, commentary: 20_000, item: 2000, items: 50 } as const;

const optional = (required: boolean) => (required ? [] : [IsOptional()]);
const doc = (required: boolean, options: Record<string, unknown>) =>
  required ? ApiProperty(options) : ApiPropertyOptional(options);

export const IdField = (example: string, required = true) =>
  applyDecorators(
    doc(required, { example, maxLength: MAX.id }),
    ...optional(required),
    IsString(),
    MinLength(1),
    MaxLength(MAX.id),
    Matches(ID_PATTERN, { message: `$property ${ID_MESSAGE}` }),
  );

export const TextField = (maxLength: number, example: string, required = true) =>
  applyDecorators(doc(required, { example, maxLength }), ...optional(required), IsString(), MinLength(required ? 1 : 0), MaxLength(maxLength));

export const TextListField = (example: string[], required = false, maxItems: number = MAX.items) =>
  applyDecorators(
    doc(required, { example, type: [String], maxItems }),
    ...optional(required),
    IsArray(),
    ArrayMaxSize(maxItems),
    IsString({ each: true }),
    MaxLength(MAX.item, { each: true }),
  );

/** A real calendar date written YYYY-MM-DD (2025-02-30 is refused). */
export const IsIsoDate = () =>
  ValidateBy({
    name: 'isIsoDate',
    validator: {
      validate: (value) => isIsoDate(value),
      defaultMessage: (args) => `${args?.property} must be a real date written YYYY-MM-DD, such as 2025-09-30`,
    },
  });

export const DateField = (example: string, required = true, description?: string) =>
  applyDecorators(doc(required, { example, format: 'date', ...(description ? { description } : {}) }), ...optional(required), IsIsoDate());

export const EnumField = (values: readonly string[], required = true, description?: string) =>
  applyDecorators(
    doc(required, { enum: values, ...(description ? { description } : {}) }),
    ...optional(required),
    IsIn(values as string[], { message: `$property must be one of: ${values.join(', ')}` }),
  );

/** A word as people type it, read as the value it names: any case, spaces or underscores for hyphens ("Not rated"). */
export const AsTyped = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase().replace(/[\s_]+/g, '-') : value));

/** A choice typed by people (a rating): accepted in any case ("Green"), recorded as the value it names ("green"). */
export const TypedChoiceField = (values: readonly string[], required = true, description?: string) =>
  applyDecorators(AsTyped(), EnumField(values, required, `${description ? `${description}. ` : ''}Any case is accepted ("Green", "Not rated")`));

export const NumberField = (example: number) =>
  applyDecorators(ApiProperty({ example }), IsNumber({ allowNaN: false, allowInfinity: false }));

/** A whole number from 1, such as a paragraph number. */
export const PositiveIntegerField = (example: number, description: string) =>
  applyDecorators(ApiPropertyOptional({ example, description, minimum: 1 }), IsOptional(), IsInt(), Min(1));

/** The stream revision the client last read; a mismatch is 409 (optimistic concurrency). */
export const ExpectedRevisionField = () =>
  applyDecorators(
    ApiPropertyOptional({ description: 'The revision you last read; if someone changed it since, the answer is 409', example: 0 }),
    IsOptional(),
    IsInt(),
    Min(0),
  );

export const QUARTER_PATTERN = /^\d{4}-\d{2} Q[1-4]$/;
export const PERIOD_PATTERN = /^(\d{4}-\d{2} Q[1-4]|\d{4}-\d{2})$/;

export const PeriodField = (pattern: RegExp, example: string, message: string) =>
  applyDecorators(ApiProperty({ example, description: message }), IsString(), Matches(pattern, { message: `$property ${message}` }));
