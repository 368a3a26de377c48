import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { PlanParams } from '../../web/params';

export class ReturnParams extends PlanParams {
  @ApiProperty({ example: '2025-26 Q3', description: 'The financial-year quarter the return reports on ("2025-26 Q3" or "2025-26-Q3")' })
  @IsString()
  @MaxLength(20)
  period!: string;
}

class ReturnFileDto {
  @ApiProperty({ example: 'halton-quarterly-return-2025-26-Q3.xlsx' }) name!: string;
  @ApiProperty({ description: 'SHA-256 of the file as received, hex' }) sha256!: string;
}

class RecordedRowDto {
  @ApiProperty({ description: 'The row of the file' }) row!: number;
  @ApiProperty({ example: 'P2.1' }) milestoneId!: string;
  @ApiProperty({ example: 'amber' }) rag!: string;
  @ApiProperty({ description: "The milestone's revision after the update" }) revision!: number;
}

class SkippedRowDto {
  @ApiProperty() row!: number;
  @ApiProperty({ example: 'P2.1' }) milestoneId!: string;
  @ApiProperty({ example: 'no rating given' }) why!: string;
}

export class UploadedReturnDto {
  @ApiProperty() planId!: string;
  @ApiProperty({ example: '2025-26 Q3' }) period!: string;
  @ApiProperty({ type: ReturnFileDto }) file!: ReturnFileDto;
  @ApiProperty({ description: 'Milestones whose rating was recorded; 0 when the file held nothing new' }) recorded!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Pass as minPosition to read the ratings back' }) position!: number | null;
  @ApiProperty({ type: [RecordedRowDto] }) updates!: RecordedRowDto[];
  @ApiProperty({ type: [SkippedRowDto] }) skipped!: SkippedRowDto[];
}
