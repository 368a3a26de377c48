import { ApiProperty } from '@nestjs/swagger';
import { READINGS } from '../../domain/provenance';

export class InferredFieldsDto {
  @ApiProperty({
    type: [String],
    example: ['assessment'],
    description: 'Fields of the fact whose values were judged while transcribing',
  })
  fields!: string[];
  @ApiProperty({ example: 'The report does not label its paragraphs as strengths or areas for improvement. …' }) reason!: string;
}

/** Where a fact transcribed from a published document came from, and how it was read. */
export class ProvenanceDto {
  @ApiProperty({ example: '003_9246ea2c0a89d0e3.txt', description: 'The source document' }) document!: string;
  @ApiProperty({ example: 'Ofsted ILACS inspection report, Halton, 13–24 May 2024' }) title!: string;
  @ApiProperty({ example: 'Ofsted', description: 'Who published the document' }) publisher!: string;
  @ApiProperty({ nullable: true, type: String, example: '2026-06-02', description: 'The publication date the document prints' })
  publishedOn!: string | null;
  @ApiProperty({ example: 'paragraph 12, under "The experiences and progress of children who need help and protection"' })
  location!: string;
  @ApiProperty({
    enum: READINGS,
    description:
      'How the fact’s words and figures were read: printed (verbatim), repaired (restored where extraction broke them; see original), ' +
      'inferred (a judgement made while transcribing; see reason), second-hand (reported by a council or the press, not by Ofsted)',
  })
  reading!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Why, whenever the reading is not printed' }) reason!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'The text as extracted, where it was repaired' }) original!:
    string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Ofsted',
    description: 'Whose words the fact records; null when the document does not say',
  })
  author!: string | null;
  @ApiProperty({
    type: [InferredFieldsDto],
    description: 'Fields judged while transcribing, though the rest of the fact was read',
  })
  inferred!: InferredFieldsDto[];
}

/** A read's provenance field: where in a published document the fact was read, and how; null when recorded directly. */
export const ApiProvenance = (whose?: string) =>
  ApiProperty({
    type: ProvenanceDto,
    nullable: true,
    description: `${whose ? `${whose}: ` : ''}where in a published document it was read, and how; null when recorded directly`,
  });

