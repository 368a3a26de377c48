import { ApiProperty, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, ValidateNested } from 'class-validator';
import { IdField, PeriodField, QUARTER_PATTERN } from '../../web/fields';
import { FieldError } from '../../web/problem.filter';
import { UpdateMilestoneDto } from '../update-milestone/update-milestone.dto';

/** More than a whole plan's milestones (Halton's has 51), few enough to decide and append in one go. */
export const MAX_QUARTERLY_UPDATES = 500;

/** One milestone's row: the single update's fields and rules, for the period the request names. */
export class QuarterlyUpdateRowDto extends OmitType(UpdateMilestoneDto, ['period'] as const) {
  @IdField('P2.1') milestoneId!: string;
}

export class RecordQuarterlyUpdateDto {
  @PeriodField(QUARTER_PATTERN, '2025-26 Q2', 'must be a financial-year quarter such as "2025-26 Q2"') period!: string;

  @ApiProperty({
    type: [QuarterlyUpdateRowDto],
    minItems: 1,
    maxItems: MAX_QUARTERLY_UPDATES,
    description: 'One row per milestone, each milestone once; recorded all or none',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_QUARTERLY_UPDATES, { message: `$property may hold at most ${MAX_QUARTERLY_UPDATES} rows; send the rest in another request` })
  @ValidateNested({ each: true })
  @Type(() => QuarterlyUpdateRowDto)
  updates!: QuarterlyUpdateRowDto[];
}

/** A milestone given twice would be rated twice in one submission: each row after the first is named. */
export function repeatedMilestones(updates: readonly QuarterlyUpdateRowDto[]): FieldError[] {
  const first = new Map<string, number>();
  return updates.flatMap(({ milestoneId }, index) => {
    const earlier = first.get(milestoneId);
    if (earlier === undefined) {
      first.set(milestoneId, index);
      return [];
    }
    return [{ field: `updates[${index}].milestoneId`, message: `milestone ${milestoneId} is already in updates[${earlier}]; give each milestone once` }];
  });
}

class RecordedUpdateDto {
  @ApiProperty({ example: 'P2.1' }) milestoneId!: string;
  @ApiProperty({ description: "The milestone's revision after the update; send it back as expectedRevision" }) revision!: number;
}

export class QuarterlyUpdateResultDto {
  @ApiProperty({ description: 'Global position of the last update; pass it as minPosition to read them back' }) position!: number;
  @ApiProperty({ type: [RecordedUpdateDto] }) updates!: RecordedUpdateDto[];
}
