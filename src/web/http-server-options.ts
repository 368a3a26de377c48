import type { FastifyServerOptions } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { HttpConfig } from '../config/config';
import { Problem, problemType } from './problem.filter';

/** The largest request body read (1 MiB); a larger one is refused with 413. */
export const MAX_BODY_BYTES = 1_048_576;

type ServerOptions = Pick<
  FastifyServerOptions,
  'bodyLimit' | 'requestTimeout' | 'keepAliveTimeout' | 'trustProxy' | 'clientErrorHandler'
> & {
  http: { headersTimeout: number; connectionsCheckingInterval: number };
};

/** What a client whose request could not be read is told, before its connection is closed. */
function clientProblem(code: string | undefined): Problem {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        type: problemType('request-timeout'),
        title: 'The request took too long to arrive',
        status: 408,
        detail: 'The request’s headers and body did not arrive in time; the connection is closed. Send it again.',
      };
    case 'HPE_HEADER_OVERFLOW':
      return {
        type: problemType('headers-too-large'),
        title: 'The request headers are too large',
        status: 431,
        detail: 'The request’s headers are larger than the server reads.',
      };
    default:
      return {
        type: problemType('malformed-request'),
        title: 'The request could not be read',
        status: 400,
        detail: 'The request is not valid HTTP.',
      };
  }
}

/** Answers a request Node could not read (cut off at its deadline, or malformed) in problem form, and closes the connection. */
function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  // A connection the client reset has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const problem = clientProblem(error.code);
  const body = JSON.stringify(problem);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

/**
 * How long the HTTP server waits for a client, and whose X-Forwarded-For it believes. A client that
 * stops sending its headers or its body is cut off at the deadline, so stalled uploads cannot hold the
 * server's connections.
 */
export function httpServerOptions(http: HttpConfig): ServerOptions {
  return {
    bodyLimit: MAX_BODY_BYTES,
    requestTimeout: http.requestTimeoutMs,
    keepAliveTimeout: http.keepAliveTimeoutMs,
    // Node looks for requests past their deadline at this interval (every 30 s unless told): checking a few
    // times within the shortest deadline keeps each one to within a fraction of itself.
    http: {
      headersTimeout: http.headersTimeoutMs,
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(http.headersTimeoutMs / 4))),
    },
    trustProxy: http.trustProxy.length > 0 ? http.trustProxy : false,
    clientErrorHandler,
  };
}
