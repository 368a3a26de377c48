import type { FastifyRequest } from 'fastify';

/**
 * Pages are read with a cursor: `after`, the position of the last item seen, and `limit`. A full page may
 * have more after it, so its answer links to the next one (RFC 8288): the same request from that cursor.
 */
export function nextPageLink(request: FastifyRequest, after: number): string {
  const url = new URL(request.url, 'http://tracker.invalid');
  url.searchParams.set('after', String(after));
  return `<${url.pathname}${url.search}>; rel="next"`;
}
