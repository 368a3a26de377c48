import { createHash } from 'node:crypto';
import { PackFormat } from '../../board-pack/board-pack';

/**
 * What a download of a report file needs, kept apart from the renderers: the request thread serves
 * files and hashes uploads without loading the document libraries, which only the render thread uses.
 */
export interface RenderedFile {
  format: PackFormat;
  bytes: Buffer;
  contentType: string;
  fileName: string;
  sha256: string;
}

export const CONTENT_TYPES: Record<PackFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
};

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
