import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';

type ResponseType = Parameters<typeof ApiOkResponse>[0] extends infer O ? (O extends { type?: infer T } ? T : never) : never;

/** The documentation every read shares: what it answers, and its problem+json errors. */
export const ApiRead = (
  summary: string,
  description: string,
  type: ResponseType,
  options: { notFound?: string; headers?: Record<string, { description: string }> } = {},
) =>
  applyDecorators(
    ApiOperation({ summary, description }),
    ApiOkResponse({ type, ...(options.headers ? { headers: options.headers } : {}) }),
    ApiBadRequestResponse({
      description:
        'application/problem+json naming the field: asOf not a real date, knownAt not an instant, minPosition not a position',
    }),
    ...(options.notFound ? [ApiNotFoundResponse({ description: `application/problem+json: ${options.notFound}` })] : []),
    ApiServiceUnavailableResponse({
      description: 'application/problem+json: the read models did not reach minPosition within 5 s',
    }),
  );
