import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { MAX_JSON_DEPTH, nestedDeeperThan, tooDeepProblem } from './json-depth';
import { ProblemException } from './problem.filter';

/**
 * How request bodies are read (Nest's own parsers are off). A request with no body is read as having none,
 * whatever its Content-Type says: many HTTP clients (and curl habits) send `Content-Type: application/json`
 * on every call, a DELETE included. A JSON body nested deeper than any request needs is refused before it
 * is parsed; otherwise it is read by Fastify's own parser, with its errors and its guard against prototype
 * poisoning. A body of any other type (but text) is refused with 415.
 */
export function readBodies(fastify: FastifyInstance): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  const { bodyLimit } = fastify.initialConfig;
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (request, body, done) => {
    const text = body.toString();
    if (text.trim() === '') done(null, undefined);
    else if (nestedDeeperThan(text, MAX_JSON_DEPTH)) done(new ProblemException(tooDeepProblem()), undefined);
    else parse(request, text, done);
  });
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    if (body.length === 0) done(null, undefined);
    else done(new UnsupportedMediaTypeException('Send the request body as JSON (Content-Type: application/json)'), undefined);
  });
}
