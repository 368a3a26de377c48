import { applyDecorators, StreamableFile } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiServiceUnavailableResponse } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PACK_FORMATS } from '../../board-pack/board-pack';
import { ReportMoment } from '../quarterly-report/quarterly-report';
import { CONTENT_TYPES, RenderedFile } from './rendered-file';
import { REPORT_CSP } from './report.html';

/** A report file as a download: HTML opens in the browser, the others save under their own name. */
export function sendFile(reply: FastifyReply, file: RenderedFile, moment: Pick<ReportMoment, 'knownAt' | 'lastPosition' | 'lastHash'>): StreamableFile {
  reply.header('ETag', `"${file.sha256}"`);
  reply.header('X-Content-SHA256', file.sha256);
  reply.header('X-Known-At', moment.knownAt);
  if (moment.lastPosition !== null) reply.header('X-Last-Position', String(moment.lastPosition));
  if (moment.lastHash !== null) reply.header('X-Last-Hash', moment.lastHash);
  reply.header('Cache-Control', 'private, no-cache');
  if (file.format === 'html') reply.header('Content-Security-Policy', REPORT_CSP);
  return new StreamableFile(file.bytes, {
    type: file.contentType,
    length: file.bytes.length,
    disposition: `${file.format === 'html' ? 'inline' : 'attachment'}; filename="${file.fileName}"`,
  });
}

/** The documentation of a route that answers a report file. */
export const ApiReportFile = (summary: string, description: string, notFound: string) =>
  applyDecorators(
    ApiOperation({ summary, description }),
    ApiProduces(...PACK_FORMATS.map((f) => CONTENT_TYPES[f])),
    ApiOkResponse({
      description: 'The file; its SHA-256 is in the ETag and X-Content-SHA256 headers, the moment it shows in X-Known-At, the head of the log it reflects in X-Last-Position and X-Last-Hash (the chain’s link there)',
      schema: { type: 'string', format: 'binary' },
    }),
    ApiBadRequestResponse({
      description: 'application/problem+json naming the field: period not a quarter, format unknown, asOf not a real date, knownAt not an instant',
    }),
    ApiNotFoundResponse({ description: `application/problem+json: ${notFound}` }),
    ApiServiceUnavailableResponse({ description: 'application/problem+json: the read models did not reach minPosition within 5 s' }),
  );
