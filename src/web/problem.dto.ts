import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'commentary', description: 'The field at fault, as the request names it (updates[3].rag, If-Match, body)' })
  field!: string;
  @ApiProperty({ example: 'commentary is required' }) message!: string;
}

/** RFC 9457 problem details: the body of every 4xx and 5xx answer, as application/problem+json. */
export class ProblemDto {
  @ApiProperty({ example: 'https://improvement-tracker.example/problems/validation' }) type!: string;
  @ApiProperty({ example: 'The request is not valid' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'commentary: commentary is required' }) detail!: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'One entry per field at fault' }) errors?: FieldErrorDto[];
}
