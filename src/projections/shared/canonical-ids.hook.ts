import type { FastifyInstance } from 'fastify';
import { CanonicalIds } from './canonical-ids';

/**
 * Before any route reads its path, body and query (and before access is decided on the plan they
 * name): every id in them written as it was first recorded (see CanonicalIds). A hook, not a Nest
 * interceptor: an interceptor costs every request its own async scope.
 */
export function canonicaliseIds(fastify: FastifyInstance, ids: CanonicalIds): void {
  fastify.addHook('preHandler', (request, _reply, done) => {
    ids.canonicalise(request.params as Record<string, unknown> | undefined, request.body, request.query);
    done();
  });
}
