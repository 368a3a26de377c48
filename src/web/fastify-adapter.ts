import { FastifyAdapter } from '@nestjs/platform-fastify';

/**
 * Fastify under Nest, where a handler that has already answered is left alone.
 *
 * A page renders and sends its own answer (see the pages' `render`), so its handler returns nothing.
 * Nest would then send that nothing as well, and Fastify refuses a second answer by building an error
 * with its stack and logging it as a warning, on every page shown: work and noise for no answer.
 */
export class TrackerFastifyAdapter extends FastifyAdapter {
  override reply(...[response, body, statusCode]: Parameters<FastifyAdapter['reply']>): ReturnType<FastifyAdapter['reply']> {
    if (body === undefined && 'sent' in response && response.sent) return response;
    return super.reply(response, body, statusCode);
  }
}
